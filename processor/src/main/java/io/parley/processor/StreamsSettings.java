package io.parley.processor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams configuration of the processor, with Parley's defaults. */
public final class StreamsSettings {

  private StreamsSettings() {}

  /**
   * Stream threads by default: one a core, at most four. Under exactly-once a thread waits for its
   * commit (flush and end of transaction) a fifth to a third of the time; a second thread
   * processes meanwhile. On two cores with the embedded broker beside them, the topology made
   * 7,770–7,890 articles/s with one thread (two runs) and 8,370–10,630 with two (four runs, the
   * same settings; BENCHMARKS.md). Four stays within the tasks that topics of Parley's default
   * partition count give the two sub-topologies.
   */
  public static int defaultThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * @param applicationId the Streams application id (consumer group, internal topic prefix)
   * @param kafka bootstrap servers and pass-through client settings; these win over defaults
   * @param stateDir where state stores live
   * @param replication replication factor of internal topics
   */
  public static Properties of(final String applicationId, final Map<String, Object> kafka,
      final Path stateDir, final short replication) {
    final Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    // Exactly once: an alert is written once even if the processor is killed mid-stream.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Under EOS output becomes visible at commit, so the commit interval is the latency floor: an
    // item crosses two commits (raw items → repartition → alerts). At 100 ms the steady-state p99 at
    // 500 items/s was 268–294 ms in three bench runs; at 50 ms 153 ms, with no throughput lost in
    // the same runs (the commits themselves take ≈ 2 ms on the stream thread).
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, defaultThreads());
    p.put("processing.exception.handler.global.enabled", "true");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // A read_committed fetch that finds nothing past the last stable offset waits fetch.max.wait.ms
    // even when a commit makes records visible meanwhile; every hop through an internal topic pays
    // it. 500 ms (the default) per hop would dwarf the commit interval.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 20);
    // Under exactly-once, output is visible only once its transaction commits, and the commit
    // flushes the producer: lingering until the commit (100 ms ≥ the interval) costs no latency, and sends one
    // batch per partition per commit instead of one every few milliseconds (in a bench run the
    // producer's network thread went from 17.9 to 8.6 µs of CPU an article).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 100);
    // Right after a commit the broker is still writing the transaction's markers, and the first
    // write of the next transaction to a partition is refused as retriable until it is done; with
    // the default 100 ms back-off every commit cycle waited that long before output flowed again.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
    // No compression by default: with one batch per partition per commit across the changelog,
    // repartition and output partitions, batches are small, and lz4 set up a 64 KiB block per batch
    // (15 % of the stream thread in a profile). Pass --kafka compression.type=… where the network costs more than CPU.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none");
    if (replication >= 3) {
      // A production cluster: a second instance keeps a warm copy of each task's state, so that it
      // takes over a killed instance's partitions from its own copy instead of restoring the
      // changelog first (ThreeBrokerIT measures the fail-over). With one instance there is no one
      // to hold it, and it costs nothing.
      p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
    }
    p.putAll(kafka);
    return p;
  }
}
