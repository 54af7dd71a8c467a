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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley run}: ingest, processor and alert console in one process. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Runs everything in one process: feed polling, the Streams processor, a live console line",
        "per alert, and /metrics and /health on --http-port. Without --bootstrap-servers /",
        "KAFKA_BOOTSTRAP_SERVERS it starts an embedded single-node Kafka broker with its state under",
        "--data-dir. Feeds come from --feeds, else the feeds topic, else a bundled list of public",
        "world-news feeds. --demo serves bundled sample coverage from a local feed server instead, so",
        "alerts appear within seconds with no internet (its state goes to a temporary folder unless",
        "--data-dir is given). Ctrl-C stops everything cleanly."})
public final class RunCommand extends EnvCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafkaOptions;
  @Mixin ServiceOptions serviceOptions;

  @Option(names = "--feeds", paramLabel = "FILE|OPML",
      description = "Feed list: one URL a line (optionally followed by a name), or an OPML file.")
  Path feeds;

  @Option(names = "--demo", description = "Poll the bundled sample coverage from a local feed server.")
  boolean demo;

  @Option(names = "--kafka-port", paramLabel = "PORT",
      description = "Client port of the embedded broker on 127.0.0.1 (env PARLEY_KAFKA_PORT, default 9092; "
          + "a free one, said on the console, when it is busy; 0 for any free one).")
  Integer kafkaPort;


  @Override
  public Integer call() throws Exception {
    if (demo && feeds != null) {
      throw new ConfigError("--demo and --feeds cannot be used together");
    }
    final Configuration config = configuration();
    final boolean temporary = demo && !config.dataDirGiven();
    final ParleyRuntime.Plan plan = plan(ParleyRuntime.Role.ALL, config, feeds, demo,
        temporary ? Files.createTempDirectory("parley-demo-") : null, spec.commandLine().getErr());
    return Services.runUntilStopped(plan, spec.commandLine().getOut(), temporary ? plan.dataDir() : null);
  }

  /** This command's configuration: its flags over the environment over the defaults. */
  Configuration configuration() {
    return Configuration.of(env, kafkaOptions, serviceOptions).flag("PARLEY_KAFKA_PORT", "--kafka-port", kafkaPort);
  }

  /** The plan shared by run, ingest and process. */
  static ParleyRuntime.Plan plan(final ParleyRuntime.Role role, final Configuration config, final Path feedFile,
      final boolean demo, final Path dataDirOverride, final PrintWriter err) {
    final Topics topics = config.topics();
    final ProcessorConfig processor = config.processor();
    final IngestConfig ingest = config.ingest();
    final List<FeedConfig> fileFeeds = feedFile == null ? null : readFeedFile(feedFile, ingest.defaultIntervalSeconds());
    final Function<Map<String, Object>, List<FeedConfig>> feeds =
        kafka -> fileFeeds != null ? fileFeeds : feedsFromTopicOrDefault(kafka, topics, ingest.defaultIntervalSeconds());
    final String bootstrap = config.bootstrapServers();
    return ParleyRuntime.Plan.builder(role, dataDirOverride != null ? dataDirOverride : config.dataDir())
        .bootstrapServers(bootstrap)
        .kafka(config.kafkaClients(bootstrap == null ? "" : bootstrap, err))
        .topics(topics, config.partitions(), config.replication())
        .processor(processor)
        .ingest(ingest)
        .demo(demo)
        .feeds(feeds)
        .http(config.http())
        .kafkaPort(bootstrap == null ? config.kafkaPort() : 0)
        .alertsJson(config.alertsJson())
        .build();
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
}
