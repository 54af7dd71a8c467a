package io.parley.processor.bench;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.topology.ParleyTopology;
import io.parley.schemas.AvroSerde;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Raw item → committed alert latency at a fixed offered rate under exactly-once: items are sent
 * at the rate to a running application, and each alert's age is read by a read_committed
 * consumer as soon as its transaction commits.
 */
final class LatencyMeasure {

  /** How long the measure sends items before it starts measuring their alerts. */
  static final Duration WARMUP = Duration.ofSeconds(5);

  private final StreamsRun run;
  private final Profiler profiler;

  LatencyMeasure(final StreamsRun run, final Profiler profiler) {
    this.run = run;
    this.profiler = profiler;
  }

  /**
   * Sends {@code rate} items a second for {@link #WARMUP} unmeasured and then {@code duration},
   * and returns the p50, p99 and p999 latency in milliseconds and the number of alerts measured.
   */
  double[] run(final int rate, final Duration duration) throws Exception {
    final Topics topics = Topics.withPrefix("bench-lat.");
    run.createTopics(topics.all());
    // Items of the first seconds are sent but not measured: the application's first transactions
    // (producer id, partitions joining a transaction, fetch sessions) took up to 1.6 s in one run,
    // all of it in the first 1.6 s — startup, not the steady state a running service is in.
    final int n = rate * (int) (duration.toSeconds() + WARMUP.toSeconds());
    final List<RawItem> items = SyntheticArticles.generate(n, 7, Instant.parse("2025-06-01T00:00:00Z"));
    final AvroSerde<RawItem> serde = AvroSerde.of(RawItem.class);
    final List<Double> samples = Collections.synchronizedList(new ArrayList<>());
    final Properties props = run.streamsProperties("bench-latency", topics.dlq().name());
    final KafkaStreams streams = new KafkaStreams(ParleyTopology.build(topics, ProcessorConfig.defaults()), props);
    try {
      streams.start();
      while (streams.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(50);
      }
      final Map<String, Object> consumerConfig = new HashMap<>(run.client());
      consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      // Like a dashboard that wants alerts at once: a read_committed fetch that finds nothing past
      // the last stable offset waits fetch.max.wait.ms (500 ms by default) even when a commit makes
      // an alert visible meanwhile, and the figure would measure the reader's wait.
      consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
           KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", run.bootstrap(),
               ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer())) {
        final List<TopicPartition> parts = consumer.partitionsFor(topics.alerts().name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        final long intervalNanos = 1_000_000_000L / rate;
        final long begin = System.nanoTime();
        int sent = 0;
        final long end = begin + WARMUP.toNanos() + duration.toNanos() + Duration.ofSeconds(3).toNanos();
        final long measuredFrom = System.currentTimeMillis() + WARMUP.toMillis();
        while (System.nanoTime() < end) {
          final long due = begin + sent * intervalNanos;
          while (sent < n && System.nanoTime() >= due + 0) {
            final RawItem item = items.get(sent++);
            producer.send(new ProducerRecord<>(topics.rawItems().name(), item.getItemKey(), serde.encode(item)));
            if (System.nanoTime() < begin + sent * intervalNanos) {
              break;
            }
          }
          for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(1))) {
            if (r.timestamp() >= measuredFrom) {
              samples.add((double) (System.currentTimeMillis() - r.timestamp()));
            }
          }
        }
      }
      profiler.printCommitLatency(streams);
    } finally {
      StreamsRun.closeLeavingGroup(streams);
    }
    final List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return new double[] {percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999), sorted.size()};
  }



  private static double percentile(final List<Double> sorted, final double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }
}
