package io.parley.processor.cli;

import io.parley.embedded.EmbeddedKafka;
import io.parley.ingest.IngestConfig;
import io.parley.ingest.IngestService;
import io.parley.processor.ProcessorConfig;
import io.parley.processor.StreamsSettings;
import io.parley.processor.demo.DemoFeedServer;
import io.parley.processor.topology.ParleyTopology;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.TopicAdmin;
import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code parley run} starts, in order, and stops in reverse order: the embedded broker
 * (when no cluster is given), topics, the Streams processor, the demo feed server, ingest and the
 * alert console.
 */
final class ParleyRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParleyRuntime.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private KafkaStreams streams;
  private String bootstrap;

  /** What to start. */
  record Plan(String bootstrapServers, Path dataDir, Map<String, Object> kafka, Topics topics, int partitions,
      short replication, ProcessorConfig processor, IngestConfig ingest, boolean demo,
      Function<Map<String, Object>, List<FeedConfig>> feeds) {}

  /** Starts everything of {@code plan}; on failure, stops what was started and rethrows. */
  ParleyRuntime start(final Plan plan, final PrintWriter out) {
    try {
      bootstrap = plan.bootstrapServers();
      if (bootstrap == null) {
        final EmbeddedKafka kafka = EmbeddedKafka.start(plan.dataDir().resolve("kafka"));
        started.push(kafka);
        bootstrap = kafka.bootstrapServers();
        out.println("parley: embedded Kafka broker on " + bootstrap + " (data in " + plan.dataDir() + ")");
        out.flush();
      }
      final Map<String, Object> kafka = new java.util.LinkedHashMap<>(plan.kafka());
      kafka.put("bootstrap.servers", bootstrap);
      try (Admin admin = Admin.create(kafka)) {
        new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(plan.topics(), plan.partitions(), plan.replication());
      } catch (final TopicAdmin.TopicSetupException e) {
        throw new ConfigError(e.getMessage());
      }

      final AlertConsole console = new AlertConsole(kafka, plan.topics().alerts(), out, false).start();
      started.push(console);

      streams = new KafkaStreams(ParleyTopology.build(plan.topics(), plan.processor()),
          StreamsSettings.of(plan.topics().prefix() + "processor", kafka, plan.dataDir().resolve("streams"),
              plan.replication()));
      streams.setUncaughtExceptionHandler(e -> {
        LOG.error("stream thread failed; replacing it", e);
        return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
      });
      started.push(() -> streams.close(Duration.ofSeconds(30)));
      streams.start();

      List<FeedConfig> feeds;
      if (plan.demo()) {
        final DemoFeedServer demo = DemoFeedServer.start();
        started.push(demo);
        feeds = demo.feedUrls().stream()
            .map(url -> io.parley.ingest.feed.FeedList.feed(url, null, 5, java.time.Instant.now()))
            .toList();
        out.println("parley: demo feeds served on 127.0.0.1 — " + feeds.size() + " feeds of sample coverage");
      } else {
        feeds = plan.feeds().apply(kafka);
      }
      final IngestService ingest = new IngestService(plan.ingest(), plan.topics(), kafka, status -> { });
      started.push(ingest);
      ingest.start(feeds);
      out.println("parley: running — " + feeds.size() + " feeds, topics " + plan.topics().prefix()
          + "*, alerts appear below. Ctrl-C to stop.");
      out.flush();
      return this;
    } catch (final RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The bootstrap servers in use. */
  String bootstrapServers() {
    return bootstrap;
  }

  /** The Streams state, or null before start. */
  KafkaStreams.State streamsState() {
    return streams == null ? null : streams.state();
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      final AutoCloseable c = started.pop();
      try {
        c.close();
      } catch (final Exception e) {
        LOG.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
