package io.parley.processor.runtime;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/** Readiness checks: the Streams state and the producers' broker connections. */
public final class Readiness {

  private Readiness() {}

  /** Empty when {@code streams} is RUNNING (or null: no stream in this process), else why not. */
  public static Optional<String> streams(final KafkaStreams streams) {
    if (streams == null) {
      return Optional.empty();
    }
    final KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.RUNNING ? Optional.empty() : Optional.of("stream state is " + state);
  }

  /** Empty when {@code producer} (or null) holds at least one broker connection, else why not. */
  public static Optional<String> producer(final Producer<?, ?> producer) {
    if (producer == null) {
      return Optional.empty();
    }
    for (final Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
      if (e.getKey().name().equals("connection-count") && e.getKey().group().equals("producer-metrics")) {
        final Object value = e.getValue().metricValue();
        if (value instanceof Number n && n.doubleValue() > 0) {
          return Optional.empty();
        }
      }
    }
    return Optional.of("producer has no broker connection");
  }
}
