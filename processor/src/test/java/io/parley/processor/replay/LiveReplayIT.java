package io.parley.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.ingest.IngestConfig;
import io.parley.ingest.IngestService;
import io.parley.ingest.feed.FeedList;
import io.parley.processor.ProcessorConfig;
import io.parley.processor.StreamsSettings;
import io.parley.processor.runtime.EmbeddedKafka;
import io.parley.processor.runtime.TopicAdmin;
import io.parley.processor.topology.ParleyTopology;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topics;
import io.parley.testing.LocalFeedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §5 "live and replay agree", on real parts: the same five items about a made-up truce are
 * served over HTTP by a server on 127.0.0.1 in several layouts — two outlets' feeds listing their
 * newest first, one feed per item (polled concurrently, answering in any order), one feed in a
 * shuffled order — polled by ingest into an embedded KRaft broker and run through the topology under
 * exactly-once on three partitions; what an editor sees (rounds, cards, transitions, severities,
 * sources) must equal {@code replay} of the same feed documents.
 */
class LiveReplayIT {

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static LocalFeedServer http;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    http = LocalFeedServer.create().start();
  }

  @AfterAll
  static void stopBroker() {
    if (http != null) {
      http.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void twoOutletsNewestFirst() throws Exception {
    final List<RawItem> items = ArrivalOrderTest.truce();
    agree("outlets", Map.of(
        "andes-wire", List.of(items.get(3), items.get(1), items.get(0)),
        "pacific-post", List.of(items.get(4), items.get(2))));
  }

  @Test
  void oneFeedPerItemAnsweringInAnyOrder() throws Exception {
    final List<RawItem> items = ArrivalOrderTest.truce();
    final Map<String, List<RawItem>> feeds = new LinkedHashMap<>();
    items.forEach(i -> feeds.put(i.getFeedId() + "-" + i.getGuid(), List.of(i)));
    agree("per-item", feeds);
  }

  @Test
  void oneFeedInAShuffledOrder() throws Exception {
    final List<RawItem> items = ArrivalOrderTest.truce();
    agree("shuffled", Map.of("mixed-desk", List.of(items.get(2), items.get(4), items.get(0), items.get(3), items.get(1))));
  }

  /** Serves {@code feeds} (name → items in document order), runs them live and in a replay, and compares. */
  private void agree(final String name, final Map<String, List<RawItem>> feeds) throws Exception {
    final List<Path> files = new ArrayList<>();
    final List<FeedConfig> configs = new ArrayList<>();
    for (final Map.Entry<String, List<RawItem>> feed : feeds.entrySet()) {
      final String body = rss(feed.getKey(), feed.getValue());
      final String path = "/" + name + "/" + feed.getKey() + ".xml";
      http.rss(path, body);
      files.add(Files.writeString(Files.createDirectories(dir.resolve(name)).resolve(feed.getKey() + ".xml"), body,
          StandardCharsets.UTF_8));
      configs.add(FeedList.feed(http.url(path), feed.getKey(), 300, Instant.now()));
    }
    final String replayed = ArrivalOrderTest.replay(ReplayInput.read(files, Instant.now()));
    assertThat(replayed).contains("CEASEFIRE/VIOLATED from AGREED CRITICAL");

    final Topics topics = Topics.withPrefix(name + ".");
    final Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
    try (Admin admin = Admin.create(client)) {
      new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(topics, 3, (short) 1);
    }
    final Map<String, Article> articles = new LinkedHashMap<>();
    final List<Alert> alerts = new ArrayList<>();
    final AtomicReference<String> live = new AtomicReference<>("");
    try (KafkaStreams streams = new KafkaStreams(ParleyTopology.build(topics, ProcessorConfig.defaults()),
            StreamsSettings.of("live-replay-" + name, client, dir.resolve("streams-" + name), (short) 1));
        IngestService ingest = new IngestService(IngestConfig.defaults(), topics, client, s -> { });
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "live-replay-reader-" + name,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      streams.start();
      ingest.start(configs);
      consumer.subscribe(List.of(topics.articles().name(), topics.alerts().name()));
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
          for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.topic().equals(topics.articles().name())) {
              final Article a = topics.articles().valueSerde().deserializer().deserialize(r.topic(), r.value());
              articles.put(a.getArticleId(), a);
            } else {
              alerts.add(topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value()));
            }
          }
          live.set(ArrivalOrderTest.seen(new Replayer.ReplayResult(new ArrayList<>(articles.values()), List.of(), alerts, List.of())));
          return live.get().equals(replayed);
        });
      } catch (final ConditionTimeoutException e) {
        // compared below, with what differs
      }
      // Nothing more comes that would change it.
      consumer.poll(Duration.ofSeconds(3)).forEach(r -> {
        if (r.topic().equals(topics.alerts().name())) {
          alerts.add(topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value()));
        }
      });
      live.set(ArrivalOrderTest.seen(new Replayer.ReplayResult(new ArrayList<>(articles.values()), List.of(), alerts, List.of())));
    }
    assertThat(live.get()).as("live, from " + feeds.keySet()).isEqualTo(replayed);
  }

  private static String rss(final String title, final List<RawItem> items) {
    final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>")
        .append(title).append("</title><link>https://").append(title).append(".test/</link><description>made up</description>\n");
    for (final RawItem i : items) {
      out.append("<item><title>").append(i.getTitle()).append("</title><link>").append(i.getLink())
          .append("</link><guid isPermaLink=\"false\">").append(i.getGuid()).append("</guid><pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(i.getPublished().atOffset(ZoneOffset.UTC)))
          .append("</pubDate><description>").append(i.getSummary()).append("</description></item>\n");
    }
    return out.append("</channel></rss>\n").toString();
  }
}
