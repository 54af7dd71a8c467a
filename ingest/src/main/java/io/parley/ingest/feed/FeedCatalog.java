package io.parley.ingest.feed;

import io.parley.schemas.FeedConfig;
import io.parley.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the current feed list from the compacted feeds topic: the latest config per feed id. */
public final class FeedCatalog {

  private FeedCatalog() {}

  /**
   * Reads {@code topic} from the beginning to its end offsets at the time of the call.
   *
   * @param kafka bootstrap servers and pass-through client settings
   * @param timeout bound on the whole read
   */
  public static List<FeedConfig> readAll(final Map<String, Object> kafka, final Topic<String, FeedConfig> topic,
      final Duration timeout) {
    final Map<String, Object> config = new HashMap<>(kafka);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final Map<String, FeedConfig> feeds = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (!caughtUp(consumer, end) && System.nanoTime() < deadline) {
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          final String id = topic.keySerde().deserializer().deserialize(topic.name(), r.key());
          final FeedConfig feed = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
          if (feed == null) {
            feeds.remove(id); // tombstone: the feed was removed
          } else {
            feeds.put(id, feed);
          }
        }
      }
    }
    return new ArrayList<>(feeds.values());
  }

  private static boolean caughtUp(final KafkaConsumer<?, ?> consumer, final Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
