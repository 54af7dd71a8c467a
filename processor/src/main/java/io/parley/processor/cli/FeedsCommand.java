package io.parley.processor.cli;

import io.parley.ingest.feed.FeedCatalog;
import io.parley.ingest.feed.FeedList;
import io.parley.ingest.publish.TopicProducer;
import io.parley.processor.runtime.TopicAdmin;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley feeds add|import|list}: the feed list in the compacted feeds topic. */
@Command(name = "feeds", mixinStandardHelpOptions = true,
    description = "Manages the feed list, kept in the compacted feeds topic (parley.feeds).",
    subcommands = {FeedsCommand.Add.class, FeedsCommand.Import.class, FeedsCommand.ListFeeds.class})
public final class FeedsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Shared by the subcommands: the cluster, with the topics in place. */
  abstract static class OnCluster extends EnvCommand implements Callable<Integer> {
    @Mixin KafkaOptions kafkaOptions;

    Configuration config() {
      return Configuration.of(env, kafkaOptions, null);
    }

    Map<String, Object> cluster(final Topics topics) {
      final Configuration config = config();
      final String bootstrap = config.bootstrapServers();
      if (bootstrap == null) {
        throw new ConfigError("feeds needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
      }
      final Map<String, Object> kafka = new LinkedHashMap<>(config.kafkaClients(bootstrap, spec.commandLine().getErr()));
      final Map<String, Object> admin = new LinkedHashMap<>(kafka);
      admin.putIfAbsent("default.api.timeout.ms", 20_000);
      admin.putIfAbsent("request.timeout.ms", 15_000);
      try (Admin client = Admin.create(admin)) {
        final TopicAdmin topicAdmin = new TopicAdmin(client, Duration.ofSeconds(20));
        topicAdmin.ensure(topics, config.partitions(), topicAdmin.replication(config.replication()));
      } catch (final TopicAdmin.TopicSetupException e) {
        throw new ConfigError("Kafka at " + bootstrap + ": " + e.getMessage());
      }
      return kafka;
    }

    int publish(final List<FeedConfig> feeds) {
      final Topics topics = config().topics();
      try (TopicProducer producer = new TopicProducer(cluster(topics), "parley-feeds-cli")) {
        final List<Future<?>> sent = new ArrayList<>();
        for (final FeedConfig feed : feeds) {
          sent.add(producer.send(topics.feeds(), feed.getFeedId(), feed));
        }
        producer.flush();
        for (final Future<?> f : sent) {
          f.get();
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConfigError("interrupted");
      } catch (final ExecutionException e) {
        throw new ConfigError("cannot write the feed list: " + e.getCause().getMessage());
      }
      final PrintWriter out = spec.commandLine().getOut();
      feeds.forEach(f -> out.println("added " + f.getFeedId() + "  " + ConsoleText.safe(f.getUrl())));
      out.flush();
      return 0;
    }
  }

  /** {@code parley feeds add URL}. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds (or updates) one feed. http/https only.")
  static final class Add extends OnCluster {
    @Parameters(index = "0", paramLabel = "URL") String url;
    @Option(names = "--name", description = "Display name (the feed's own title is used otherwise).") String name;
    @Option(names = "--tags", split = ",", description = "Comma-separated tags.") List<String> tags = new ArrayList<>();
    @Option(names = "--interval", paramLabel = "SECONDS", description = "Poll interval (default PARLEY_POLL_INTERVAL_SECONDS or 300).")
    Integer interval;

    @Override
    public Integer call() {
      final int seconds = config().flag("PARLEY_POLL_INTERVAL_SECONDS", "--interval", interval).pollIntervalSeconds();
      if (seconds < 1) {
        throw new ConfigError("--interval must be at least 1 second");
      }
      final FeedConfig feed;
      try {
        feed = FeedConfig.newBuilder(FeedList.feed(url, name, seconds, Instant.now())).setTags(tags).build();
      } catch (final IllegalArgumentException e) {
        throw new ConfigError(e.getMessage());
      }
      return publish(List.of(feed));
    }
  }

  /** {@code parley feeds import OPML}. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Adds every feed of an OPML file (or a text list: one URL a line, optionally followed by a name).")
  static final class Import extends OnCluster {
    @Parameters(index = "0", paramLabel = "OPML") Path file;

    @Override
    public Integer call() {
      final List<FeedConfig> feeds;
      try {
        feeds = FeedList.read(file, config().pollIntervalSeconds(), Instant.now());
      } catch (final IOException e) {
        throw new ConfigError("cannot read " + file + ": " + e.getMessage());
      } catch (final IllegalArgumentException e) {
        throw new ConfigError(e.getMessage());
      }
      if (feeds.isEmpty()) {
        throw new ConfigError(file + ": no feeds in the list");
      }
      return publish(feeds);
    }
  }

  /** {@code parley feeds list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints the feed list.")
  static final class ListFeeds extends OnCluster {
    @Override
    public Integer call() {
      final Topics topics = config().topics();
      final List<FeedConfig> feeds = FeedCatalog.readAll(cluster(topics), topics.feeds(), Duration.ofSeconds(30));
      final PrintWriter out = spec.commandLine().getOut();
      for (final FeedConfig f : feeds) {
        out.printf("%-40s %5ds  %s%s%s%n", ConsoleText.safe(f.getFeedId()), f.getIntervalSeconds(),
            ConsoleText.safe(f.getUrl()), f.getName() == null ? "" : "  " + ConsoleText.safe(f.getName()),
            f.getTags().isEmpty() ? "" : "  [" + ConsoleText.safe(String.join(",", f.getTags())) + "]");
      }
      out.println(feeds.size() + " feeds");
      out.flush();
      return 0;
    }
  }
}
