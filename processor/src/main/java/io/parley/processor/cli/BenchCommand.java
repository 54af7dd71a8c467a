package io.parley.processor.cli;

import io.parley.ingest.IngestConfig;
import io.parley.processor.ProcessorConfig;
import io.parley.processor.StreamsSettings;
import io.parley.processor.bench.Bench;
import io.parley.processor.bench.FreshnessBench;
import io.parley.processor.bench.IngestBench;
import io.parley.processor.runtime.EmbeddedKafka;
import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley bench}: the SPEC §9 benchmark on an embedded broker. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
        "Starts an embedded broker and measures, in one run: a plain consume→produce pass-through of N",
        "synthetic articles (the broker's limit), Parley's topology on the same records, raw-item → alert",
        "latency at a fixed offered rate under exactly_once_v2, replay wall time, and run start to ready.",
        "Ends with 'ratio topology/pass-through = X.XX'."})
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--articles", paramLabel = "N", description = "Articles for the throughput figures (default ${DEFAULT-VALUE}).")
  int articles = 20_000;

  @Option(names = "--rate", paramLabel = "ITEMS/S", description = "Offered rate of the latency figure (default ${DEFAULT-VALUE}).")
  int rate = 500;

  @Option(names = "--seconds", paramLabel = "S", description = "Duration of the latency figure (default ${DEFAULT-VALUE}).")
  int seconds = 20;

  @Option(names = "--replay-articles", paramLabel = "N", description = "Articles replayed (default ${DEFAULT-VALUE}).")
  int replayArticles = 100_000;

  @Option(names = "--warmup-articles", paramLabel = "N",
      description = "Articles run through the throughput measures first, unmeasured, so the JIT has compiled the code (default ${DEFAULT-VALUE}).")
  int warmupArticles = 10_000;

  @Option(names = "--warmup-rounds", paramLabel = "N",
      description = "Most warm-up rounds; they stop earlier once the JIT compiler was busy less than 10 %% of one (default ${DEFAULT-VALUE}).")
  int warmupRounds = 30;

  @Option(names = "--threads", paramLabel = "N",
      description = "Kafka Streams threads (default: as in production, one a core and at most 4; ${DEFAULT-VALUE} here).")
  int threads = StreamsSettings.defaultThreads();

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the benchmark's topics (default ${DEFAULT-VALUE}); fewer tasks make each exactly-once commit cheaper.")
  int partitions = 4;

  @Option(names = "--cpu-by-thread",
      description = "Also print, for both throughput figures, the CPU time a record by thread (stream thread, broker request handlers …).")
  boolean cpuByThread;

  @Option(names = "--kafka", paramLabel = "KEY=VALUE",
      description = "A Kafka Streams setting for every measured application (pass-through, topology, latency), e.g."
          + " --kafka commit.interval.ms=50 or --kafka producer.linger.ms=5, over Parley's defaults. Repeatable.")
  Map<String, String> streamsSettings = new LinkedHashMap<>();

  @Option(names = "--broker", paramLabel = "KEY=VALUE",
      description = "A setting of the embedded broker over its defaults, e.g. --broker log.index.size.max.bytes=10485760 (Kafka's default). Repeatable.")
  Map<String, String> brokerSettings = new LinkedHashMap<>();

  @Option(names = "--ingest-feeds", paramLabel = "N",
      description = "Feeds of the ingest benchmark, served on 127.0.0.1; 0 skips it (default ${DEFAULT-VALUE}).")
  int ingestFeeds = 10_000;

  @Option(names = "--ingest-interval", paramLabel = "S",
      description = "Polling interval of the ingest benchmark: 300 s compressed to this (default ${DEFAULT-VALUE}).")
  int ingestInterval = 30;

  @Option(names = "--freshness",
      description = "Measure freshness instead (item posted → alert): fixed against adaptive polling on a compressed simulated"
          + " day of --freshness-feeds feeds, and WebSub push for a share of them, timed through the real pipeline.")
  boolean freshness;

  @Option(names = "--freshness-feeds", paramLabel = "N", description = "Feeds of the simulated day (default ${DEFAULT-VALUE}).")
  int freshnessFeeds = 1_000;

  @Option(names = "--freshness-hub-share", paramLabel = "SHARE",
      description = "Share of the feeds that advertise a WebSub hub (default ${DEFAULT-VALUE}).")
  double freshnessHubShare = 0.2;

  @Option(names = "--freshness-pushes", paramLabel = "N",
      description = "Signed deliveries timed through the real pipeline, to their alerts (default ${DEFAULT-VALUE}).")
  int freshnessPushes = 100;

  @Option(names = "--ingest-seconds", paramLabel = "S", description = "Measured duration of the ingest benchmark (default ${DEFAULT-VALUE}).")
  int ingestSeconds = 60;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (articles < 100 || rate < 1 || seconds < 1 || replayArticles < 1 || warmupArticles < 0 || warmupRounds < 1 || threads < 1
        || ingestFeeds < 0 || ingestInterval < 1 || ingestSeconds < 1 || partitions < 1) {
      throw new ConfigError("--articles must be at least 100; --rate, --seconds, --replay-articles, --warmup-rounds, --threads and --partitions at least 1;"
          + " --warmup-articles and --ingest-feeds not negative; --ingest-interval and --ingest-seconds at least 1");
    }
    final PrintWriter out = spec.commandLine().getOut();
    if (freshness) {
      return freshness(out);
    }
    if (!brokerSettings.isEmpty()) {
      out.printf(Locale.ROOT, "broker settings changed: %s%n", brokerSettings);
    }
    final Path dir = Files.createTempDirectory("parley-bench-");
    final Bench.Figures figures;
    try {
      try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, brokerSettings)) {
        figures = new Bench(kafka.bootstrapServers(), dir.resolve("streams"), out)
            .run(new Bench.Settings(articles, rate, Duration.ofSeconds(seconds), replayArticles, warmupArticles, warmupRounds,
                threads, partitions, cpuByThread, Collections.unmodifiableMap(new LinkedHashMap<>(streamsSettings))));
        if (ingestFeeds > 0) {
          final IngestBench.Figures f = new IngestBench(kafka.bootstrapServers()).run(new IngestBench.Settings(
              ingestFeeds, Duration.ofSeconds(ingestInterval), Duration.ofSeconds(ingestSeconds), 0.02));
          out.printf(Locale.ROOT, "ingest: %,d feeds every %d s (%.0f polls/s scheduled): %.0f polls/s achieved, %.0f %% not modified,"
              + " %d feeds behind schedule, %d never polled; CPU %.0f %% of %d cores, heap max used %d MB of %d MB (ingest in a JVM of its own)%n",
              ingestFeeds, ingestInterval, f.scheduledPerSecond(), f.pollsPerSecond(),
              f.polls() == 0 ? 0.0 : 100.0 * f.notModified() / f.polls(), f.behind(), f.neverPolled(), f.cpuPercent(),
              Runtime.getRuntime().availableProcessors(), f.maxHeapUsedMb(), f.heapMaxMb());
          out.flush();
        }
      }
      out.printf(Locale.ROOT, "run start to ready (embedded broker, demo): %.1f s%n", startToReady(dir.resolve("run")));
      // SPEC §9's ratio, last: the topology against its own Kafka path with none of its work, in this run.
      out.printf(Locale.ROOT, "ratio topology/kafka-path = %.2f%n", figures.kafkaPathRatio());
      out.flush();
      return 0;
    } finally {
      Services.deleteQuietly(dir);
    }
  }

  private int freshness(final PrintWriter out) throws Exception {
    if (freshnessFeeds < 10 || freshnessPushes < 10 || freshnessPushes > 496 || freshnessHubShare < 0 || freshnessHubShare > 0.5) {
      throw new ConfigError("--freshness-feeds must be at least 10, --freshness-pushes between 10 and 496,"
          + " --freshness-hub-share between 0 and 0.5");
    }
    final Path dir = Files.createTempDirectory("parley-bench-freshness-");
    try {
      final FreshnessBench.Figures figures = new FreshnessBench(out).run(new FreshnessBench.Settings(freshnessFeeds,
          freshnessHubShare, freshnessPushes, Duration.ofSeconds(IngestConfig.DEFAULT_INTERVAL_SECONDS)), dir, spec -> {
            final ParleyRuntime runtime = new ParleyRuntime();
            final IngestConfig ingest = IngestConfig.fromEnv(Map.of("PARLEY_POLL_MODE", "fixed"))
                .withWebSub("http://127.0.0.1:" + spec.httpPort() + "/", spec.key(), 86_400);
            runtime.start(ParleyRuntime.Plan.builder(ParleyRuntime.Role.ALL, spec.dir().resolve("run"))
                .ingest(ingest).http(new java.net.InetSocketAddress("127.0.0.1", spec.httpPort()))
                .feeds(kafka -> spec.feeds()).build(), new PrintWriter(new StringWriter()));
            return new FreshnessBench.RunHandle() {
              @Override
              public String bootstrapServers() {
                return runtime.bootstrapServers();
              }

              @Override
              public void close() {
                runtime.close();
              }
            };
          });
      out.println(figures.summary());
      out.flush();
      return 0;
    } finally {
      Services.deleteQuietly(dir);
    }
  }

  private static double startToReady(final Path dir) throws InterruptedException {
    final long start = System.nanoTime();
    final ParleyRuntime runtime = new ParleyRuntime();
    try {
      runtime.start(ParleyRuntime.Plan.builder(ParleyRuntime.Role.ALL, dir).demo(true).build(),
          new PrintWriter(new StringWriter()));
      while (runtime.notReady().isPresent()) {
        Thread.sleep(20);
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      runtime.close();
    }
  }
}
