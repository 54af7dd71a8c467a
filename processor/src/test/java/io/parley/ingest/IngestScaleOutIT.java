package io.parley.ingest;

import io.parley.testing.LocalFeedServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.processor.runtime.EmbeddedKafka;
import io.parley.ingest.feed.FeedList;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.Topics;
import io.parley.processor.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingest instances share the feeds through the consumer group: every feed is polled by exactly
 * one of them, the survivor takes over when one stops, and no item is published twice.
 */
class IngestScaleOutIT {

  private static final int FEEDS = 6;

  @TempDir Path dir;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Map<String, Set<String>> pollers = new ConcurrentHashMap<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void feedsAreSharedAndTakenOverWithoutDuplicates() throws Exception {
    final LocalFeedServer http = LocalFeedServer.create();
    http.route("/", exchange -> {
      final String feed = exchange.getRequestURI().getPath().substring(1);
      pollers.computeIfAbsent(feed, f -> ConcurrentHashMap.newKeySet()).add(exchange.getRequestHeaders().getFirst("User-Agent"));
      final StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>" + feed + "</title>");
      for (int i = 0; i < 3; i++) {
        rss.append("<item><title>").append(feed).append(" item ").append(i).append("</title><guid>").append(feed)
            .append("-").append(i).append("</guid></item>");
      }
      final byte[] body = rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
      LocalFeedServer.send(exchange, 200, body);
    });
    resources.add(http.start());

    final Topics topics = Topics.standard();
    final EmbeddedKafka kafka = TestCluster.start(dir.resolve("kafka"), topics, 3);
    resources.add(kafka);
    final Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
    // Two feeds on each of the three partitions, so that whichever partitions an instance gets, it owns feeds.
    final List<FeedConfig> feeds = new ArrayList<>();
    final int[] perPartition = new int[3];
    for (int i = 0; feeds.size() < FEEDS; i++) {
      final String id = "feed" + i;
      final int partition = org.apache.kafka.common.utils.Utils.toPositive(
          org.apache.kafka.common.utils.Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 3;
      if (perPartition[partition] < FEEDS / 3) {
        perPartition[partition]++;
        feeds.add(FeedConfig.newBuilder(FeedList.feed(http.url("/" + id),
            null, 1, Instant.now())).setFeedId(id).build());
      }
    }

    final IngestService a = instance("a", topics, client);
    final IngestService b = instance("b", topics, client);
    a.start(feeds);
    b.start(List.of());

    await().atMost(Duration.ofSeconds(60)).until(() -> !a.ownedFeeds().isEmpty() && !b.ownedFeeds().isEmpty()
        && a.ownedFeeds().size() + b.ownedFeeds().size() == FEEDS);
    final Set<String> union = new HashSet<>(a.ownedFeeds());
    union.addAll(b.ownedFeeds());
    assertThat(union).hasSize(FEEDS);
    assertThat(a.ownedFeeds()).doesNotContainAnyElementsOf(b.ownedFeeds());

    // From now on each feed is fetched by its owner only.
    pollers.clear();
    await().atMost(Duration.ofSeconds(30)).until(() -> pollers.size() == FEEDS);
    final Map<String, String> ownerOf = new HashMap<>();
    a.ownedFeeds().forEach(f -> ownerOf.put(f, "ParleyTest-a"));
    b.ownedFeeds().forEach(f -> ownerOf.put(f, "ParleyTest-b"));
    for (final FeedConfig feed : feeds) {
      assertThat(pollers.get(feed.getFeedId())).as(feed.getFeedId()).containsExactly(ownerOf.get(feed.getFeedId()));
    }

    b.close();
    resources.remove(b);
    await().atMost(Duration.ofSeconds(60)).until(() -> a.ownedFeeds().size() == FEEDS);
    pollers.clear();
    await().atMost(Duration.ofSeconds(30)).until(() -> pollers.size() == FEEDS);
    assertThat(pollers.values()).allSatisfy(uas -> assertThat(uas).containsExactly("ParleyTest-a"));

    // Every item exactly once on the raw-items topic, as a read_committed reader sees it.
    final Map<String, Integer> counts = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> parts = consumer.partitionsFor(topics.rawItems().name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> counts.merge(r.key(), 1, Integer::sum));
        return counts.size() == FEEDS * 3;
      });
      consumer.poll(Duration.ofMillis(500)).forEach(r -> counts.merge(r.key(), 1, Integer::sum));
    }
    assertThat(counts.values()).containsOnly(1);
  }

  private IngestService instance(final String name, final Topics topics, final Map<String, Object> client) {
    // Fixed polling: the test watches every feed polled again within seconds, by its owner.
    final IngestConfig config = IngestConfig.fromEnv(Map.of("PARLEY_USER_AGENT", "ParleyTest-" + name,
        "PARLEY_INSTANCE_ID", "test-" + name, "PARLEY_POLL_MODE", "fixed"));
    final IngestService service = new IngestService(config, topics, client, status -> { });
    resources.add(service);
    return service;
  }
}
