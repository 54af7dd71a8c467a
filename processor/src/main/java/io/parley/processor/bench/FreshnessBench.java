package io.parley.processor.bench;

import com.sun.net.httpserver.HttpServer;
import io.parley.ingest.IngestConfig;
import io.parley.ingest.feed.FeedFetcher;
import io.parley.ingest.feed.FeedList;
import io.parley.ingest.poll.FreshnessSimulation;
import io.parley.ingest.poll.PollPolicy;
import io.parley.ingest.websub.WebSubConfig;
import io.parley.ingest.websub.WebSubKeys;
import io.parley.schemas.Alert;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code bench --freshness}: how soon an item posted by a publisher is an alert, for polling at a
 * fixed interval, adaptive polling, and WebSub push for the share of feeds that advertise a hub.
 * <ul>
 *   <li><b>The schedule</b>, on a compressed simulated day ({@link FreshnessSimulation}): N feeds
 *       on 127.0.0.1 whose items appear at uneven rates — 5 % wires every 1–3 minutes, 25 % about
 *       hourly (every 30 min to 2 h), 70 % blogs two or three times a day — with two days of
 *       history before it; the real poller, policy and backoff on a simulated clock. Gives, per
 *       item posted in the day, the wait from posting to the poll that fetched it, and the requests.</li>
 *   <li><b>The pipeline</b>, measured for real: {@code run} on an embedded broker with WebSub on;
 *       signed deliveries (this bench plays the hub's part of §7) of diplomatic items to its
 *       callback, each timed from the POST to its alert committed on {@code parley.alerts}.</li>
 * </ul>
 * An item's freshness is its schedule wait plus a pipeline time (a pushed item: the pipeline time
 * alone), pipeline times drawn in turn from those measured.
 */
public final class FreshnessBench {

  /** What was measured. */
  public record Figures(Scenario fixed, Scenario adaptive, Scenario push, double[] pipelineSeconds) {

    /** The last line: medians and requests adaptive against fixed, and pushed items' p99. */
    public String summary() {
      return String.format(Locale.ROOT, "freshness adaptive/fixed = %.2f at requests adaptive/fixed = %.2f; push p99 = %.1f s",
          percentile(adaptive.freshness(), 50) / percentile(fixed.freshness(), 50),
          (double) adaptive.requests() / fixed.requests(), percentile(push.pushed(), 99));
    }
  }

  /**
   * One scenario.
   *
   * @param freshness seconds from posting to alert, every item of the day
   * @param pushed the pushed items' share of those (empty without push)
   * @param requests polls in the day
   * @param feeds feeds
   * @param missed items of the day never fetched
   */
  public record Scenario(String name, double[] freshness, double[] pushed, long requests, int feeds, long missed) {
    double requestsPerFeedHour() {
      return requests / (double) feeds / 24.0;
    }
  }

  /**
   * @param feeds feeds of the simulated day
   * @param hubShare share of feeds that advertise a hub (WebSub scenario)
   * @param pushes deliveries timed through the real pipeline
   * @param fixedInterval the fixed scenario's interval (Parley's default 300 s)
   */
  public record Settings(int feeds, double hubShare, int pushes, Duration fixedInterval) {}

  private static final String[] STATES = {"Kenya", "Somalia", "Ghana", "Togo", "Bolivia", "Chile", "Peru", "Ecuador", "Serbia",
      "Kosovo", "Norway", "Sweden", "Japan", "South Korea", "Vietnam", "Indonesia", "Malaysia", "Nigeria", "Niger", "Senegal",
      "Mali", "Uganda", "Tanzania", "Zambia", "Angola", "Namibia", "Morocco", "Algeria", "Tunisia", "Libya", "Jordan", "Iraq"};

  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final PrintWriter out;

  public FreshnessBench(final PrintWriter out) {
    this.out = out;
  }

  /** A running {@code run}, started for the pipeline measure. */
  public interface RunHandle extends AutoCloseable {
    String bootstrapServers();
  }

  public Figures run(final Settings settings, final Path dir, final Function<RunSpec, RunHandle> startRun) throws Exception {
    final double[] pipeline = pipeline(settings.pushes(), dir, startRun);
    out.printf(Locale.ROOT, "pipeline (signed delivery → alert committed, %d items): p50 %.2f s, p90 %.2f s, p99 %.2f s%n",
        pipeline.length, percentile(pipeline, 50), percentile(pipeline, 90), percentile(pipeline, 99));
    out.flush();
    final Scenario fixed = simulate("fixed " + settings.fixedInterval().toSeconds() + " s", settings, PollPolicy.fixed(),
        (int) settings.fixedInterval().toSeconds(), 0, pipeline);
    final Scenario adaptive = simulate("adaptive 60 s–1 h", settings, PollPolicy.adaptive(Duration.ofSeconds(60), Duration.ofHours(1)),
        (int) settings.fixedInterval().toSeconds(), 0, pipeline);
    final Scenario push = simulate(String.format(Locale.ROOT, "adaptive + WebSub on %.0f %%", settings.hubShare() * 100), settings,
        PollPolicy.adaptive(Duration.ofSeconds(60), Duration.ofHours(1)), (int) settings.fixedInterval().toSeconds(),
        settings.hubShare(), pipeline);
    out.printf(Locale.ROOT, "%-28s %9s %9s %9s %12s %8s%n", "freshness (posted → alert)", "median", "p90", "p99", "req/feed/h", "missed");
    for (final Scenario s : List.of(fixed, adaptive, push)) {
      out.printf(Locale.ROOT, "%-28s %8.1fs %8.1fs %8.1fs %12.2f %8d%n", s.name(), percentile(s.freshness(), 50),
          percentile(s.freshness(), 90), percentile(s.freshness(), 99), s.requestsPerFeedHour(), s.missed());
    }
    out.printf(Locale.ROOT, "pushed items alone (%d): median %.2f s, p90 %.2f s, p99 %.2f s%n", push.pushed().length,
        percentile(push.pushed(), 50), percentile(push.pushed(), 90), percentile(push.pushed(), 99));
    out.flush();
    return new Figures(fixed, adaptive, push, pipeline);
  }

