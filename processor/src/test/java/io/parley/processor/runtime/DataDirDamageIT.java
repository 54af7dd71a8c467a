package io.parley.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to the embedded broker's data dir stops startup with one line, never a silent repair: each
 * case damages its own copy of a data dir that a real broker wrote 73 records to and stopped
 * cleanly.
 */
class DataDirDamageIT {

  private static final int RECORDS = 73;

  @TempDir static Path dir;
  static Path original;

  @BeforeAll
  static void writeAndStopCleanly() throws Exception {
    original = dir.resolve("original");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(original);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("alerts", 1, (short) 1))).all().get();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < RECORDS; i++) {
          producer.send(new ProducerRecord<>("alerts", "a-" + i, "alert " + i + " " + "x".repeat(200)));
        }
        producer.flush();
      }
      assertThat(readAll(kafka)).as("written").hasSize(RECORDS);
    }
    assertThat(original.resolve(DataDirCheck.MANIFEST)).exists();
  }

  private static Path copy(final String name) throws IOException {
    final Path target = dir.resolve(name);
    try (Stream<Path> all = Files.walk(original)) {
      for (final Path p : all.sorted(Comparator.naturalOrder()).toList()) {
        final Path to = target.resolve(original.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  private static Path segment(final Path data) throws IOException {
    try (Stream<Path> files = Files.list(data.resolve("logs/alerts-0"))) {
      return files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
    }
  }

  private static List<String> readAll(final EmbeddedKafka kafka) {
    final List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(new TopicPartition("alerts", 0)));
      final long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (values.size() < RECORDS && System.nanoTime() < until) {
        for (final ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }

  @Test
  void anUndamagedDirStartsWithEveryRecordAndAfterACrashKafkaRecoversAsUsual() throws Exception {
    final Path data = copy("undamaged");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(data)) {
      assertThat(data.resolve(DataDirCheck.MANIFEST)).as("removed at start: a crash leaves none").doesNotExist();
      assertThat(readAll(kafka)).hasSize(RECORDS);
    }
    // As after a crash: no clean-stop record, so only the always-true checks apply.
    Files.delete(data.resolve(DataDirCheck.MANIFEST));
    try (EmbeddedKafka kafka = EmbeddedKafka.start(data)) {
      assertThat(readAll(kafka)).hasSize(RECORDS);
    }
  }

  @Test
  void aTruncatedSegmentStopsStartup() throws Exception {
    final Path data = copy("truncated");
    final Path segment = segment(data);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    assertThatThrownBy(() -> EmbeddedKafka.start(data)).isInstanceOf(DataDirCheck.Damaged.class)
        .hasMessageContaining("log segment " + segment + " holds")
        .hasMessageContaining("when the broker stopped cleanly")
        .hasMessageContaining("move it aside")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingSegmentStopsStartup() throws Exception {
    final Path data = copy("missing-segment");
    Files.delete(segment(data));
    assertThatThrownBy(() -> EmbeddedKafka.start(data)).isInstanceOf(DataDirCheck.Damaged.class)
        .hasMessageContaining("is gone since the broker stopped cleanly");
  }

  @Test
  void missingClusterMetadataStopsStartupInsteadOfRecreatingTheTopics() throws Exception {
    final Path data = copy("no-cluster-metadata");
    deleteTree(data.resolve("meta/__cluster_metadata-0"));
    assertThatThrownBy(() -> EmbeddedKafka.start(data)).isInstanceOf(DataDirCheck.Damaged.class)
        .hasMessageContaining("the cluster metadata")
        .hasMessageContaining("recreate every topic under a new id");
    assertThat(data.resolve("logs/alerts-0")).as("nothing deleted").exists();
  }

  @Test
  void missingMetaPropertiesStopsStartupWithOneLine() throws Exception {
    final Path data = copy("no-meta-properties");
    Files.delete(data.resolve("meta/meta.properties"));
    assertThatThrownBy(() -> EmbeddedKafka.start(data)).isInstanceOf(DataDirCheck.Damaged.class)
        .hasMessageContaining("meta.properties is missing while")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("kafka-storage"));
  }

  @Test
  void aChangedTopicIdStopsStartup() throws Exception {
    final Path data = copy("other-topic-id");
    final Path metadata = data.resolve("logs/alerts-0/partition.metadata");
    Files.writeString(metadata, Files.readString(metadata).replaceAll("topic_id: \\S+", "topic_id: AAAAAAAAAAAAAAAAAAAAAA"));
    assertThatThrownBy(() -> EmbeddedKafka.start(data)).isInstanceOf(DataDirCheck.Damaged.class)
        .hasMessageContaining("now names topic id AAAAAAAAAAAAAAAAAAAAAA");
  }

  private static void deleteTree(final Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (final Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
