package io.parley.processor.cli;

import io.parley.ingest.IngestConfig;
import io.parley.ingest.check.FeedCheck;
import io.parley.ingest.feed.FeedFetcher;
import io.parley.schemas.RawItem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code parley feed check}: what ingest would make of feeds, without publishing anything. */
@Command(name = "feed", mixinStandardHelpOptions = true, description = "Inspects feeds.",
    subcommands = {FeedCommand.Check.class})
public final class FeedCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code parley feed check URL|FILE|DIR…}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {
          "Fetches (URLs, as ingest does) or reads (files, folders) feeds and prints what would be ingested,",
          "or why each is refused or failed. For several inputs, one line each, then",
          "'checked N: parsed P, refused R, failed F' and a table of reasons.",
          "Exit 0 when everything parsed, 1 when something was refused or failed, 2 on bad arguments."})
  public static final class Check extends EnvCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "URL|FILE|DIR", description = "Feeds to check.")
    List<String> inputs;


    @Override
    public Integer call() {
      final IngestConfig config = Configuration.of(env, null, null).ingest();
      // The same fetch as ingest's, address guard included: a URL ingest would refuse is refused here.
      final FeedCheck check = new FeedCheck(new FeedFetcher(config.fetchSettings()));
      final List<FeedCheck.Result> results = new ArrayList<>();
      for (final String input : inputs) {
        if (input.contains("://")) {
          results.add(check.url(input));
          continue;
        }
        final Path path = Path.of(input);
        if (Files.isDirectory(path)) {
          try {
            FeedCheck.files(path).forEach(f -> results.add(check.file(f)));
          } catch (final IOException e) {
            throw new ConfigError("cannot read folder " + path + ": " + e.getMessage());
          }
        } else if (Files.isRegularFile(path)) {
          results.add(check.file(path));
        } else {
          throw new ConfigError("no such file, folder or URL: " + input);
        }
      }
      final PrintWriter out = spec.commandLine().getOut();
      if (results.size() == 1) {
        printItems(out, results.get(0));
      } else {
        results.forEach(r -> out.println(line(r)));
        printSummary(out, results);
      }
      out.flush();
      return results.stream().allMatch(r -> r.verdict() == FeedCheck.Verdict.PARSED) ? 0 : 1;
    }

    private static String line(final FeedCheck.Result r) {
      return switch (r.verdict()) {
        case PARSED -> "PARSED   " + ConsoleText.safe(r.input()) + "  " + r.feed().format() + ", " + r.feed().items().size() + " items";
        case REFUSED -> "REFUSED  " + ConsoleText.safe(r.input()) + "  " + ConsoleText.safe(r.reason());
        case FAILED -> "FAILED   " + ConsoleText.safe(r.input()) + "  " + ConsoleText.safe(r.reason());
      };
    }

    private static void printItems(final PrintWriter out, final FeedCheck.Result r) {
      out.println(line(r));
      if (r.feed() == null) {
        return;
      }
      out.println("  feed: " + ConsoleText.safe(r.feed().title()));
      for (final RawItem item : r.feed().items()) {
        out.println("  - " + ConsoleText.safe(item.getTitle()));
        out.println("    guid " + ConsoleText.safe(item.getGuid()) + "  link " + ConsoleText.safe(item.getLink())
            + "  published " + item.getPublished() + (item.getFlags().isEmpty() ? "" : "  flags " + item.getFlags()));
      }
    }

    private static void printSummary(final PrintWriter out, final List<FeedCheck.Result> results) {
      final long parsed = results.stream().filter(r -> r.verdict() == FeedCheck.Verdict.PARSED).count();
      final long refused = results.stream().filter(r -> r.verdict() == FeedCheck.Verdict.REFUSED).count();
      final long failed = results.size() - parsed - refused;
      out.printf("checked %d: parsed %d, refused %d, failed %d%n", results.size(), parsed, refused, failed);
      final Map<String, Integer> reasons = new TreeMap<>();
      results.stream().filter(r -> r.verdict() != FeedCheck.Verdict.PARSED)
          .forEach(r -> reasons.merge(r.verdict() + "  " + FeedCheck.reasonKind(r.reason()), 1, Integer::sum));
      if (!reasons.isEmpty()) {
        out.println("reasons:");
        reasons.forEach((reason, n) -> out.printf("  %6d  %s%n", n, ConsoleText.safe(reason)));
      }
    }
  }
}
