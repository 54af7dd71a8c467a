package io.parley.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.ingest.feed.FeedList;
import io.parley.processor.cli.RuntimeForTests;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topics;
import io.parley.testing.LocalFeedServer;
import io.parley.testing.WebSubHub;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSub end to end against a hub on 127.0.0.1 written to the W3C spec ({@link WebSubHub}):
 * {@code run} discovers the hub a feed advertises, subscribes with a secret, confirms the hub's
 * verification of intent at its callback (served by its own HTTP endpoint), publishes pushed
 * entries once each through the same parse, dedup and transaction as a poll, drops a delivery with
 * a wrong signature and counts it, ignores a replayed delivery, renews a short lease before it
 * ends, and unsubscribes when the feed is removed.
 */
class WebSubIT {

  private static final String KEY = "websub-it-key-0123456789";
  private static final String ATOM = "application/atom+xml; charset=utf-8";

  @TempDir Path dir;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<String> entries = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private String atom(final String hub, final String self, final List<String> ids) {
    final StringBuilder doc = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Pushed Wire</title><id>urn:pushed-wire</id>"
        + "<updated>2026-12-06T10:00:00Z</updated><link rel=\"hub\" href=\"" + hub + "\"/><link rel=\"self\" href=\"" + self + "\"/>");
    for (final String id : ids) {
      doc.append("<entry><id>urn:").append(id).append("</id><title>Kenya and Somalia hold talks, report ").append(id)
          .append("</title><updated>2026-12-06T10:00:00Z</updated><link href=\"https://wire.test/").append(id)
          .append("\"/><summary>Kenyan and Somali ministers met in Nairobi.</summary></entry>");
    }
    return doc.append("</feed>").toString();
  }

  @Test
  void pushedEntriesArePublishedOnceAndSubscriptionsLiveAndEnd() throws Exception {
    final WebSubHub hub = WebSubHub.start(6); // leases of 6 s: renewed several times in the test
    resources.add(hub);
    final LocalFeedServer feeds = LocalFeedServer.create();
    resources.add(feeds);
    final String feedUrl = feeds.url("/pushed.atom");
    entries.add("first");
    feeds.route("/pushed.atom", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", ATOM);
      LocalFeedServer.send(exchange, 200, atom(hub.url(), feedUrl, entries).getBytes(StandardCharsets.UTF_8));
    }).start();
    final int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    final RuntimeForTests run = RuntimeForTests.webSub(dir, List.of(feedUrl), 600, port, KEY, 3600);
    resources.add(run);
    final Topics topics = Topics.standard();
    final Items items = new Items(run.bootstrapServers(), topics);
    resources.add(items);

    // The first poll publishes the feed's entry, finds its hub and subscribes; the hub verifies at the callback.
    await().atMost(Duration.ofSeconds(60)).until(() -> items.guids().contains("urn:first"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !hub.active(feedUrl).isEmpty());
    assertThat(hub.active(feedUrl).get(0).callback()).startsWith("http://127.0.0.1:" + port + "/websub/");
    assertThat(hub.active(feedUrl).get(0).secret()).isNotBlank();

    // A pushed entry is published within seconds, without a poll (the next poll is ten minutes away).
    entries.add(0, "second");
    final Instant pushed = Instant.now();
    final List<WebSubHub.Delivery> sent = hub.publish(feedUrl, ATOM, atom(hub.url(), feedUrl, List.of("second")).getBytes(StandardCharsets.UTF_8));
    assertThat(sent).hasSize(1).allSatisfy(d -> assertThat(d.status()).isEqualTo(202));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> items.guids().contains("urn:second"));
    final Duration pushToKafka = Duration.between(pushed, Instant.now());
    System.out.println("WebSubIT: pushed entry on parley.raw-items " + pushToKafka.toMillis() + " ms after the hub's delivery");
    assertThat(pushToKafka).isLessThan(Duration.ofSeconds(2));

    // A replayed delivery (same body, same valid signature) publishes nothing again.
    final WebSubHub.Delivery replay = hub.post(sent.get(0).callback(), ATOM, sent.get(0).body(), sent.get(0).headers());
    assertThat(replay.status()).isEqualTo(202);
    // A forged delivery (wrong signature) is dropped, answered 202 as §8 allows, and counted.
    final Map<String, String> forgedHeaders = new LinkedHashMap<>(sent.get(0).headers());
    forgedHeaders.put("X-Hub-Signature", "sha256=" + "00".repeat(32));
    assertThat(hub.post(sent.get(0).callback(), ATOM, atom(hub.url(), feedUrl, List.of("forged")).getBytes(StandardCharsets.UTF_8),
        forgedHeaders).status()).isEqualTo(202);
    final Map<String, String> unsigned = new LinkedHashMap<>(sent.get(0).headers());
    unsigned.remove("X-Hub-Signature");
    assertThat(hub.post(sent.get(0).callback(), ATOM, atom(hub.url(), feedUrl, List.of("unsigned")).getBytes(StandardCharsets.UTF_8),
        unsigned).status()).isEqualTo(202);
    // A callback with a token that is not the feed's is not found.
    final String wrongToken = sent.get(0).callback().substring(0, sent.get(0).callback().lastIndexOf('/') + 1) + "x".repeat(32);
    assertThat(hub.post(wrongToken, ATOM, sent.get(0).body(), sent.get(0).headers()).status()).isEqualTo(404);
    // Then a genuine one: once it is in, everything before it has been handled.
    entries.add(0, "third");
    hub.publish(feedUrl, ATOM, atom(hub.url(), feedUrl, List.of("third")).getBytes(StandardCharsets.UTF_8));
    await().atMost(Duration.ofSeconds(10)).until(() -> items.guids().contains("urn:third"));
    assertThat(items.guids()).doesNotContain("urn:forged", "urn:unsigned");
    assertThat(items.guids().stream().filter("urn:second"::equals).count()).as("the replay published nothing").isEqualTo(1);
    final String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("parley_websub_callbacks_total{kind=\"delivery\",result=\"bad_signature\"} 2.0")
        .contains("parley_websub_callbacks_total{kind=\"delivery\",result=\"accepted\"} 3.0")
        .contains("parley_feed_pushes_total");

    // Leases of 6 s are renewed before they end: two renewals later — past the end of the lease
    // that stood before them — the subscription still stands and delivers.
    final int verifiedBefore = hub.verified("subscribe");
    final Instant leaseEnd = hub.active(feedUrl).get(0).expires();
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.verified("subscribe") >= verifiedBefore + 2
        && Instant.now().isAfter(leaseEnd));
    assertThat(hub.active(feedUrl)).as("renewed, never lapsed").hasSize(1);
    entries.add(0, "fourth");
    hub.publish(feedUrl, ATOM, atom(hub.url(), feedUrl, List.of("fourth")).getBytes(StandardCharsets.UTF_8));
    await().atMost(Duration.ofSeconds(10)).until(() -> items.guids().contains("urn:fourth"));

    // Removing the feed unsubscribes it at the hub.
    final String feedId = FeedList.feed(feedUrl, null, 600, Instant.now()).getFeedId();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", run.bootstrapServers()),
        new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.feeds().name(), feedId, null)).get();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.verified("unsubscribe") >= 1);
    assertThat(hub.active(feedUrl)).isEmpty();
    assertThat(items.guids()).doesNotHaveDuplicates();
  }

  /** The committed items of {@code parley.raw-items}, read as they come. */
  private static final class Items implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final List<String> guids = new ArrayList<>();

    Items(final String bootstrap, final Topics topics) {
      this.topics = topics;
      this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
          new ByteArrayDeserializer(), new ByteArrayDeserializer());
      final List<TopicPartition> partitions = consumer.partitionsFor(topics.rawItems().name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    synchronized List<String> guids() throws IOException {
      for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        final RawItem item = topics.rawItems().valueSerde().deserializer().deserialize(r.topic(), r.value());
        guids.add(item.getGuid());
      }
      return List.copyOf(guids);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
