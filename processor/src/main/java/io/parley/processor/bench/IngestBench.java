package io.parley.processor.bench;

import com.sun.net.httpserver.HttpServer;
import io.parley.ingest.feed.FeedList;
import io.parley.schemas.FeedConfig;
import io.parley.processor.runtime.TopicAdmin;
import io.parley.schemas.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.admin.Admin;

/**
 * The ingest half of SPEC §9: many feeds at a polling interval compressed in time, served by a
 * local HTTP server that answers most polls with 304 Not Modified (conditional GET on the ETag)
 * and changes a few feeds each interval. Measures the polls per second achieved against those the
 * schedule asks for, CPU, heap, and how many feeds fell behind their schedule (a gap between two
 * polls longer than the interval plus its 10 % jitter and one second).
 */
public final class IngestBench {

  private static final int ITEMS_PER_FEED = 10;

  /** What to measure. */
  public record Settings(int feeds, Duration interval, Duration duration, double changedPerInterval) {}

  /** The figures. */
  public record Figures(double pollsPerSecond, double scheduledPerSecond, long polls, long notModified, int behind,
      int neverPolled, double cpuPercent, long maxHeapUsedMb, long heapMaxMb) {}

  private final String bootstrap;

  public IngestBench(final String bootstrap) {
    this.bootstrap = bootstrap;
  }

