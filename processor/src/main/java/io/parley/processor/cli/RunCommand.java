package io.parley.processor.cli;

import io.parley.ingest.IngestConfig;
import io.parley.ingest.feed.FeedCatalog;
import io.parley.ingest.feed.FeedList;
import io.parley.processor.ProcessorConfig;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley run}: ingest, processor and alert console in one process. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Runs everything in one process: feed polling, the Streams processor and a live console line",
        "per alert. Without --bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS it starts an embedded",
        "single-node Kafka broker with its state under --data-dir. Feeds come from --feeds, else the",
        "feeds topic, else a bundled list of public world-news feeds. --demo serves bundled sample",
        "coverage from a local feed server instead, so alerts appear within seconds with no internet.",
        "Ctrl-C stops everything cleanly."})
public final class RunCommand implements Callable<Integer>, ParleyCommand.UsesEnvironment {

  @Mixin KafkaOptions kafkaOptions;

  @Option(names = "--feeds", paramLabel = "FILE|OPML",
      description = "Feed list: one URL a line (optionally followed by a name), or an OPML file.")
  Path feeds;

  @Option(names = "--demo", description = "Poll the bundled sample coverage from a local feed server.")
  boolean demo;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "State of the embedded broker and the stream stores (env PARLEY_DATA_DIR, default ./parley-data;"
          + " with --demo, a temporary folder removed on exit).")
  Path dataDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  private Map<String, String> env = Map.of();

  @Override
  public void environment(final Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    final PrintWriter out = spec.commandLine().getOut();
    if (demo && feeds != null) {
      throw new ConfigError("--demo and --feeds cannot be used together");
    }
    final Topics topics = kafkaOptions.topics(env);
    final ProcessorConfig processor;
    final IngestConfig ingest;
    try {
      processor = ProcessorConfig.fromEnv(env);
      ingest = IngestConfig.fromEnv(env);
    } catch (final IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
    final List<FeedConfig> fileFeeds = feeds == null ? null : readFeedFile(feeds, ingest.defaultIntervalSeconds());
    final String bootstrap = kafkaOptions.bootstrapServers(env);
    final boolean temporary = demo && dataDir == null && env.get("PARLEY_DATA_DIR") == null;
    final Path dir = temporary ? Files.createTempDirectory("parley-demo-") : writableDir(
        dataDir != null ? dataDir : Path.of(env.getOrDefault("PARLEY_DATA_DIR", "parley-data")));

    final ParleyRuntime runtime = new ParleyRuntime();
    final CountDownLatch stopped = new CountDownLatch(1);
    final Thread hook = new Thread(() -> {
      out.println("\nparley: stopping …");
      out.flush();
      runtime.close();
      if (temporary) {
        deleteQuietly(dir);
      }
      out.println("parley: stopped");
      out.flush();
      stopped.countDown();
    }, "parley-shutdown");
    final ParleyRuntime.Plan plan = new ParleyRuntime.Plan(bootstrap, dir,
        kafkaOptions.clientConfig(env, bootstrap == null ? "" : bootstrap), topics,
        kafkaOptions.partitions(env), kafkaOptions.replication(env), processor, ingest, demo,
        kafka -> fileFeeds != null ? fileFeeds : feedsFromTopicOrDefault(kafka, topics, ingest.defaultIntervalSeconds()));
    try {
      runtime.start(plan, out);
    } catch (final RuntimeException e) {
      if (temporary) {
        deleteQuietly(dir);
      }
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    return 0;
  }

  private static List<FeedConfig> readFeedFile(final Path file, final int interval) {
    try {
      final List<FeedConfig> list = FeedList.read(file, interval, Instant.now());
      if (list.isEmpty()) {
        throw new ConfigError(file + ": no feeds in the list");
      }
      return list;
    } catch (final IOException e) {
      throw new ConfigError("cannot read feed list " + file + ": " + e.getMessage());
    } catch (final IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
  }

  private static List<FeedConfig> feedsFromTopicOrDefault(final Map<String, Object> kafka, final Topics topics,
      final int interval) {
    final List<FeedConfig> known = FeedCatalog.readAll(kafka, topics.feeds(), Duration.ofSeconds(30));
    if (!known.isEmpty()) {
      return known;
    }
    try (InputStream in = RunCommand.class.getResourceAsStream("/io/parley/processor/default-feeds.txt")) {
      return FeedList.parse(in.readAllBytes(), "bundled feed list", interval, Instant.now());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the bundled feed list", e);
    }
  }

  private static Path writableDir(final Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (final IOException e) {
      throw new ConfigError("data dir " + dir + " cannot be created: " + e.getMessage());
    }
    if (!Files.isWritable(dir)) {
      throw new ConfigError("data dir " + dir + " is not writable");
    }
    return dir.toAbsolutePath();
  }

  private static void deleteQuietly(final Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (final IOException ignored) {
      // temporary; nothing else to do
    }
  }
}
