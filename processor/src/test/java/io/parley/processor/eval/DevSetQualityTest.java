package io.parley.processor.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.replay.ReplayInput;
import io.parley.processor.replay.Replayer;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.Severity;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import io.parley.testing.Shared;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Quality on the labelled development sets, asserted in the build — the same figures as
 * {@code parley eval --labels}. {@code dev-signals.jsonl} (short items, tuned on): type F1 ≥ 0.95,
 * mode F1 ≥ 0.85, round F1 ≥ 0.90, card precision ≥ 0.90 and development recall ≥ 0.90.
 * {@code dev-more.jsonl} (long wire stories, busy tracks): round F1 ≥ 0.90 and at most 1.2 cards a
 * development (issue 20's targets; the build holds 0.93 and 1.15), and for signals and cards the floor
 * this build reaches, so that no change falls below it (issue 21's targets are higher: see the README).
 */
class DevSetQualityTest {

  private static Evaluation evaluate(final String set) throws Exception {
    final Path labels = Shared.dir().resolve("datasets/" + set);
    final Replayer.ReplayResult result = new Replayer(ProcessorConfig.defaults())
        .run(ReplayInput.read(List.of(labels), Instant.now()), n -> { });
    final Evaluation evaluation = Evaluation.of(Label.read(labels), result.articles(), result.alerts());
    System.err.println(set + ": type " + evaluation.type() + "\n         mode " + evaluation.mode()
        + "\n         rounds " + evaluation.rounds() + "\n         cards " + evaluation.cards());
    evaluation.errors().forEach(e -> System.err.println("  " + e));
    return evaluation;
  }

  @Test
  void devSetMeetsTheQualityBar() throws Exception {
    final Evaluation evaluation = evaluate("dev-signals.jsonl");
    assertThat(evaluation.type().f1()).as("type F1").isGreaterThanOrEqualTo(0.95);
    assertThat(evaluation.mode().f1()).as("mode F1").isGreaterThanOrEqualTo(0.85);
    assertThat(evaluation.rounds().f1()).as("round pairwise F1").isGreaterThanOrEqualTo(0.90);
    assertThat(evaluation.cards().precision()).as("card precision").isGreaterThanOrEqualTo(0.90);
    assertThat(evaluation.cards().recall()).as("development recall").isGreaterThanOrEqualTo(0.915);
  }

  @Test
  void longCoverageOfBusyTracksHoldsItsFloor() throws Exception {
    final Evaluation evaluation = evaluate("dev-more.jsonl");
    // Issue 21's targets on dev-more: type F1 ≥ 0.95, mode F1 ≥ 0.90, cards ≥ 0.92 / 0.85 (the build holds more).
    assertThat(evaluation.type().f1()).as("type F1 (issue 21: ≥ 0.95)").isGreaterThanOrEqualTo(0.95);
    assertThat(evaluation.mode().f1()).as("mode F1 (issue 21: ≥ 0.90)").isGreaterThanOrEqualTo(0.915);
    assertThat(evaluation.rounds().f1()).as("round pairwise F1 (issue 20: ≥ 0.90)").isGreaterThanOrEqualTo(0.93);
    assertThat(evaluation.cards().precision()).as("card precision").isGreaterThanOrEqualTo(0.95);
    assertThat(evaluation.cards().recall()).as("development recall").isGreaterThanOrEqualTo(0.915);
    assertThat(evaluation.cards().perDevelopment()).as("cards a development (issue 20: ≤ 1.2)").isLessThanOrEqualTo(1.15);
  }

  @Test
  void cardsAreScoredAgainstDevelopments() {
    // Two items of one engagement report the meeting held; a third item, alone, a threat.
    final List<Label> labels = List.of(
        new Label("a", "talks-1", Set.of("MEETING/HELD"), Set.of("SANCTIONS/THREATENED")),
        new Label("b", "talks-1", Set.of("MEETING/HELD"), Set.of()),
        new Label("c", null, Set.of("SANCTIONS/THREATENED"), Set.of()));
    final List<Article> articles = List.of(article("a"), article("b"), article("c"));
    final List<Alert> alerts = List.of(
        alert("r1/MEETING/HELD", 1, "MEETING", "HELD", "id-a"),
        alert("r1/MEETING/HELD", 2, "MEETING", "HELD", "id-a", "id-b"), // a revision: still one card
        alert("r2/MEETING/HELD", 1, "MEETING", "HELD", "id-b"), // the same development again: a duplicate
        alert("r1/SANCTIONS/THREATENED", 1, "SANCTIONS", "THREATENED", "id-a"), // mentioned: right, no development
        alert("r3/AGREEMENT/SIGNED", 1, "AGREEMENT", "SIGNED", "id-c")); // wrong
    final Evaluation.Cards cards = Evaluation.of(labels, articles, alerts).cards();
    assertThat(cards.cards()).isEqualTo(4);
    assertThat(cards.right()).isEqualTo(3);
    assertThat(cards.developments()).isEqualTo(2);
    assertThat(cards.found()).as("the threat of item c has no card of its own").isEqualTo(1);
    assertThat(cards.duplicates()).isEqualTo(1);
  }

  private static Article article(final String guid) {
    return Article.newBuilder().setArticleId("id-" + guid).setGuid(guid).setItemKey(guid)
        .setTitle("t").setText("").setSource("s").setFeedId("f").setPublished(Instant.EPOCH).setIngested(Instant.EPOCH)
        .setFingerprint("x").setRulesVersion("test").build();
  }

  private static Alert alert(final String id, final int revision, final String type, final String mode,
      final String... articleIds) {
    return Alert.newBuilder().setAlertId(id).setRevision(revision)
        .setType(SignalType.valueOf(type)).setMode(SignalMode.valueOf(mode))
        .setRoundId(id.substring(0, 2)).setTrack("XX-YY").setTitle("t").setEvidence("e").setArticleIds(List.of(articleIds))
        .setSources(List.of("s")).setFirstSeen(Instant.EPOCH).setUpdated(Instant.EPOCH).setSeverity(Severity.LOW).build();
  }

  @Test
  void scoresCountPrecisionOverAllowedAndRecallOverPrimary() {
    final Evaluation.Score score = new Evaluation.Score(3, 4, 2, 4);
    assertThat(score.precision()).isEqualTo(0.75);
    assertThat(score.recall()).isEqualTo(0.5);
    assertThat(score.f1()).isEqualTo(0.6);
  }
}
