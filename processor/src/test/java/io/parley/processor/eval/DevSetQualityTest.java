package io.parley.processor.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.replay.ReplayInput;
import io.parley.processor.replay.Replayer;
import io.parley.testing.Shared;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quality on the labelled development set, asserted in the build: signal type F1 ≥ 0.95, mode
 * F1 ≥ 0.85, round pairwise F1 ≥ 0.85. The same figures as {@code parley eval --labels}.
 */
class DevSetQualityTest {

  @Test
  void devSetMeetsTheQualityBar() throws Exception {
    final Path labels = Shared.dir().resolve("datasets/dev-signals.jsonl");
    final Replayer.ReplayResult result = new Replayer(ProcessorConfig.defaults())
        .run(ReplayInput.read(List.of(labels), Instant.now()), n -> { });
    final Evaluation evaluation = Evaluation.of(Label.read(labels), result.articles());

    System.err.println("dev set: type " + evaluation.type() + "\n         mode " + evaluation.mode()
        + "\n         rounds " + evaluation.rounds());
    evaluation.errors().forEach(e -> System.err.println("  " + e));
    assertThat(evaluation.type().f1()).as("type F1").isGreaterThanOrEqualTo(0.95);
    assertThat(evaluation.mode().f1()).as("mode F1").isGreaterThanOrEqualTo(0.85);
    assertThat(evaluation.rounds().f1()).as("round pairwise F1").isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void scoresCountPrecisionOverAllowedAndRecallOverPrimary() {
    final Evaluation.Score score = new Evaluation.Score(3, 4, 2, 4);
    assertThat(score.precision()).isEqualTo(0.75);
    assertThat(score.recall()).isEqualTo(0.5);
    assertThat(score.f1()).isEqualTo(0.6);
  }
}
