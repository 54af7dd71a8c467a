package io.parley.processor.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import io.parley.processor.ProcessorConfig;
import io.parley.processor.StreamsSettings;
import io.parley.processor.replay.Replayer;
import io.parley.processor.runtime.TopicAdmin;
import io.parley.processor.signals.ArticleCoder;
import io.parley.processor.topology.DeadLetterHandlers;
import io.parley.processor.topology.ParleyTopology;
import io.parley.processor.topology.TopologyListener;
import io.parley.schemas.Article;
import io.parley.schemas.AvroSerde;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topic;
import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The benchmark of SPEC §9 against one broker, in one run: a plain consume→produce pass-through of
 * the same records (the limit), Parley's topology on them, the topology's Kafka path without its
 * work ({@link TopologyShape}), raw-item → alert latency at a fixed offered rate under exactly-once,
 * and replay wall time. The throughput figures are measured the same way — from the first record
 * processed to the last, once the application's group is stable — with the same Streams settings.
 */
public final class Bench {

  /** How long the latency measure sends items before it starts measuring their alerts. */
  static final Duration LATENCY_WARMUP = Duration.ofSeconds(5);

  /** What to measure. */
  public record Settings(int articles, int latencyRate, Duration latencyDuration, int replayArticles, int warmupArticles,
      int warmupRounds,
      int streamThreads, int partitions, boolean cpuByThread, Map<String, String> streams) {}

  /** The figures. */
  public record Figures(double passThroughPerSecond, double topologyPerSecond, double p50Ms, double p99Ms,
      double p999Ms, int latencySamples, double replaySeconds) {
    public double ratio() {
      return topologyPerSecond / passThroughPerSecond;
    }
  }

  private final String bootstrap;
  private final Path stateDir;
  private final PrintWriter out;
  private int threads = 1;
  private int partitions = 4;
  private boolean cpuByThread;
  private Map<String, String> streamsOverrides = Map.of();
  private boolean measuring;

  public Bench(final String bootstrap, final Path stateDir, final PrintWriter out) {
    this.bootstrap = bootstrap;
    this.stateDir = stateDir;
    this.out = out;
  }

  /** Runs every measure and prints each figure as it comes. */
  public Figures run(final Settings settings) throws Exception {
    final List<RawItem> items = SyntheticArticles.generate(settings.articles(), 42, Instant.parse("2025-01-01T00:00:00Z"));
    final AvroSerde<RawItem> serde = AvroSerde.of(RawItem.class);
    final List<byte[]> values = new ArrayList<>(items.size());
    items.forEach(i -> values.add(serde.encode(i)));
    out.printf(Locale.ROOT, "bench: %,d synthetic articles, %d partitions, %d stream thread(s), exactly_once_v2, broker %s%n",
        items.size(), settings.partitions(), settings.streamThreads(), bootstrap);
    out.flush();
    threads = settings.streamThreads();
    partitions = settings.partitions();
    cpuByThread = settings.cpuByThread();
    streamsOverrides = settings.streams();
    if (!streamsOverrides.isEmpty()) {
      out.printf(Locale.ROOT, "Streams settings changed for every measure: %s%n", streamsOverrides);
    }
    if (settings.warmupArticles() > 0) {
      warmUp(settings.warmupArticles(), settings.warmupRounds(), serde);
    }

    measuring = true;
    final Throughput passed = passThrough("bench.", items, values);
    final double pass = passed.perSecond();
    out.printf(Locale.ROOT, "pass-through (consume→produce): %,.0f records/s (%,.0f µs CPU a record, all threads)%n",
        pass, passed.cpuMicros());
    out.flush();
    final Throughput coded = topology("bench.", items, values);
    final double topology = coded.perSecond();
    out.printf(Locale.ROOT, "topology (Parley):              %,.0f articles/s (%,.0f µs CPU an article, all threads)%n",
        topology, coded.cpuMicros());
    out.flush();
    final Throughput shaped = shape("bench.", items, values);
    out.printf(Locale.ROOT, "topology's Kafka path, no work:  %,.0f records/s (%,.0f µs CPU a record, all threads);"
        + " ratio to pass-through %.2f: the most the topology could reach%n", shaped.perSecond(), shaped.cpuMicros(),
        shaped.perSecond() / pass);
    out.flush();
    final double[] latency = latency(settings);
    out.printf(Locale.ROOT, "latency raw-item → alert at %d items/s for %d s after %d s unmeasured: p50 %.0f ms, p99 %.0f ms, p999 %.0f ms (%d alerts)%n",
        settings.latencyRate(), settings.latencyDuration().toSeconds(), LATENCY_WARMUP.toSeconds(), latency[0], latency[1], latency[2],
        (int) latency[3]);
    out.flush();
    final double replay = replay(settings.replayArticles());
    out.printf(Locale.ROOT, "replay of %,d articles: %.1f s%n", settings.replayArticles(), replay);
    out.printf(Locale.ROOT, "ratio topology/pass-through = %.2f%n", topology / pass);
    out.flush();
    return new Figures(pass, topology, latency[0], latency[1], latency[2], (int) latency[3], replay);
  }

