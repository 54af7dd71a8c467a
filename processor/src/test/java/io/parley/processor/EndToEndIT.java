package io.parley.processor;

import io.parley.testing.LocalFeedServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.processor.runtime.EmbeddedKafka;
import io.parley.ingest.IngestConfig;
import io.parley.ingest.IngestService;
import io.parley.ingest.feed.FeedList;
import io.parley.processor.testing.SeedFeeds;
import io.parley.processor.topology.ParleyTopology;
import io.parley.schemas.Alert;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import io.parley.schemas.Topics;
import io.parley.processor.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on real parts: seed articles served as RSS by an HTTP server on 127.0.0.1 →
 * ingest → {@code parley.raw-items} on an embedded KRaft broker → the Streams topology under
 * exactly-once → alerts read back from {@code parley.alerts} with a consumer and the serde.
 */
class EndToEndIT {

  @TempDir Path dir;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void seedFeedsBecomeAlertsOnTheAlertsTopic() throws Exception {
    final List<SeedFeeds.Seed> seeds = SeedFeeds.load();
    final LocalFeedServer http = LocalFeedServer.create();
    for (final SeedFeeds.Seed seed : seeds) {
      http.rss("/" + seed.id() + ".xml", SeedFeeds.rss(seed));
    }
    resources.add(http.start());

    final Topics topics = Topics.standard();
    final EmbeddedKafka kafka = TestCluster.start(dir.resolve("kafka"), topics, 2);
    resources.add(kafka);
    final Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());

    final KafkaStreams streams = new KafkaStreams(ParleyTopology.build(topics, ProcessorConfig.defaults()),
        StreamsSettings.of("parley.processor", client, dir.resolve("streams"), (short) 1));
    resources.add(streams);
    streams.start();

    final List<FeedStatus> statuses = new CopyOnWriteArrayList<>();
    final IngestService ingest = new IngestService(IngestConfig.defaults(), topics, client, statuses::add);
    resources.add(ingest);
    final List<FeedConfig> feeds = new ArrayList<>();
    for (final SeedFeeds.Seed seed : seeds) {
      feeds.add(FeedList.feed(http.url("/" + seed.id() + ".xml"),
          seed.source(), 300, Instant.now()));
    }
    ingest.start(feeds);

    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "e2e-test",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.alerts().name()));
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> alerts.add(topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value())));
        return alerts.stream().anyMatch(a -> a.getType() == SignalType.SANCTIONS && a.getMode() == SignalMode.THREATENED)
            && alerts.stream().anyMatch(a -> a.getType() == SignalType.MEETING && a.getRoundId().contains("20250819"));
      });
    }

    assertThat(statuses).extracting(FeedStatus::getOutcome).contains(PollOutcome.OK).doesNotContain(PollOutcome.PARSE_ERROR);
    final Alert threat = alerts.stream().filter(a -> a.getType() == SignalType.SANCTIONS).findFirst().orElseThrow();
    assertThat(threat.getTrack()).isEqualTo("RU-UA");
    assertThat(threat.getEvidence()).contains("secondary tariffs");
    assertThat(threat.getLinks()).containsExactly("https://seeds.parley.invalid/000");
    assertThat(alerts).noneMatch(a -> a.getType() == SignalType.CEASEFIRE && a.getMode() == SignalMode.VIOLATED);
  }
}
