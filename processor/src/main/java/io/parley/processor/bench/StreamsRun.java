package io.parley.processor.bench;

import io.parley.processor.StreamsSettings;
import io.parley.processor.runtime.TopicAdmin;
import io.parley.processor.topology.DeadLetterHandlers;
import io.parley.processor.topology.TopologyListener;
import io.parley.schemas.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * What the throughput measures share: one broker, topics created and preloaded with the workload,
 * an application with Parley's Streams settings started paused until its group is stable, and
 * timed from its first record processed to its last, with the {@link Profiler} around it.
 */
final class StreamsRun {

  /**
   * Records a second, and the CPU time of the whole process (broker included) per record over the
   * same span: steadier than the rate on a shared two-core machine, and it shows where a change
   * saves work that another thread was doing.
   */
  record Throughput(double perSecond, double cpuMicros) {}

  private final String bootstrap;
  private final Path stateDir;
  private final int threads;
  private final int partitions;
  private final Map<String, String> streamsOverrides;
  private final Profiler profiler;

  /**
   * @param streamsOverrides Streams settings that replace Parley's in every measure
   * @param profiler what to print of a measured run (not of a warm-up)
   */
  StreamsRun(final String bootstrap, final Path stateDir, final int threads, final int partitions,
      final Map<String, String> streamsOverrides, final Profiler profiler) {
    this.bootstrap = bootstrap;
    this.stateDir = stateDir;
    this.threads = threads;
    this.partitions = partitions;
    this.streamsOverrides = streamsOverrides;
    this.profiler = profiler;
  }

  String bootstrap() {
    return bootstrap;
  }

  int threads() {
    return threads;
  }

  Map<String, Object> client() {
    return Map.of("bootstrap.servers", bootstrap);
  }

  /** Parley's Streams settings for {@code appId}, with the bench's thread count and overrides. */
  Properties streamsProperties(final String appId, final String deadLetters) {
    final Properties props = StreamsSettings.of(appId, client(), stateDir.resolve(appId), (short) 1);
    if (deadLetters != null) {
      DeadLetterHandlers.configure(props, deadLetters, TopologyListener.NONE);
    }
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.putAll(streamsOverrides);
    return props;
  }

  void createTopics(final List<Topic<?, ?>> topics) {
    try (Admin admin = Admin.create(client())) {
      new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(topics, partitions, (short) 1);
    }
  }

  /** Writes the workload to {@code topic} before the application starts, keyed by item key. */
  void preload(final String topic, final Workload workload) {
    final Map<String, Object> config = new HashMap<>(client());
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < workload.size(); i++) {
        producer.send(new ProducerRecord<>(topic, workload.items().get(i).getItemKey(), workload.values().get(i)));
      }
      producer.flush();
    }
  }

  /** A topic of encoded records keyed by item key, for the measures that copy bytes. */
  static Topic<String, byte[]> bytesTopic(final String name) {
    return new Topic<>(name, Serdes.String(), Serdes.ByteArray(), "delete", Optional.empty());
  }

  /**
   * Records processed per second, from the first record processed to the last ({@code expected}
   * of them, counted by {@code progress}); the profiler prints where the time went when
   * {@code measured}.
   */
  Throughput measure(final Topology topology, final String appId, final Progress progress, final int expected,
      final String deadLetters, final boolean measured) throws InterruptedException {
    final Properties props = streamsProperties(appId, deadLetters);
    // Larger batches for the throughput measures, unless a --kafka setting says otherwise.
    final String batchSize = StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);
    if (!streamsOverrides.containsKey(batchSize)) {
      props.put(batchSize, 256 * 1024);
    }
    final KafkaStreams streams = new KafkaStreams(topology, props);
    try {
      // Paused until the group is stable: started at once, the first thread could process in a
      // first generation and then stop for the rebalance the second thread's join brings, a pause
      // that would count in the span measured.
      streams.pause();
      streams.start();
      final int sourcePartitions = topology.describe().subtopologies().size() * partitions;
      final long assignedBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      try (Admin admin = Admin.create(client())) {
        while (!assigned(admin, appId, threads, sourcePartitions) && System.nanoTime() < assignedBy) {
          Thread.sleep(20);
        }
      }
      final long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      final Profiler.Snapshot before = profiler.snapshot();
      streams.resume();
      while (progress.count.get() < expected && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      final long cpuEnd = Profiler.processCpuNanos();
      if (measured) {
        profiler.printRun(before, streams, appId, progress.count.get());
      }
      final double seconds = (progress.last.get() - progress.first.get()) / 1e9;
      return new Throughput(progress.count.get() / Math.max(seconds, 1e-3),
          (cpuEnd - progress.firstCpu.get()) / 1e3 / Math.max(1, progress.count.get()));
    } finally {
      closeLeavingGroup(streams);
    }
  }

  /**
   * Whether the application's consumer group is stable with one member a stream thread and every
   * source partition assigned. (A paused application with state stays REBALANCING, and its
   * threads' metadata stays CREATED, until it resumes: the group is what tells.)
   */
  private static boolean assigned(final Admin admin, final String group, final int members, final int partitions)
      throws InterruptedException {
    try {
      final ConsumerGroupDescription d =
          admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      return d.groupState() == GroupState.STABLE && d.members().size() == members
          && d.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum() == partitions;
    } catch (final ExecutionException e) {
      return false; // the group is not known yet
    }
  }

  /**
   * Closes a measured application and has its members leave their group. A plain close keeps them
   * in it (Kafka Streams' default, for a quick restart): a stream thread still joining when the
   * last record was processed then waited in its JoinGroup for the others' session timeout, and
   * close() with it — 40 s in some warm-up rounds, during which the JIT compiler drained its queue
   * while the warm-up took the idle wall time for a quiet compiler.
   */
  static void closeLeavingGroup(final KafkaStreams streams) {
    streams.close(CloseOptions
        .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofMinutes(1)));
  }

  /** Counts processed records and when the first and the last were processed. */
  static final class Progress {
    final AtomicLong count = new AtomicLong();
    final AtomicLong first = new AtomicLong();
    final AtomicLong last = new AtomicLong();
    final AtomicLong firstCpu = new AtomicLong();

    void tick() {
      final long now = System.nanoTime();
      if (count.getAndIncrement() == 0) {
        first.set(now);
        firstCpu.set(Profiler.processCpuNanos());
      }
      last.set(now);
    }
  }
}
