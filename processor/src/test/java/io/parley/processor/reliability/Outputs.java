package io.parley.processor.reliability;

import io.parley.schemas.Alert;
import io.parley.schemas.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a processor or ingest run has committed, read the way a dashboard reads it: read_committed. */
final class Outputs {

  private final String bootstrap;

  Outputs(final String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Every committed record value of {@code topic}, decoded with {@code decode}, in partition order. */
  <T> List<T> read(final String topic, final Function<ConsumerRecord<byte[], byte[]>, T> decode) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      final List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      final Map<TopicPartition, Long> end = consumer.endOffsets(parts); // the last stable offsets
      final List<T> values = new ArrayList<>();
      final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(decode.apply(r)));
      }
      return values;
    }
  }

  /** The committed alerts of {@code topic} as {@code alertId#revision}, in the order they were written per partition. */
  List<String> alertRevisions(final String topic) {
    final AvroSerde<Alert> serde = AvroSerde.of(Alert.class);
    return read(topic, r -> {
      final Alert alert = serde.decode(r.value());
      return alert.getAlertId() + "#" + alert.getRevision();
    });
  }

  /**
   * Whether consumer group {@code group} has processed everything committed to the partitions of
   * {@code topics}: its committed offset is the last stable offset, or only transaction markers lie
   * between the two.
   */
  boolean caughtUp(final String group, final List<String> topics) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap)); KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      final Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (final String topic : topics) {
        consumer.partitionsFor(topic).forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      }
      final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
          new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
      for (final TopicPartition tp : latest.keySet()) {
        final long end = ends.get(tp).offset();
        final long at = committed.containsKey(tp) ? committed.get(tp).offset() : 0;
        if (at >= end) {
          continue;
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, at);
        if (!consumer.poll(Duration.ofMillis(500)).isEmpty() || consumer.position(tp) < end) {
          return false; // a record the group has not processed yet
        }
      }
      return true;
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