  /**
   * Runs both throughput measures, unmeasured, on other articles until the JIT compiler is quiet: a
   * long-running service runs compiled code, and on two cores the C2 compiler still busy with the
   * broker's and the topology's hot methods would take most of a core from what is measured. A
   * round counts as quiet when compilation took less than 10 % of its wall time; at most {@code rounds}.
   * It takes some 20 rounds of 10,000 articles: the compiler's share falls from ≈ 120 % to 30 % by
   * round 10 and to 10 % by round 20, not steadily (deoptimised methods are compiled again). A
   * measure after ten rounds still had the compiler at 48 µs of CPU an article (183 µs in all);
   * after 21, at 9 µs (146 µs in all).
   */
  private void warmUp(final int articles, final int rounds, final AvroSerde<RawItem> serde) throws InterruptedException {
    final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    for (int round = 1; round <= rounds; round++) {
      final List<RawItem> warm = SyntheticArticles.generate(articles, 3 + round, Instant.parse("2024-06-01T00:00:00Z"));
      final List<byte[]> warmValues = new ArrayList<>(warm.size());
      warm.forEach(i -> warmValues.add(serde.encode(i)));
      final long compiledBefore = jit.getTotalCompilationTime();
      final Map<Long, ProcFs.Sample> nativeBefore = ProcFs.snapshot();
      final long start = System.nanoTime();
      passThrough("bench-warm" + round + ".", warm, warmValues);
      topology("bench-warm" + round + ".", warm, warmValues);
      shape("bench-warm" + round + ".", warm, warmValues);
      final double wallMs = (System.nanoTime() - start) / 1e6;
      final double compilingShare = (jit.getTotalCompilationTime() - compiledBefore) / wallMs;
      final double compilerCpuMs = ProcFs.since(nativeBefore).entrySet().stream()
          .filter(e -> e.getKey().contains("CompilerThre")).mapToLong(Map.Entry::getValue).sum() / 1e6;
      out.printf(Locale.ROOT, "warm-up %d: %,d articles through all three, not measured; JIT compiling %.0f %% of the time"
          + " (the compiler threads' CPU: %.0f %% of the wall time)%n", round, warm.size(), 100 * compilingShare, 100 * compilerCpuMs / wallMs);
      out.flush();
      if (compilingShare < 0.10) {
        return;
      }
    }
  }

  private Map<String, Object> client() {
    return Map.of("bootstrap.servers", bootstrap);
  }

