package io.parley.processor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.processor.bench.SyntheticArticles;
import io.parley.processor.runtime.TopicAdmin;
import io.parley.processor.testing.BrokerCluster;
import io.parley.testing.LocalFeedServer;
import io.parley.schemas.AvroSerde;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parley on a three-broker cluster (each broker a JVM of its own), topics with three replicas and
 * {@code min.insync.replicas} 2, as Parley creates them on a cluster by default: a broker killed
 * with SIGKILL mid-stream, and a rolling restart of all three, leave the committed alerts and
 * articles those of an undisturbed run on the same cluster — none missing, none twice.
 */
@Tag("slow")
class ThreeBrokerIT {

  private static final int ITEMS = 1_200;

  @TempDir static Path dir;
  static BrokerCluster cluster;
  static Outputs outputs;
  static List<String> reference;
  static List<String> referenceArticles;

  @BeforeAll
  static void startClusterAndReference() throws Exception {
    cluster = BrokerCluster.start(dir.resolve("cluster"));
    outputs = new Outputs(cluster.bootstrapServers());
    load("ref.");
    try (ParleyProcess ref = process("ref.", "ref")) {
      awaitCaughtUp("ref.", ref);
    }
    reference = outputs.alertRevisions("ref.alerts");
    referenceArticles = articleIds("ref.");
    assertThat(reference).as("reference alerts").hasSizeGreaterThan(30).doesNotHaveDuplicates();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void parleysTopicsHaveThreeReplicasAndTwoInSync() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      final TopicDescription alerts = admin.describeTopics(List.of("ref.alerts")).allTopicNames().get().get("ref.alerts");
      assertThat(alerts.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
      final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "ref.alerts");
      assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("min.insync.replicas").value())
          .isEqualTo("2");
      final String changelog = admin.listTopics().names().get().stream()
          .filter(t -> t.startsWith("ref.processor-") && t.endsWith("-changelog")).findFirst().orElseThrow();
      assertThat(admin.describeTopics(List.of(changelog)).allTopicNames().get().get(changelog).partitions())
          .as("Streams' internal topics too").allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
    }
  }

  @Test
  void aBrokerKilledMidStreamLosesAndDuplicatesNothing() throws Exception {
    load("kill.");
    try (ParleyProcess parley = process("kill.", "kill")) {
      final int seen = awaitAlerts("kill.alerts", reference.size() / 3, parley);
      cluster.kill(1);
      assertThat(seen).as("killed mid-stream").isLessThan(reference.size());
      awaitCaughtUp("kill.", parley); // on two brokers: two replicas in sync are enough
      cluster.restart(1);
    }
    assertSameAsReference("kill.");
  }

  @Test
  void aRollingRestartOfAllThreeLosesAndDuplicatesNothing() throws Exception {
    load("roll.");
    try (ParleyProcess parley = process("roll.", "roll")) {
      final int seen = awaitAlerts("roll.alerts", reference.size() / 4, parley);
      for (int node = 0; node < BrokerCluster.NODES; node++) {
        cluster.stop(node);
        cluster.restart(node);
      }
      assertThat(seen).as("restarted mid-stream").isLessThan(reference.size());
      awaitCaughtUp("roll.", parley);
    }
    assertSameAsReference("roll.");
  }

  @Test
  void aSecondInstanceTakesOverFromItsStandbyWhenTheFirstIsKilled() throws Exception {
    // One partition: one instance processes it, the other keeps a standby copy of its state
    // (Parley's default on a cluster of three replicas). The first half of the items is processed
    // before the active instance is killed; the second half arrives after.
    load("pair.", 0, ITEMS / 2);
    final Map<String, ParleyProcess> instances = new java.util.LinkedHashMap<>();
    instances.put("pair-1", process("pair.", "pair-1", "client.id=pair-1"));
    awaitCaughtUp("pair.", instances.get("pair-1"));
    instances.put("pair-2", process("pair.", "pair-2", "client.id=pair-2"));
    try {
      awaitStableGroup("pair.processor", 2); // the second has joined; the rebalance gave it the standby
      final String active = activeInstance("pair.processor", "pair.raw-items");
      final ParleyProcess survivor = instances.get(active.equals("pair-1") ? "pair-2" : "pair-1");
      instances.get(active).kill();
      final long killed = System.nanoTime();
      final long before = committed("pair.processor", "pair.raw-items");
      load("pair.", ITEMS / 2, ITEMS);
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .failFast("the surviving instance died", () -> !survivor.isAlive())
          .until(() -> committed("pair.processor", "pair.raw-items") > before);
      final double failOver = (System.nanoTime() - killed) / 1e9;
      System.err.printf("fail-over: the standby instance committed new input %.1f s after the active one (%s) was"
          + " killed (session timeout 6 s)%n", failOver, active);
      assertThat(failOver).as("fail-over: the session timeout and a rebalance").isLessThan(30);
      awaitCaughtUp("pair.", survivor);
    } finally {
      for (final ParleyProcess p : instances.values()) {
        p.close();
      }
    }
    assertSameAsReference("pair.");
  }

  /** Waits until consumer group {@code group} is stable with {@code members} members. */
  private static void awaitStableGroup(final String group, final int members) {
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
        final var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return description.groupState() == org.apache.kafka.common.GroupState.STABLE
            && description.members().size() == members;
      }
    });
  }

  /** Waits until ingest has committed at least {@code polls} more feed statuses than now. */
  private static void awaitMorePolls(final int polls) {
    final int now = outputs.read("ing.feed-status", r -> r.key()).size();
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> outputs.read("ing.feed-status", r -> r.key()).size() >= now + polls);
  }

  /** The client id prefix of the group member that is assigned partition 0 of {@code topic}. */
  private static String activeInstance(final String group, final String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
          .filter(m -> m.assignment().topicPartitions().contains(new org.apache.kafka.common.TopicPartition(topic, 0)))
          .map(m -> m.clientId().startsWith("pair-1") ? "pair-1" : "pair-2").findFirst().orElseThrow();
    }
  }

  @Test
  void aSecondIngestTakesOverTheFeedsOfOneKilledAndPublishesEachItemOnce() throws Exception {
    final int feeds = 12;
    final java.util.concurrent.atomic.AtomicInteger items = new java.util.concurrent.atomic.AtomicInteger(5);
    final LocalFeedServer http = LocalFeedServer.create();
    http.route("/feed/", exchange -> {
      final String feed = exchange.getRequestURI().getPath().substring("/feed/".length());
      final StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>Feed " + feed + "</title>");
      for (int i = 0; i < items.get(); i++) {
        rss.append("<item><title>Feed ").append(feed).append(" item ").append(i).append("</title><guid>f")
            .append(feed).append('-').append(i).append("</guid><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate></item>");
      }
      exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
      LocalFeedServer.send(exchange, 200, rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8));
    });
    try (LocalFeedServer server = http.start()) {
      final Path list = dir.resolve("feeds.txt");
      java.nio.file.Files.write(list, java.util.stream.IntStream.range(0, feeds).mapToObj(f -> server.url("/feed/" + f)).toList());
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
        final TopicAdmin topics = new TopicAdmin(admin, Duration.ofSeconds(30));
        topics.ensure(Topics.withPrefix("ing."), 3, topics.replication(TopicAdmin.AUTO_REPLICATION));
      }
      final ParleyProcess first = ingest(list, "ing-1");
      try (ParleyProcess second = ingest(list, "ing-2")) {
        awaitItems(feeds * 5, second);
        awaitStableGroup("ing.ingest", 2);
        awaitMorePolls(feeds); // every feed polled again since the feeds were shared out
        first.kill();
        final long killed = System.nanoTime();
        items.set(8); // news on every feed, the killed instance's too
        awaitItems(feeds * 8, second);
        final double failOver = (System.nanoTime() - killed) / 1e9;
        System.err.printf("ingest fail-over: every feed's new items published %.1f s after one of two instances was"
            + " killed (session timeout 6 s, polls every 2 s)%n", failOver);
        assertThat(failOver).isLessThan(40);
        awaitMorePolls(2 * feeds); // more polls of the same items publish nothing
        assertThat(outputs.read("ing.raw-items", r -> new String(r.key(), StandardCharsets.UTF_8)))
            .hasSize(feeds * 8).doesNotHaveDuplicates();
      }
    }
  }

  private static ParleyProcess ingest(final Path list, final String name) {
    return ParleyProcess.start(dir.resolve(name + ".log"), Map.of("PARLEY_POLL_INTERVAL_SECONDS", "2",
            "PARLEY_POLL_MODE", "fixed", "PARLEY_INSTANCE_ID", name), // as two pods' hostnames
        "ingest", "--bootstrap-servers", cluster.bootstrapServers(), "--topic-prefix", "ing.", "--partitions", "3",
        "--feeds", list.toString(), "--data-dir", dir.resolve(name).toString(), "--http-port", "0",
        "--kafka", "session.timeout.ms=6000");
  }

  private static void awaitItems(final int count, final ParleyProcess ingest) {
    try {
      awaitItemsOrFail(count, ingest);
    } catch (final RuntimeException | AssertionError e) {
      final String out = ingest.output();
      throw new AssertionError("ingest did not publish " + count + " items; its output ends:\n"
          + out.substring(Math.max(0, out.length() - 3000)), e);
    }
  }

  private static void awaitItemsOrFail(final int count, final ParleyProcess ingest) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .failFast("ingest died", () -> !ingest.isAlive())
        .until(() -> new HashSet<>(outputs.read("ing.raw-items", r -> new String(r.key(), StandardCharsets.UTF_8))).size()
            >= count);
  }

  /** The offset group {@code group} has committed on partition 0 of {@code topic}. */
  private static long committed(final String group, final String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      final var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      final var offset = offsets.get(new org.apache.kafka.common.TopicPartition(topic, 0));
      return offset == null ? 0 : offset.offset();
    }
  }

  private static void assertSameAsReference(final String prefix) {
    final List<String> alerts = outputs.alertRevisions(prefix + "alerts");
    assertThat(alerts).as("alerts, none twice").doesNotHaveDuplicates();
    assertThat(new HashSet<>(alerts)).as("alerts, none missing").isEqualTo(new HashSet<>(reference));
    assertThat(articleIds(prefix)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(referenceArticles);
  }

  private static List<String> articleIds(final String prefix) {
    return outputs.read(prefix + "articles", r -> new String(r.key(), StandardCharsets.UTF_8));
  }

  private static void load(final String prefix) {
    load(prefix, 0, ITEMS);
  }

  /**
   * Creates the prefix's topics as Parley does on a cluster (no replication given) and loads raw
   * items {@code from} to {@code to} of the same sequence every run gets.
   */
  private static void load(final String prefix, final int from, final int to) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      final TopicAdmin topics = new TopicAdmin(admin, Duration.ofSeconds(30));
      topics.ensure(Topics.withPrefix(prefix), 1, topics.replication(TopicAdmin.AUTO_REPLICATION));
    }
    final AvroSerde<RawItem> serde = AvroSerde.of(RawItem.class);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      for (final RawItem item : SyntheticArticles.generate(ITEMS, 29, Instant.parse("2025-05-01T00:00:00Z")).subList(from, to)) {
        producer.send(new ProducerRecord<>(prefix + "raw-items", item.getItemKey(), serde.encode(item)));
      }
    }
  }

  private static ParleyProcess process(final String prefix, final String name, final String... kafka) {
    final List<String> args = new java.util.ArrayList<>(List.of(
        "process", "--bootstrap-servers", cluster.bootstrapServers(), "--topic-prefix", prefix, "--partitions", "1",
        "--data-dir", dir.resolve(name).toString(), "--http-port", "0", "--kafka", "session.timeout.ms=6000"));
    for (final String setting : kafka) {
      args.addAll(List.of("--kafka", setting));
    }
    return ParleyProcess.start(dir.resolve(name + ".log"), Map.of(), args.toArray(String[]::new));
  }

  private static void awaitCaughtUp(final String prefix, final ParleyProcess process) {
    final long start = System.nanoTime();
    final String group = prefix + "processor";
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .failFast("the processor died", () -> !process.isAlive())
        .until(() -> outputs.caughtUp(group, List.of(prefix + "raw-items", group + "-articles-by-track-repartition")));
    System.err.printf("%s caught up after %.1f s%n", prefix, (System.nanoTime() - start) / 1e9);
  }

  private static int awaitAlerts(final String topic, final int atLeast, final ParleyProcess process) {
    final int[] seen = new int[1];
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .failFast("the processor died", () -> !process.isAlive())
        .until(() -> (seen[0] = outputs.alertRevisions(topic).size()) >= atLeast);
    return seen[0];
  }
}