  /** How {@code bench} starts {@code run} for the pipeline measure. */
  public record RunSpec(Path dir, List<FeedConfig> feeds, int httpPort, String key) {}

  // ---------------------------------------------------------------------------------------------
  // The schedule, simulated

  private Scenario simulate(final String name, final Settings settings, final PollPolicy policy, final int interval,
      final double hubShare, final double[] pipeline) throws Exception {
    final int n = settings.feeds();
    final Instant start = Instant.parse("2026-03-02T00:00:00Z");
    final Instant end = start.plus(Duration.ofDays(1));
    final List<List<Instant>> posted = postings(n, start.minus(Duration.ofDays(2)), end.plus(Duration.ofHours(2)));
    final long[] asOf = new long[n];
    final HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    http.setExecutor(Executors.newFixedThreadPool(8));
    http.createContext("/f/", exchange -> {
      try (exchange) {
        final int feed = Integer.parseInt(exchange.getRequestURI().getPath().substring(3));
        final Instant now = Instant.ofEpochMilli(asOf[feed]);
        final List<Instant> items = posted.get(feed);
        int visible = 0;
        while (visible < items.size() && !items.get(visible).isAfter(now)) {
          visible++;
        }
        final String etag = "\"" + visible + "\"";
        exchange.getResponseHeaders().add("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          exchange.sendResponseHeaders(304, -1);
          return;
        }
        final StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>Feed ").append(feed).append("</title>");
        for (int k = visible - 1; k >= Math.max(0, visible - 20); k--) {
          rss.append("<item><title>Item ").append(k).append(" of feed ").append(feed).append("</title><guid>f").append(feed)
              .append("-").append(k).append("</guid><pubDate>").append(RFC_1123.format(items.get(k))).append("</pubDate></item>");
        }
        final byte[] body = rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(body);
        }
      }
    });
    http.start();
    try {
      final List<FeedConfig> feeds = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        feeds.add(FeedList.feed("http://127.0.0.1:" + http.getAddress().getPort() + "/f/" + i, null, interval, start));
      }
      final IngestConfig config = IngestConfig.defaults();
      final long t0 = System.nanoTime();
      final FreshnessSimulation.Result result = FreshnessSimulation.run(feeds, asOf, posted::get, policy,
          i -> hubShare > 0 && i % (int) Math.round(1 / hubShare) == 0, start, end, new FeedFetcher(config.fetchSettings()), 8);
      // Freshness = the schedule's wait + a pipeline time; pushed items: the pipeline time alone.
      final double[] polled = result.waitsSeconds();
      final List<Double> all = new ArrayList<>();
      for (int k = 0; k < polled.length; k++) {
        all.add(polled[k] + pipeline[k % pipeline.length]);
      }
      final List<Double> pushed = new ArrayList<>();
      if (hubShare > 0) {
        int k = 0;
        for (int i = 0; i < n; i += (int) Math.round(1 / hubShare)) {
          for (final Instant t : posted.get(i)) {
            if (!t.isBefore(start) && !t.isAfter(end)) {
              pushed.add(pipeline[k++ % pipeline.length]);
            }
          }
        }
        all.addAll(pushed);
      }
      out.printf(Locale.ROOT, "simulated day, %s: %,d requests, %,d items of the day, in %.0f s%n", name, result.requests(),
          all.size(), (System.nanoTime() - t0) / 1e9);
      out.flush();
      return new Scenario(name, all.stream().mapToDouble(Double::doubleValue).toArray(),
          pushed.stream().mapToDouble(Double::doubleValue).toArray(), result.requests(), n, result.missed());
    } finally {
      http.stop(0);
    }
  }

  /** Posting times per feed: Poisson arrivals at each feed's rate (seeded: every run the same). */
  static List<List<Instant>> postings(final int n, final Instant from, final Instant to) {
    final Random random = new Random(42);
    final List<List<Instant>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final double kind = random.nextDouble();
      final double meanGapSeconds = kind < 0.05 ? 60 + random.nextDouble() * 120 // a wire: every 1-3 min
          : kind < 0.30 ? 1800 + random.nextDouble() * 5400 // about hourly
          : 86_400.0 / (2 + random.nextDouble()); // a blog: two or three times a day
      final List<Instant> times = new ArrayList<>();
      double t = from.getEpochSecond();
      while (true) {
        t += -Math.log(1 - random.nextDouble()) * meanGapSeconds;
        if (t > to.getEpochSecond()) {
          break;
        }
        times.add(Instant.ofEpochSecond((long) t));
      }
      out.add(times);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // The pipeline, measured

  private double[] pipeline(final int pushes, final Path dir, final Function<RunSpec, RunHandle> startRun) throws Exception {
    final int feedsCount = 4;
    final HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    http.createContext("/push/", exchange -> {
      try (exchange) {
        final byte[] body = "<rss version=\"2.0\"><channel><title>Pushed</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(body);
        }
      }
    });
    http.start();
    final int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    final String key = "bench-freshness-" + Long.toHexString(new Random().nextLong());
    final List<FeedConfig> feeds = new ArrayList<>();
    for (int j = 0; j < feedsCount; j++) {
      feeds.add(FeedList.feed("http://127.0.0.1:" + http.getAddress().getPort() + "/push/" + j, null, 3600, Instant.now()));
    }
    final WebSubConfig webSub = new WebSubConfig(URI.create("http://127.0.0.1:" + port + "/"), key, Duration.ofDays(1));
    final WebSubKeys keys = new WebSubKeys(key);
    final Topics topics = Topics.standard();
    final HttpClient client = HttpClient.newHttpClient();
    final double[] latencies = new double[pushes];
    Arrays.fill(latencies, Double.NaN);
    try (RunHandle run = startRun.apply(new RunSpec(dir, feeds, port, key));
         KafkaConsumer<byte[], byte[]> alerts = alertsConsumer(run.bootstrapServers(), topics)) {
      // Owned once each feed has been polled: pushes for a feed nobody owns yet would wait for nothing.
      Thread.sleep(8_000);
      final Map<String, Integer> pending = new HashMap<>();
      final long[] sentAt = new long[pushes];
      int k = 0;
      for (int a = 0; a < STATES.length && k < pushes; a++) {
        for (int b = a + 1; b < STATES.length && k < pushes; b++, k++) {
          final FeedConfig feed = feeds.get(k % feedsCount);
          final String link = "https://wire.bench/" + k;
          final String doc = "<rss version=\"2.0\"><channel><title>Pushed</title><item><title>" + STATES[a] + " and " + STATES[b]
              + " sign a border security agreement</title><guid>push-" + k + "</guid><link>" + link + "</link><description>"
              + "The " + STATES[a] + " and " + STATES[b] + " delegations signed the accord on patrols number " + k
              + " in the capital on day " + (k % 28 + 1) + ".</description><pubDate>" + RFC_1123.format(Instant.now())
              + "</pubDate></item></channel></rss>";
          final byte[] body = doc.getBytes(StandardCharsets.UTF_8);
          pending.put(link, k);
          sentAt[k] = System.nanoTime();
          final HttpResponse<Void> response = client.send(HttpRequest.newBuilder(webSub.callback(feed.getFeedId()))
              .header("Content-Type", "application/rss+xml").header("X-Hub-Signature",
                  WebSubKeys.sign("sha256", keys.secret(feed.getFeedId()), body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() != 202) {
            throw new IllegalStateException("the callback answered " + response.statusCode());
          }
          drain(alerts, topics, pending, sentAt, latencies, Duration.ofMillis(150));
        }
      }
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        drain(alerts, topics, pending, sentAt, latencies, Duration.ofMillis(200));
      }
      if (!pending.isEmpty()) {
        out.printf(Locale.ROOT, "pipeline: %d of %d pushed items raised no alert within 30 s (left out)%n", pending.size(), pushes);
      }
      // An item that raised no alert has no time (NaN) and is left out.
      return Arrays.stream(latencies).filter(l -> !Double.isNaN(l)).sorted().toArray();
    } finally {
      http.stop(0);
    }
  }

  private static void drain(final KafkaConsumer<byte[], byte[]> alerts, final Topics topics, final Map<String, Integer> pending,
      final long[] sentAt, final double[] latencies, final Duration wait) {
    final long until = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < until) {
      for (final ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(20))) {
        final Alert alert = topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value());
        final long seen = System.nanoTime();
        for (final String link : alert.getLinks()) {
          final Integer k = pending.remove(link);
          if (k != null) {
            latencies[k] = (seen - sentAt[k]) / 1e9;
          }
        }
      }
    }
  }

  private static KafkaConsumer<byte[], byte[]> alertsConsumer(final String bootstrap, final Topics topics) {
    final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    final List<TopicPartition> partitions = new ArrayList<>();
    for (int attempt = 0; attempt < 50 && partitions.isEmpty(); attempt++) {
      consumer.partitionsFor(topics.alerts().name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  static double percentile(final double[] values, final double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    final double[] sorted = values.clone();
    Arrays.sort(sorted);
    final int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
