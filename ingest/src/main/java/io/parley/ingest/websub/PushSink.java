package io.parley.ingest.websub;

import io.parley.schemas.FeedPush;
import io.parley.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes what hubs tell the callback to {@code parley.feed-pushes}, acknowledged by all in-sync
 * replicas before the hub gets its answer: a delivery answered 2xx is on Kafka.
 */
public final class PushSink implements WebSubCallback.Sink, AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final Topic<String, FeedPush> topic;

  public PushSink(final Map<String, Object> kafka, final Topic<String, FeedPush> topic) {
    final Map<String, Object> config = new HashMap<>(kafka);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "parley-websub-callback");
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  @Override
  public void publish(final FeedPush push) throws Exception {
    producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), push.getFeedId()),
        topic.valueSerde().serializer().serialize(topic.name(), push))).get(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
