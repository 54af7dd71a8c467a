package io.parley.ingest.poll;

import io.parley.schemas.FeedStatus;
import io.parley.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the latest committed {@code FeedStatus} of given feeds from the compacted feed-status topic. */
final class FeedStatuses {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private FeedStatuses() {}

  /**
   * @param partitions the partitions to read, or empty for all; feeds and feed-status are keyed
   *     alike, so with equal partition counts a feed's status is in its feed partition's number
   */
  static Map<String, FeedStatus> latest(final Map<String, Object> kafka, final Topics topics, final Set<String> feedIds,
      final Set<Integer> partitions) {
    final Map<String, FeedStatus> latest = new HashMap<>();
    if (feedIds.isEmpty()) {
      return latest;
    }
    final Map<String, Object> config = new HashMap<>(kafka);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final String topic = topics.feedStatus().name();
      final List<TopicPartition> all = consumer.partitionsFor(topic, TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
      final int feedPartitions = consumer.partitionsFor(topics.feeds().name(), TIMEOUT).size();
      final List<TopicPartition> read = partitions.isEmpty() || feedPartitions != all.size() ? all
          : all.stream().filter(tp -> partitions.contains(tp.partition())).collect(Collectors.toList());
      consumer.assign(read);
      consumer.seekToBeginning(read);
      // Read to the high watermark, not to the last stable offset: a poll of these feeds that the
      // previous owner has in a transaction still open (it ran as the feeds changed hands) must be
      // seen committed or aborted before this instance takes over, or its items are published
      // twice. The wait is bounded by the previous owner's transaction timeout (10 s).
      final Map<TopicPartition, Long> end = highWatermarks(config, read);
      final long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
          && System.nanoTime() < deadline) {
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          final String id = topics.feedStatus().keySerde().deserializer().deserialize(topic, r.key());
          if (feedIds.contains(id)) {
            final FeedStatus status = topics.feedStatus().valueSerde().deserializer().deserialize(topic, r.value());
            if (status != null) {
              latest.put(id, status);
            }
          }
        }
      }
    }
    return latest;
  }

  private static Map<TopicPartition, Long> highWatermarks(final Map<String, Object> config, final List<TopicPartition> read) {
    final Map<String, Object> uncommitted = new HashMap<>(config);
    uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(uncommitted, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      return consumer.endOffsets(read, TIMEOUT);
    }
  }
}