  public Figures run(final Settings settings) throws IOException, InterruptedException {
    final int n = settings.feeds();
    final AtomicIntegerArray version = new AtomicIntegerArray(n);
    final AtomicLongArray lastPoll = new AtomicLongArray(n);
    final AtomicLongArray maxGap = new AtomicLongArray(n);
    final AtomicLong polls = new AtomicLong();
    final AtomicLong notModified = new AtomicLong();
    final AtomicLong measuring = new AtomicLong(Long.MAX_VALUE);
    final HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    http.setExecutor(Executors.newFixedThreadPool(8));
    http.createContext("/f/", exchange -> {
      try (exchange) {
        final int feed = Integer.parseInt(exchange.getRequestURI().getPath().substring(3));
        final long now = System.nanoTime();
        final long previous = lastPoll.getAndSet(feed, now);
        if (previous != 0 && previous >= measuring.get()) {
          maxGap.accumulateAndGet(feed, now - previous, Math::max);
        }
        if (now >= measuring.get()) {
          polls.incrementAndGet();
        }
        final int v = version.get(feed);
        final String etag = "\"" + feed + "-" + v + "\"";
        exchange.getResponseHeaders().add("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          if (now >= measuring.get()) {
            notModified.incrementAndGet();
          }
          exchange.sendResponseHeaders(304, -1);
          return;
        }
        final byte[] body = rss(feed, v).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    http.start();
    final Topics topics = Topics.withPrefix("bench-ingest.");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(topics, 4, (short) 1);
    }
    final Instant now = Instant.now();
    final int intervalSeconds = (int) settings.interval().toSeconds();
    final List<FeedConfig> feeds = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      feeds.add(FeedList.feed("http://127.0.0.1:" + http.getAddress().getPort() + "/f/" + i, null, intervalSeconds, now));
    }
    // Every feed lives on one host here, as it never would in production: the per-host limit is
    // raised so that it does not become the bottleneck being measured. Ingest runs as `parley
    // ingest` in a JVM of its own, with the 512 MB heap SPEC §9 allows it, so that its heap and CPU
    // are its own, not shared with the broker's.
    final Path feedsFile = Files.createTempFile("parley-bench-feeds-", ".txt");
    Files.write(feedsFile, feeds.stream().map(FeedConfig::getUrl).toList());
    final int metricsPort;
    try (ServerSocket free = new ServerSocket(0)) {
      metricsPort = free.getLocalPort();
    }
    final List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + HEAP_MB + "m", "-cp", System.getProperty("java.class.path"), "io.parley.processor.cli.ParleyCommand",
        "ingest", "--bootstrap-servers", bootstrap, "--feeds", feedsFile.toString());
    final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> k.startsWith("PARLEY_") || k.startsWith("KAFKA_"));
    builder.environment().putAll(Map.of("PARLEY_POLL_INTERVAL_SECONDS", Integer.toString(intervalSeconds),
        "PARLEY_POLL_MODE", "fixed", "PARLEY_PER_HOST_FETCHES", "32", "PARLEY_FETCH_THREADS", "32", "PARLEY_INSTANCE_ID", "bench",
        "PARLEY_TOPIC_PREFIX", topics.prefix(), "PARLEY_PARTITIONS", "4", "PARLEY_HTTP_ADDRESS", "127.0.0.1",
        "PARLEY_HTTP_PORT", Integer.toString(metricsPort)));
    final double[] cpu = {0};
    final Process ingest = builder.start();
    final HttpClient client = HttpClient.newHttpClient();
    final URI metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
    final Random random = new Random(5);
    long maxHeap = 0;
    long heapMax = HEAP_MB * 1024L * 1024;
    Duration cpuStart = Duration.ZERO;
    long wallStart = 0;
    try {
      final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (heap(client, metrics) == null) {
        if (!ingest.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("parley ingest did not start (exit " + (ingest.isAlive() ? "none" : ingest.exitValue()) + ")");
        }
        Thread.sleep(200);
      }
      // The first interval spreads the feeds out; measure from the second on.
      final long begin = System.nanoTime();
      long nextChange = begin + settings.interval().toNanos();
      final long measureFrom = begin + settings.interval().toNanos();
      final long end = measureFrom + settings.duration().toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(500);
        final long t = System.nanoTime();
        if (t >= measureFrom && measuring.get() == Long.MAX_VALUE) {
          measuring.set(t);
          cpuStart = ingest.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
          wallStart = t;
        }
        if (t >= nextChange) {
          for (int c = 0; c < Math.max(1, (int) (n * settings.changedPerInterval())); c++) {
            version.incrementAndGet(random.nextInt(n));
          }
          nextChange += settings.interval().toNanos();
        }
        final long[] used = heap(client, metrics);
        if (used != null) {
          maxHeap = Math.max(maxHeap, used[0]);
          heapMax = used[1] > 0 ? used[1] : heapMax;
        }
      }
      final Duration cpuEnd = ingest.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
      cpu[0] = cpuEnd.minus(cpuStart).toNanos() / 1e9;
    } finally {
      ingest.destroy();
      ingest.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
      ingest.destroyForcibly();
      Files.deleteIfExists(feedsFile);
      http.stop(0);
    }
    final double seconds = (System.nanoTime() - wallStart) / 1e9;
    final double cpuPercent = cpu[0] / seconds / Runtime.getRuntime().availableProcessors() * 100;
    final long allowed = (long) (settings.interval().toNanos() * 1.1) + Duration.ofSeconds(1).toNanos();
    int behind = 0;
    int never = 0;
    for (int i = 0; i < n; i++) {
      if (lastPoll.get(i) == 0) {
        never++;
      } else if (maxGap.get(i) > allowed || lastPoll.get(i) < System.nanoTime() - allowed) {
        behind++;
      }
    }
    return new Figures(polls.get() / seconds, n / (double) settings.interval().toSeconds(), polls.get(), notModified.get(),
        behind, never, cpuPercent, maxHeap / (1024 * 1024), heapMax / (1024 * 1024));
  }

  /** The heap the ingest JVM is given: SPEC §9's bound for ingest. */
  static final int HEAP_MB = 512;

  /** Heap used and heap max of the ingest JVM, summed over its pools, from its /metrics; null while it does not answer. */
  private static long[] heap(final HttpClient client, final URI metrics) {
    try {
      final String text = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      long used = 0;
      long max = 0;
      for (final String line : text.split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } else if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")) {
          final double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          max += v > 0 ? (long) v : 0;
        }
      }
      return used == 0 ? null : new long[] {used, max};
    } catch (final IOException e) {
      return null;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String rss(final int feed, final int version) {
    final StringBuilder rss = new StringBuilder(4096).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>")
        .append("<title>Bench feed ").append(feed).append("</title><link>https://bench.parley.invalid/").append(feed)
        .append("</link><description>Synthetic feed for the ingest benchmark</description>");
    for (int i = 0; i < ITEMS_PER_FEED; i++) {
      final int item = version + i; // a new version pushes one new item to the top
      rss.append("<item><title>Bench feed ").append(feed).append(" story ").append(item).append("</title>")
          .append("<link>https://bench.parley.invalid/").append(feed).append('/').append(item).append("</link>")
          .append("<guid>bench-").append(feed).append('-').append(item).append("</guid>")
          .append("<pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>")
          .append("<description>Officials met on Monday to discuss the next steps, a spokesperson said.</description></item>");
    }
    return rss.append("</channel></rss>").toString();
  }
}