  private void preload(final String topic, final List<RawItem> items, final List<byte[]> values) {
    final Map<String, Object> config = new HashMap<>(client());
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < items.size(); i++) {
        producer.send(new ProducerRecord<>(topic, items.get(i).getItemKey(), values.get(i)));
      }
      producer.flush();
    }
  }

  private void createTopics(final List<Topic<?, ?>> topics) {
    try (Admin admin = Admin.create(client())) {
      new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(topics, partitions, (short) 1);
    }
  }

  /**
   * Records a second, and the CPU time of the whole process (broker included) per record over the
   * same span: steadier than the rate on a shared two-core machine, and it shows where a change
   * saves work that another thread was doing.
   */
  private record Throughput(double perSecond, double cpuMicros) {}

  private Throughput passThrough(final String prefix, final List<RawItem> items, final List<byte[]> values)
      throws InterruptedException {
    final Topic<String, byte[]> in = bytesTopic(prefix + "pass-in");
    final Topic<String, byte[]> outTopic = bytesTopic(prefix + "pass-out");
    createTopics(List.of(in, outTopic));
    preload(in.name(), items, values);
    final Progress progress = new Progress();
    final StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .peek((k, v) -> progress.tick())
        .to(outTopic.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
    return measure(builder.build(), prefix.replace('.', '-') + "pass", progress, items.size(), null);
  }

  private Throughput topology(final String prefix, final List<RawItem> items, final List<byte[]> values)
      throws InterruptedException {
    final Topics topics = Topics.withPrefix(prefix);
    createTopics(topics.all());
    preload(topics.rawItems().name(), items, values);
    final Progress progress = new Progress();
    final AtomicLong tracked = new AtomicLong();
    final AtomicLong roundless = new AtomicLong();
    final TopologyListener counting = new TopologyListener() {
      @Override
      public void settled(final Article article) {
        if (article.getTrack() != null) {
          tracked.incrementAndGet();
          if (article.getRoundId() == null) {
            roundless.incrementAndGet();
          }
        }
        progress.tick();
      }

      @Override
      public void deadLetter(final String stage) {
        progress.tick();
      }
    };
    final Throughput measured = measure(ParleyTopology.build(topics, ProcessorConfig.defaults(), ArticleCoder.bundled(), counting),
        prefix.replace('.', '-') + "topology", progress, items.size(), topics.dlq().name());
    if (measuring) {
      // How much round work the measure did: the rest of the tracked articles joined or opened a
      // round (BENCHMARKS.md, items 32-33: a backlog read over partitions opens many of one article).
      out.printf(Locale.ROOT, "  tracked articles with no round: %,d of %,d (%.0f %%): background-only ones that found"
          + " no open round%n", roundless.get(), tracked.get(),
          100.0 * roundless.get() / Math.max(1, tracked.get()));
    }
    return measured;
  }

  /** A topic of encoded records keyed by item key, for the measures that copy bytes. */
  private static Topic<String, byte[]> bytesTopic(final String name) {
    return new Topic<>(name, Serdes.String(), Serdes.ByteArray(), "delete", Optional.empty());
  }

  /** {@link TopologyShape}: the topology's topics, repartition and store writes, on the same records, without its work. */
  private Throughput shape(final String prefix, final List<RawItem> items, final List<byte[]> values)
      throws InterruptedException {
    final Topic<String, byte[]> in = bytesTopic(prefix + "shape-in");
    final Topic<String, byte[]> articles = bytesTopic(prefix + "shape-articles");
    final Topic<String, byte[]> alerts = bytesTopic(prefix + "shape-alerts");
    createTopics(List.of(in, articles, alerts));
    preload(in.name(), items, values);
    final Progress progress = new Progress();
    return measure(TopologyShape.build(in.name(), articles.name(), alerts.name(), ProcessorConfig.defaults().dedupWindow(),
        progress::tick), prefix.replace('.', '-') + "shape", progress, items.size(), null);
  }

  /** Records processed per second, from the first record processed to the last. */
  private Throughput measure(final Topology topology, final String appId, final Progress progress, final int expected,
      final String deadLetters) throws InterruptedException {
    final Properties props = StreamsSettings.of(appId, client(), stateDir.resolve(appId), (short) 1);
    if (deadLetters != null) {
      DeadLetterHandlers.configure(props, deadLetters, TopologyListener.NONE);
    }
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.putAll(streamsOverrides);
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
      final Map<Long, long[]> before = threadCpu();
      final Map<Long, ProcFs.Sample> nativeBefore = ProcFs.snapshot();
      final long faultsBefore = ProcFs.minorFaults();
      streams.resume();
      while (progress.count.get() < expected && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      final long cpuEnd = processCpuNanos();
      if (cpuByThread && measuring) {
        printThreadCpu(before, progress.count.get(), faultsBefore);
        printNativeThreadCpu(nativeBefore, progress.count.get());
        printThreadTime(streams);
      }
      if (measuring) {
        printRecordTraffic(streams, appId, progress.count.get());
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
  private static void closeLeavingGroup(final KafkaStreams streams) {
    streams.close(CloseOptions
        .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofMinutes(1)));
  }

  private double[] latency(final Settings settings) throws Exception {
    final Topics topics = Topics.withPrefix("bench-lat.");
    createTopics(topics.all());
    // Items of the first seconds are sent but not measured: the application's first transactions
    // (producer id, partitions joining a transaction, fetch sessions) took up to 1.6 s in one run,
    // all of it in the first 1.6 s — startup, not the steady state a running service is in.
    final int n = settings.latencyRate() * (int) (settings.latencyDuration().toSeconds() + LATENCY_WARMUP.toSeconds());
    final List<RawItem> items = SyntheticArticles.generate(n, 7, Instant.parse("2025-06-01T00:00:00Z"));
    final AvroSerde<RawItem> serde = AvroSerde.of(RawItem.class);
    final List<Double> samples = Collections.synchronizedList(new ArrayList<>());
    final Properties props = StreamsSettings.of("bench-latency", client(), stateDir.resolve("bench-latency"), (short) 1);
    DeadLetterHandlers.configure(props, topics.dlq().name(), TopologyListener.NONE);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.putAll(streamsOverrides);
    final KafkaStreams streams = new KafkaStreams(ParleyTopology.build(topics, ProcessorConfig.defaults()), props);
    try {
      streams.start();
      while (streams.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(50);
      }
      final Map<String, Object> consumerConfig = new HashMap<>(client());
      consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      // Like a dashboard that wants alerts at once: a read_committed fetch that finds nothing past
      // the last stable offset waits fetch.max.wait.ms (500 ms by default) even when a commit makes
      // an alert visible meanwhile, and the figure would measure the reader's wait.
      consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
           KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
               ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer())) {
        final List<TopicPartition> parts = consumer.partitionsFor(topics.alerts().name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        final long intervalNanos = 1_000_000_000L / settings.latencyRate();
        final long begin = System.nanoTime();
        int sent = 0;
        final long end = begin + LATENCY_WARMUP.toNanos() + settings.latencyDuration().toNanos() + Duration.ofSeconds(3).toNanos();
        final long measuredFrom = System.currentTimeMillis() + LATENCY_WARMUP.toMillis();
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
      printCommitLatency(streams);
    } finally {
      closeLeavingGroup(streams);
    }
    final List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return new double[] {percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999), sorted.size()};
  }

  /**
   * The stream thread's commit latency (average and maximum over the metrics window): where an
   * exactly-once commit stalls, the alert tail follows.
   */
  private void printCommitLatency(final KafkaStreams streams) {
    final Map<String, Double> commit = new TreeMap<>();
    streams.metrics().forEach((name, metric) -> {
      if (name.group().equals("stream-thread-metrics") && name.name().startsWith("commit-latency")
          && metric.metricValue() instanceof Double value && !value.isNaN()) {
        commit.merge(name.name(), value, Math::max);
      }
    });
    if (!commit.isEmpty()) {
      out.printf(Locale.ROOT, "latency: stream thread commit-latency-avg %.0f ms, commit-latency-max %.0f ms%n",
          commit.getOrDefault("commit-latency-avg", Double.NaN), commit.getOrDefault("commit-latency-max", Double.NaN));
      out.flush();
    }
  }

  private static double replay(final int n) {
    final List<RawItem> items = SyntheticArticles.generate(n, 11, Instant.parse("2025-03-01T00:00:00Z"));
    final long start = System.nanoTime();
    new Replayer(ProcessorConfig.defaults()).run(items, done -> { });
    return (System.nanoTime() - start) / 1e9;
  }

  private static double percentile(final List<Double> sorted, final double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  /** CPU time of each live thread, by id: total and in user mode, in nanoseconds, and the bytes it allocated. */
  private static Map<Long, long[]> threadCpu() {
    final ThreadMXBean mx = threadBean();
    final Map<Long, long[]> m = new HashMap<>();
    for (final long id : mx.getAllThreadIds()) {
      m.put(id, new long[] {mx.getThreadCpuTime(id), mx.getThreadUserTime(id), mx.getThreadAllocatedBytes(id)});
    }
    return m;
  }

  private static ThreadMXBean threadBean() {
    return (ThreadMXBean) ManagementFactory.getThreadMXBean();
  }

  /**
   * CPU per record since {@code before}, by thread name with ids and numbers folded (stream thread,
   * broker request handlers …), with the share spent in the kernel (system calls, page faults on
   * the broker's memory-mapped indexes): where a measure's CPU goes. The JIT compiler, garbage
   * collector and RocksDB threads are not Java threads: {@link #printNativeThreadCpu} lists them.
   */
  private void printThreadCpu(final Map<Long, long[]> before, final long n, final long faultsBefore) {
    final ThreadMXBean mx = threadBean();
    final Map<String, long[]> byGroup = new TreeMap<>();
    for (final long id : mx.getAllThreadIds()) {
      final ThreadInfo info = mx.getThreadInfo(id);
      if (info == null) {
        continue;
      }
      final String g = info.getThreadName().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "").replaceAll("\\d+", "N");
      final long[] was = before.getOrDefault(id, new long[3]);
      final long[] sum = byGroup.computeIfAbsent(g, k -> new long[3]);
      sum[0] += mx.getThreadCpuTime(id) - was[0];
      sum[1] += mx.getThreadUserTime(id) - was[1];
      sum[2] += Math.max(0, mx.getThreadAllocatedBytes(id) - was[2]);
    }
    // Bytes allocated a record are as steady as the work itself, where CPU time moves with the machine.
    byGroup.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(14)
        .forEach(e -> out.printf(Locale.ROOT, "  %6.1f µs CPU a record (%2.0f %% in the kernel), %6.1f KB allocated: %s%n",
            e.getValue()[0] / 1e3 / n, kernelShare(e.getValue()), e.getValue()[2] / 1e3 / n, e.getKey()));
    final long faults = ProcFs.minorFaults();
    if (faults >= 0 && faultsBefore >= 0) {
      out.printf(Locale.ROOT, "  %6.2f minor page faults a record (whole process)%n", (faults - faultsBefore) / (double) n);
    }
  }

  /** The JVM's and RocksDB's own threads, which {@link #printThreadCpu} cannot see, at 10 ms resolution. */
  private void printNativeThreadCpu(final Map<Long, ProcFs.Sample> before, final long n) {
    final Map<String, Long> spent = ProcFs.since(before);
    if (spent.isEmpty()) {
      return;
    }
    final StringBuilder line = new StringBuilder("  not Java threads, µs CPU a record:");
    spent.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(), e.getValue() / 1e3 / n)));
    out.println(line);
  }

  /**
   * Where the stream threads' wall time went (Kafka Streams' own ratios, averaged over its metrics
   * window): processing, punctuating, polling, committing — under exactly-once a commit waits for
   * the producer's flush and the transaction's end, time the thread cannot process.
   */
  private void printThreadTime(final KafkaStreams streams) {
    final Map<String, List<Double>> ratios = new TreeMap<>();
    streams.metrics().forEach((name, metric) -> {
      if (name.group().equals("stream-thread-metrics") && name.name().endsWith("-ratio")
          && metric.metricValue() instanceof Double value && !value.isNaN()) {
        ratios.computeIfAbsent(name.name().replace("-ratio", ""), k -> new ArrayList<>()).add(value);
      }
    });
    if (!ratios.isEmpty()) {
      final StringBuilder line = new StringBuilder("  stream thread time:");
      ratios.forEach((what, values) -> line.append(String.format(Locale.ROOT, " %s %.0f %%", what,
          100 * values.stream().mapToDouble(Double::doubleValue).average().orElse(0))));
      out.println(line);
    }
  }

  /**
   * The records the application wrote and read a record measured, by topic, from its clients' own
   * counters (the application starts on the measured records alone, so the totals are the
   * measure's): what each measure asks of the broker, against the pass-through's one read and one
   * write.
   */
  private void printRecordTraffic(final KafkaStreams streams, final String appId, final long n)
      throws InterruptedException {
    // Read once the counters stand still: the producer sends what it holds at the next commit,
    // after the last record was processed (the measured span ends there).
    Map<List<String>, Double> byClient = recordTraffic(streams, appId);
    final long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    for (Map<List<String>, Double> was = null; !byClient.equals(was) && System.nanoTime() < until; ) {
      Thread.sleep(250);
      was = byClient;
      byClient = recordTraffic(streams, appId);
    }
    final Map<String, Double> written = new TreeMap<>();
    final Map<String, Double> read = new TreeMap<>();
    byClient.forEach((key, value) -> (key.get(0).equals("written") ? written : read).merge(key.get(2), value, Double::sum));
    if (n > 0 && !written.isEmpty()) {
      out.printf(Locale.ROOT, "  Kafka records a record: written %.2f (%s), read %.2f (%s)%n",
          written.values().stream().mapToDouble(Double::doubleValue).sum() / n, perRecord(written, n),
          read.values().stream().mapToDouble(Double::doubleValue).sum() / n, perRecord(read, n));
    }
  }

  /**
   * Records sent and consumed so far, by [written|read, client, topic]: a consumer reports each
   * topic twice, as "bench.raw-items" and in the older spelling "bench_raw-items" (KIP-1109), which
   * must count once.
   */
  private static Map<List<String>, Double> recordTraffic(final KafkaStreams streams, final String appId) {
    final Map<List<String>, Double> byClient = new HashMap<>();
    streams.metrics().forEach((name, metric) -> {
      final String topic = name.tags().get("topic");
      if (topic == null || !(metric.metricValue() instanceof Double value) || value <= 0) {
        return;
      }
      final String way = name.group().equals("producer-topic-metrics") && name.name().equals("record-send-total") ? "written"
          : name.group().equals("consumer-fetch-manager-metrics") && name.name().equals("records-consumed-total") ? "read" : null;
      if (way != null) {
        byClient.merge(List.of(way, String.valueOf(name.tags().get("client-id")), shortTopic(topic, appId)), value, Math::max);
      }
    });
    return byClient;
  }

  /**
   * A measure's topic without its prefix: "bench.raw-items" (the consumer's metrics spell it
   * "bench_raw-items"), "bench-topology-dedup-signatures-changelog" (internal, under the application id).
   */
  private static String shortTopic(final String topic, final String appId) {
    if (topic.startsWith(appId + "-")) {
      return topic.substring(appId.length() + 1);
    }
    final int dot = Math.max(topic.indexOf('.'), topic.indexOf('_'));
    return dot < 0 ? topic : topic.substring(dot + 1);
  }

  private static String perRecord(final Map<String, Double> byTopic, final long n) {
    return byTopic.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / n))
        .collect(Collectors.joining(", "));
  }

  /** The share of {@code cpu[0]} (total) not in {@code cpu[1]} (user), in percent; the two are read apart, so clamped. */
  private static double kernelShare(final long[] cpu) {
    return cpu[0] <= 0 ? 0.0 : Math.max(0, Math.min(100, 100.0 * (cpu[0] - cpu[1]) / cpu[0]));
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Counts processed records and when the first and the last were processed. */
  private static final class Progress {
    final AtomicLong count = new AtomicLong();
    final AtomicLong first = new AtomicLong();
    final AtomicLong last = new AtomicLong();
    final AtomicLong firstCpu = new AtomicLong();

    void tick() {
      final long now = System.nanoTime();
      if (count.getAndIncrement() == 0) {
        first.set(now);
        firstCpu.set(processCpuNanos());
      }
      last.set(now);
    }
  }
}
