package io.parley.processor.cli;

import io.parley.schemas.Alert;
import io.parley.schemas.Topic;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints committed alerts from the alerts topic, one readable line each, as they arrive. Reads
 * with {@code read_committed}, so only alerts of committed transactions are shown — what a
 * dashboard subscribed to the topic would see.
 */
public final class AlertConsole implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertConsole.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topic<String, Alert> topic;
  private final PrintWriter out;
  private final Thread thread;
  private final AtomicLong printed = new AtomicLong();
  private final Function<Alert, String> format;
  private volatile boolean running = true;
  private boolean started;

  /**
   * @param fromBeginning print the topic's existing alerts too, not only new ones
   */
  public AlertConsole(final Map<String, Object> kafka, final Topic<String, Alert> topic, final PrintWriter out,
      final boolean fromBeginning) {
    this(kafka, topic, out, fromBeginning, AlertLine::format);
  }

  /**
   * @param fromBeginning print the topic's existing alerts too, not only new ones
   * @param format one line of an alert: {@link AlertLine#format} or its JSON shape
   */
  public AlertConsole(final Map<String, Object> kafka, final Topic<String, Alert> topic, final PrintWriter out,
      final boolean fromBeginning, final Function<Alert, String> format) {
    this.format = format;
    final Map<String, Object> config = new HashMap<>(kafka);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A read_committed fetch that finds nothing committed waits fetch.max.wait.ms (500 ms by
    // default) even when a commit makes an alert visible meanwhile: the console would lag by it.
    config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "parley-alert-console");
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.out = out;
    final List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // fix the start now, before new alerts arrive
    }
    this.thread = new Thread(this::loop, "parley-alert-console");
    this.thread.setDaemon(true);
  }

  /** Starts printing in the background. */
  public AlertConsole start() {
    started = true;
    thread.start();
    return this;
  }

  /** Alerts printed so far. */
  public long printed() {
    return printed.get();
  }

  private void loop() {
    try {
      while (running) {
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            final Alert alert = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
            if (alert != null) {
              out.println(format.apply(alert));
              out.flush();
              printed.incrementAndGet();
            }
          } catch (final SerializationException e) {
            LOG.warn("skipping an alert this build cannot read: {}", e.getMessage());
          }
        }
      }
    } catch (final WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() {
    running = false;
    if (!started) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
