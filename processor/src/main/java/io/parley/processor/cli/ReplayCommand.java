package io.parley.processor.cli;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.replay.ReplayInput;
import io.parley.processor.replay.ReplaySource;
import io.parley.processor.replay.ReplayWriter;
import io.parley.processor.replay.Replayer;
import io.parley.schemas.Article;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley replay}: files through the production topology, to JSONL. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {
        "Runs RSS/Atom files or JSONL article files through the same topology the service runs, with",
        "event time = each item's published time, and writes DIR/articles.jsonl, DIR/rounds.jsonl and",
        "DIR/alerts.jsonl. Deterministic: the same input gives the same round and alert ids.",
        "A line or feed file that cannot be read is reported on stderr with its line number and skipped",
        "(--strict stops at the first). Exit 0 on success, 1 when some input was skipped, 2 on bad",
        "arguments or input that cannot be opened."})
public final class ReplayCommand extends EnvCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
      description = "Feed files, JSONL files or folders of them.")
  List<Path> inputs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
  Path out;

  @Option(names = "--strict", description = "Stop at the first line or file that cannot be read (exit 2).")
  boolean strict;


  @Override
  public Integer call() {
    final PrintWriter err = spec.commandLine().getErr();
    final ProcessorConfig config;
    final List<String> skipped = new ArrayList<>();
    final ReplaySource items;
    try {
      config = Configuration.of(env, null, null).processor();
      items = ReplaySource.open(inputs, Instant.now(), bad -> {
        if (strict) {
          throw new ReplayInput.ReplayInputException(bad);
        }
        if (skipped.size() < 20) {
          err.println("replay: skipped " + ConsoleText.safe(bad));
          err.flush();
        }
        skipped.add(bad);
      }, lines -> {
        err.printf("\rreplay: %,d lines checked", lines);
        err.flush();
      });
    } catch (final IllegalArgumentException | ReplayInput.ReplayInputException e) {
      throw new ConfigError(e.getMessage());
    }
    if (items.size() >= 10_000) {
      err.print("\r" + " ".repeat(60) + "\r");
    }
    final long started = System.nanoTime();
    final Progress progress = new Progress(err, items.size());
    final Replayer.ReplayResult result;
    try (items) {
      result = new Replayer(config).run(items, progress::update);
    }
    progress.done();
    try {
      ReplayWriter.write(result, out);
    } catch (final IOException e) {
      throw new ConfigError("cannot write to " + out + ": " + e.getMessage());
    }
    err.printf("replay: %d items → %d articles, %d rounds, %d alerts, %d dead letters in %.1f s → %s%n",
        items.size(), result.articles().size(), result.rounds().size(), result.alerts().size(),
        result.deadLetters().size(), (System.nanoTime() - started) / 1e9, out);
    // Nothing vanishes in silence: a development seen on no track is named, with the parties found.
    final List<Article> untracked = result.articles().stream()
        .filter(a -> a.getTrack() == null && !a.getSignals().isEmpty()).toList();
    if (!untracked.isEmpty()) {
      err.printf("replay: %d articles with signals have no track (parties not resolved; in articles.jsonl, no round, no alert):%n",
          untracked.size());
      untracked.stream().limit(20).forEach(a -> err.printf("  %s  parties %s  “%s”%n", a.getGuid(), a.getActors(),
          ConsoleText.safe(a.getTitle())));
    }
    if (!skipped.isEmpty()) {
      err.printf("replay: %d lines or files could not be read and were skipped%s%n", skipped.size(),
          skipped.size() > 20 ? " (the first 20 are listed above)" : "");
    }
    err.flush();
    return skipped.isEmpty() ? 0 : 1;
  }

  /** A progress bar on stderr, for long inputs only. */
  private static final class Progress {
    private final PrintWriter err;
    private final int total;
    private boolean shown;

    Progress(final PrintWriter err, final int total) {
      this.err = err;
      this.total = total;
    }

    void update(final int done) {
      if (total < 5_000 || done == total) {
        return;
      }
      final int width = 30;
      final int filled = (int) ((long) width * done / total);
      err.printf("\rreplay [%s%s] %,d/%,d", "#".repeat(filled), ".".repeat(width - filled), done, total);
      err.flush();
      shown = true;
    }

    void done() {
      if (shown) {
        err.print("\r" + " ".repeat(60) + "\r");
        err.flush();
      }
    }
  }
}
