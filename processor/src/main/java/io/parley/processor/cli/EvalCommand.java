package io.parley.processor.cli;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.eval.Evaluation;
import io.parley.processor.eval.Label;
import io.parley.processor.replay.ReplayInput;
import io.parley.processor.replay.Replayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley eval}: signal and round quality on a labelled set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {
        "Replays a labelled JSONL set (format: ../shared/datasets/README.md) through the topology and",
        "prints type and mode precision/recall/F1, round pairwise F1, alert cards against labelled",
        "developments (precision, recall, duplicates), and every error.",
        "Exit 0, or 2 on bad arguments or unreadable input."})
public final class EvalCommand extends EnvCommand implements Callable<Integer> {

  @Option(names = "--labels", required = true, paramLabel = "FILE.jsonl", description = "The labelled set.")
  Path labels;


  @Override
  public Integer call() {
    final List<Label> gold;
    final Replayer.ReplayResult result;
    try {
      gold = Label.read(labels);
      result = new Replayer(Configuration.of(env, null, null).processor()).run(ReplayInput.read(List.of(labels), Instant.now()), n -> { });
    } catch (final IOException | IllegalArgumentException | ReplayInput.ReplayInputException e) {
      throw new ConfigError(e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
    }
    final Evaluation evaluation = Evaluation.of(gold, result.articles(), result.alerts());
    final PrintWriter out = spec.commandLine().getOut();
    out.println("items   " + gold.size());
    out.println("type    " + evaluation.type());
    out.println("mode    " + evaluation.mode());
    out.println("rounds  " + evaluation.rounds());
    out.println("cards   " + evaluation.cards());
    out.println(evaluation.errors().isEmpty() ? "errors  none" : "errors  " + evaluation.errors().size() + ":");
    evaluation.errors().forEach(e -> out.println("  " + ConsoleText.safe(e)));
    out.flush();
    return 0;
  }
}
