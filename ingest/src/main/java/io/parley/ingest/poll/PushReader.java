package io.parley.ingest.poll;

import io.parley.schemas.FeedPush;
import io.parley.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code parley.feed-pushes} whole, from its end when the instance starts, and hands every
 * record to the scheduler, which acts on those of the feeds this instance owns: whichever
 * instance a hub reached, the feed's owner publishes. Not a consumer group member: every instance
 * reads every push. A push written while its feed changed owner may be missed by both; polling,
 * which goes on at the ceiling, then brings the item.
 */
final class PushReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PushReader.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final Consumer<FeedPush> onPush;
  private final Thread thread;
  private volatile boolean running = true;

  PushReader(final Map<String, Object> kafka, final Topics topics, final Consumer<FeedPush> onPush) {
    final Map<String, Object> config = new HashMap<>(kafka);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "parley-ingest-pushes");
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.onPush = onPush;
    this.thread = new Thread(this::loop, "parley-websub-pushes");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    try {
      final String topic = topics.feedPushes().name();
      List<PartitionInfo> partitions = List.of();
      while (running && partitions.isEmpty()) {
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (partitions.isEmpty()) {
          Thread.sleep(1_000);
        }
      }
      final List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(all);
      consumer.seekToEnd(all);
      all.forEach(consumer::position); // settle the end now: a push written after start is read
      while (running) {
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          final FeedPush push;
          try {
            push = topics.feedPushes().valueSerde().deserializer().deserialize(r.topic(), r.value());
          } catch (final RuntimeException e) {
            LOG.warn("feed push {}-{}@{} cannot be read, skipped: {}", r.topic(), r.partition(), r.offset(), e.toString());
            continue;
          }
          if (push != null) {
            onPush.accept(push);
          }
        }
      }
    } catch (final WakeupException e) {
      // closing
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final RuntimeException e) {
      LOG.error("reading WebSub pushes failed; pushed content now comes with the next polls: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Whether the reader still runs (for readiness). */
  boolean alive() {
    return thread.isAlive() || thread.getState() == Thread.State.NEW;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
