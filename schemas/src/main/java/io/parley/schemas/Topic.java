package io.parley.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic with its key and value serdes and the configuration Parley creates it with.
 *
 * @param name full topic name, prefix included
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value
 * @param cleanupPolicy {@code compact} or {@code delete}
 * @param retention retention for {@code delete} topics; empty means the broker default
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    String cleanupPolicy,
    Optional<Duration> retention) {

  /** The topic-level configs Parley sets when it creates this topic. */
  public Map<String, String> configs() {
    final Map<String, String> configs = new HashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
    retention.ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())));
    return configs;
  }
}
