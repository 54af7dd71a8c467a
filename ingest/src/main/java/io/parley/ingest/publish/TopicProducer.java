package io.parley.ingest.publish;

import io.parley.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One idempotent producer ({@code acks=all}) that writes to any {@link Topic} with that topic's
 * own serdes, so callers never pick a serializer by hand.
 */
public final class TopicProducer implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * @param clientConfig bootstrap servers and any pass-through client settings (SASL/SSL …)
   * @param clientId client.id, visible in broker logs and metrics
   */
  public TopicProducer(final Map<String, Object> clientConfig, final String clientId) {
    final Map<String, Object> config = new HashMap<>(clientConfig);
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends one record to {@code topic}, serialized with the topic's serdes. */
  public <K, V> Future<RecordMetadata> send(final Topic<K, V> topic, final K key, final V value) {
    final byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
    final byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
    return producer.send(new ProducerRecord<>(topic.name(), k, v));
  }

  /** Blocks until everything sent so far is acknowledged. */
  public void flush() {
    producer.flush();
  }

  /** The underlying client, for metrics binding. */
  public KafkaProducer<byte[], byte[]> client() {
    return producer;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
