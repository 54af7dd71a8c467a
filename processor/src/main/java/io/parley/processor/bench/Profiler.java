package io.parley.processor.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where a measured run's time went, printed under its figure: the records it asked of the broker
 * a record, and with {@code --cpu-by-thread} the CPU by thread (Java threads, and the JVM's and
 * RocksDB's own from /proc), the kernel's share, allocation, page faults and the stream threads'
 * time by activity. The measures themselves know nothing of it but {@link #snapshot()} and
 * {@link #printRun}.
 */
final class Profiler {

  /** What the counters said when a measured span began. */
  record Snapshot(Map<Long, long[]> threads, Map<Long, ProcFs.Sample> nativeThreads, long faults) {}

  private final PrintWriter out;
  private final boolean cpuByThread;

  Profiler(final PrintWriter out, final boolean cpuByThread) {
    this.out = out;
    this.cpuByThread = cpuByThread;
  }

  Snapshot snapshot() {
    return new Snapshot(threadCpu(), ProcFs.snapshot(), ProcFs.minorFaults());
  }

  /** Prints what the run of {@code streams} did for its {@code n} records since {@code before}. */
  void printRun(final Snapshot before, final KafkaStreams streams, final String appId, final long n)
      throws InterruptedException {
    if (cpuByThread) {
      printThreadCpu(before.threads(), n, before.faults());
      printNativeThreadCpu(before.nativeThreads(), n);
      printThreadTime(streams);
    }
    printRecordTraffic(streams, appId, n);
  }

  /**
   * The stream thread's commit latency (average and maximum over the metrics window): where an
   * exactly-once commit stalls, the alert tail follows.
   */
  void printCommitLatency(final KafkaStreams streams) {
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

  static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
