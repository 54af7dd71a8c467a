package io.parley.processor.bench;

import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark of SPEC §9 against one broker, in one run: a plain consume→produce pass-through of
 * the same records ({@link PassThroughMeasure}, the limit), Parley's topology on them
 * ({@link TopologyMeasure}), the topology's Kafka path without its work ({@link ShapeMeasure}),
 * raw-item → alert latency at a fixed offered rate under exactly-once ({@link LatencyMeasure}),
 * and replay wall time ({@link ReplayMeasure}). The throughput figures are measured the same way
 * ({@link StreamsRun}) — from the first record processed to the last, once the application's group
 * is stable — with the same Streams settings; {@link Profiler} prints where the time went.
 */
public final class Bench {

  /** What to measure. */
  public record Settings(int articles, int latencyRate, Duration latencyDuration, int replayArticles, int warmupArticles,
      int warmupRounds,
      int streamThreads, int partitions, boolean cpuByThread, Map<String, String> streams) {}

  /** The figures. */
  public record Figures(double passThroughPerSecond, double topologyPerSecond, double kafkaPathPerSecond, double p50Ms,
      double p99Ms, double p999Ms, int latencySamples, double replaySeconds) {
    public double ratio() {
      return topologyPerSecond / passThroughPerSecond;
    }

    /** SPEC §9's ratio: the topology against its own Kafka path with none of its work, in the same run. */
    public double kafkaPathRatio() {
      return topologyPerSecond / kafkaPathPerSecond;
    }
  }

  private final String bootstrap;
  private final Path stateDir;
  private final PrintWriter out;

  public Bench(final String bootstrap, final Path stateDir, final PrintWriter out) {
    this.bootstrap = bootstrap;
    this.stateDir = stateDir;
    this.out = out;
  }

  /** Runs every measure and prints each figure as it comes. */
  public Figures run(final Settings settings) throws Exception {
    final Workload workload = Workload.generate(settings.articles(), 42, Instant.parse("2025-01-01T00:00:00Z"));
    out.printf(Locale.ROOT, "bench: %,d synthetic articles, %d partitions, %d stream thread(s), exactly_once_v2, broker %s%n",
        workload.size(), settings.partitions(), settings.streamThreads(), bootstrap);
    out.flush();
    if (!settings.streams().isEmpty()) {
      out.printf(Locale.ROOT, "Streams settings changed for every measure: %s%n", settings.streams());
    }
    final Profiler profiler = new Profiler(out, settings.cpuByThread());
    final StreamsRun run = new StreamsRun(bootstrap, stateDir, settings.streamThreads(), settings.partitions(),
        settings.streams(), profiler);
    final PassThroughMeasure passThrough = new PassThroughMeasure(run);
    final TopologyMeasure topology = new TopologyMeasure(run, out);
    final ShapeMeasure shape = new ShapeMeasure(run);
    if (settings.warmupArticles() > 0) {
      warmUp(settings.warmupArticles(), settings.warmupRounds(), passThrough, topology, shape);
    }

    final StreamsRun.Throughput passed = passThrough.run("bench.", workload, true);
    final double pass = passed.perSecond();
    out.printf(Locale.ROOT, "pass-through (consume→produce): %,.0f records/s (%,.0f µs CPU a record, all threads)%n",
        pass, passed.cpuMicros());
    out.flush();
    final StreamsRun.Throughput coded = topology.run("bench.", workload, true);
    final double topologyRate = coded.perSecond();
    out.printf(Locale.ROOT, "topology (Parley):              %,.0f articles/s (%,.0f µs CPU an article, all threads)%n",
        topologyRate, coded.cpuMicros());
    out.flush();
    final StreamsRun.Throughput shaped = shape.run("bench.", workload, true);
    out.printf(Locale.ROOT, "topology's Kafka path, no work:  %,.0f records/s (%,.0f µs CPU a record, all threads);"
        + " ratio to pass-through %.2f: the most the topology could reach%n", shaped.perSecond(), shaped.cpuMicros(),
        shaped.perSecond() / pass);
    out.flush();
    final double[] latency = new LatencyMeasure(run, profiler).run(settings.latencyRate(), settings.latencyDuration());
    out.printf(Locale.ROOT, "latency raw-item → alert at %d items/s for %d s after %d s unmeasured: p50 %.0f ms, p99 %.0f ms, p999 %.0f ms (%d alerts)%n",
        settings.latencyRate(), settings.latencyDuration().toSeconds(), LatencyMeasure.WARMUP.toSeconds(), latency[0],
        latency[1], latency[2], (int) latency[3]);
    out.flush();
    final double replay = ReplayMeasure.seconds(settings.replayArticles());
    out.printf(Locale.ROOT, "replay of %,d articles: %.1f s%n", settings.replayArticles(), replay);
    out.printf(Locale.ROOT, "ratio topology/pass-through = %.2f%n", topologyRate / pass);
    out.flush();
    return new Figures(pass, topologyRate, shaped.perSecond(), latency[0], latency[1], latency[2], (int) latency[3], replay);
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
  private void warmUp(final int articles, final int rounds, final PassThroughMeasure passThrough,
      final TopologyMeasure topology, final ShapeMeasure shape) throws InterruptedException {
    final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    for (int round = 1; round <= rounds; round++) {
      final Workload warm = Workload.generate(articles, 3 + round, Instant.parse("2024-06-01T00:00:00Z"));
      final long compiledBefore = jit.getTotalCompilationTime();
      final Map<Long, ProcFs.Sample> nativeBefore = ProcFs.snapshot();
      final long start = System.nanoTime();
      passThrough.run("bench-warm" + round + ".", warm, false);
      topology.run("bench-warm" + round + ".", warm, false);
      shape.run("bench-warm" + round + ".", warm, false);
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
}
