package io.parley.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.ingest.feed.FeedList;
import io.parley.processor.runtime.EmbeddedKafka;
import io.parley.processor.testing.TestCluster;
import io.parley.schemas.DeadLetter;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topics;
import io.parley.testing.LocalFeedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An item too large for a Kafka record, on a real broker: it is refused alone (to {@code parley.dlq},
 * with the reason), while the rest of its feed and the feeds polled in the same transaction are
 * published; and the poll is recorded as OK only once its transaction has committed.
 */
class IngestLimitsIT {

  private static final String OK_FEED = "<rss version=\"2.0\"><channel><title>Ok</title>"
      + "<item><title>One</title><guid>ok-1</guid></item></channel></rss>";

  @TempDir Path dir;

  @Test
  void anOversizedItemGoesToTheDeadLetterTopicAndPoisonsNothing() throws Exception {
    final String huge = "<rss version=\"2.0\"><channel><title>Huge</title>"
        + "<item><title>Before</title><guid>huge-b</guid></item>"
        + "<item><title>" + "x".repeat(1024 * 1024) + "</title><guid>huge-x</guid></item>"
        + "<item><title>After</title><guid>huge-a</guid></item></channel></rss>";
    final String neighbour = "<rss version=\"2.0\"><channel><title>Neighbour</title>"
        + "<item><title>One</title><guid>n-1</guid></item><item><title>Two</title><guid>n-2</guid></item></channel></rss>";
    final Topics topics = Topics.standard();
    try (LocalFeedServer http = LocalFeedServer.create().rss("/huge.xml", huge).rss("/neighbour.xml", neighbour).start();
        EmbeddedKafka kafka = TestCluster.start(dir.resolve("kafka"), topics, 2)) {
      final Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
      final List<FeedStatus> statuses = new CopyOnWriteArrayList<>();
      final Set<String> guids = ConcurrentHashMap.newKeySet();
      final List<DeadLetter> dead = new CopyOnWriteArrayList<>();
      try (IngestService ingest = new IngestService(IngestConfig.defaults(), topics, client, statuses::add);
          KafkaConsumer<byte[], byte[]> consumer = reader(kafka, "limits-reader")) {
        ingest.start(List.of(FeedList.feed(http.url("/huge.xml"), "Huge", 300, Instant.now()),
            FeedList.feed(http.url("/neighbour.xml"), "Neighbour", 300, Instant.now())));
        consumer.subscribe(List.of(topics.rawItems().name(), topics.dlq().name()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
          read(consumer, topics, guids, dead);
          return guids.size() == 4 && dead.size() == 1;
        });
      }
      assertThat(guids).containsExactlyInAnyOrder("huge-b", "huge-a", "n-1", "n-2");
      assertThat(dead.get(0).getStage()).isEqualTo("ingest");
      assertThat(dead.get(0).getError()).startsWith("item too large: ").contains("guid huge-x");
      assertThat(statuses).filteredOn(s -> s.getItemsRefused() == 1).singleElement()
          .satisfies(s -> assertThat(s.getOutcome()).isEqualTo(PollOutcome.OK));
    }
  }

  @Test
  void anUnreadableFeedsRecordIsADeadLetterAndIngestGoesOn() throws Exception {
    final Topics topics = Topics.standard();
    try (LocalFeedServer http = LocalFeedServer.create().rss("/ok.xml", OK_FEED).start();
        EmbeddedKafka kafka = TestCluster.start(dir.resolve("kafka"), topics, 2)) {
      final Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
      // A feeds record from a newer Parley, say: bytes this version cannot decode.
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(topics.feeds().name(), "future-feed".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})).get();
      }
      final Set<String> guids = ConcurrentHashMap.newKeySet();
      final List<DeadLetter> dead = new CopyOnWriteArrayList<>();
      final List<String> counted = new CopyOnWriteArrayList<>();
      try (IngestService ingest = new IngestService(IngestConfig.defaults(), topics, client, s -> { }, counted::add);
          KafkaConsumer<byte[], byte[]> consumer = reader(kafka, "supervision-reader")) {
        ingest.start(List.of(FeedList.feed(http.url("/ok.xml"), "Ok", 300, Instant.now())));
        consumer.subscribe(List.of(topics.rawItems().name(), topics.dlq().name()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
          read(consumer, topics, guids, dead);
          return guids.contains("ok-1") && dead.size() == 1;
        });
        assertThat(dead.get(0).getStage()).isEqualTo("ingest-feeds");
        assertThat(counted).as("told to the metrics (parley_dlq_total{stage=\"ingest-feeds\"})").containsExactly("ingest-feeds");
        assertThat(dead.get(0).getTopic()).isEqualTo(topics.feeds().name());
        assertThat(dead.get(0).getValue()).isNotNull();
        assertThat(ingest.notPublishing()).isEmpty();
      }
    }
  }

  @Test
  void aFencedInstanceSaysSoInsteadOfDroppingPollsInSilence() throws Exception {
    final Topics topics = Topics.standard();
    try (LocalFeedServer http = LocalFeedServer.create().rss("/ok.xml", OK_FEED).start();
        EmbeddedKafka kafka = TestCluster.start(dir.resolve("kafka"), topics, 2)) {
      final Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
      // Fixed polling: the first instance must poll every second to meet the fence.
      final IngestConfig config = IngestConfig.fromEnv(Map.of("PARLEY_POLL_MODE", "fixed")).withInstanceId("same-id")
          .withDefaultIntervalSeconds(1);
      try (IngestService first = new IngestService(config, topics, client, s -> { })) {
        first.start(List.of(FeedList.feed(http.url("/ok.xml"), "Ok", 1, Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> !first.ownedFeeds().isEmpty());
        try (IngestService second = new IngestService(config, topics, client, s -> { })) {
          second.start(List.of());
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
              .until(() -> first.notPublishing().isPresent());
          assertThat(first.notPublishing().get()).startsWith("ingest producer fenced");
        }
      }
    }
  }

  private static KafkaConsumer<byte[], byte[]> reader(final EmbeddedKafka kafka, final String group) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static void read(final KafkaConsumer<byte[], byte[]> consumer, final Topics topics, final Set<String> guids,
      final List<DeadLetter> dead) {
    for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      if (r.topic().equals(topics.rawItems().name())) {
        guids.add(topics.rawItems().valueSerde().deserializer().deserialize(r.topic(), r.value()).getGuid());
      } else {
        dead.add(topics.dlq().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      }
    }
  }
}
