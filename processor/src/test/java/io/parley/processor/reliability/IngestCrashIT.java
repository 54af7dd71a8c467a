package io.parley.processor.reliability;

import io.parley.testing.LocalFeedServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.processor.runtime.EmbeddedKafka;
import io.parley.schemas.Topics;
import io.parley.processor.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §10 for ingest: {@code parley ingest} killed with SIGKILL in the middle of a polling round
 * (half its feeds polled and published, polls of the other half in flight),
 * restarted, then cut off by a broker restart while feeds gain new items, publishes every item
 * exactly once — read with read_committed, as the processor reads it.
 */
@Tag("slow")
class IngestCrashIT {

  private static final int FEEDS = 60;
  private static final String PREFIX = "ing.";

  @TempDir Path dir;

  private final AtomicInteger itemsPerFeed = new AtomicInteger(25);
  /** Holds the polls of the second half of the feeds until the first ingest process is killed. */
  private final CountDownLatch gate = new CountDownLatch(1);

  @Test
  void killedIngestAndRestartedBrokerLoseAndDuplicateNoItem() throws Exception {
    final LocalFeedServer feeds = feedServer();
    EmbeddedKafka kafka = TestCluster.start(dir.resolve("kafka"), Topics.withPrefix(PREFIX), 1);
    try {
      final Path list = dir.resolve("feeds.txt");
      Files.write(list, IntStream.range(0, FEEDS)
          .mapToObj(f -> feeds.url("/feed/" + f)).toList());
      final Outputs outputs = new Outputs(kafka.bootstrapServers());

      ParleyProcess ingest = ingest(kafka, list);
      // Half the feeds answer at once; polls of the other half hang until the process is dead.
      final int seen = awaitItems(outputs, FEEDS / 2 * 25, ingest);
      ingest.kill();
      gate.countDown();
      assertThat(seen).as("killed mid-round").isLessThan(FEEDS * 25);

      try (ParleyProcess restarted = ingest(kafka, list)) {
        awaitExactlyOnce(outputs, FEEDS * 25, restarted);

        itemsPerFeed.set(30); // news arrives while the broker is down
        kafka = kafka.restart();
        awaitExactlyOnce(outputs, FEEDS * 30, restarted);
      }
    } finally {
      kafka.close();
      feeds.close();
    }
  }

  private ParleyProcess ingest(final EmbeddedKafka kafka, final Path list) {
    // Every feed is on one host here: enough fetchers and per-host slots that the held polls do
    // not starve the others. Fixed polling: the test counts rounds of polls every 4 s, where
    // adaptive polling would learn these feeds' slow dates and poll them less often.
    return ParleyProcess.start(dir.resolve("ingest.log"), Map.of("PARLEY_POLL_INTERVAL_SECONDS", "4", "PARLEY_POLL_MODE", "fixed",
        "PARLEY_FETCH_THREADS", "64", "PARLEY_PER_HOST_FETCHES", "64"),
        "ingest", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", PREFIX, "--partitions", "1",
        "--feeds", list.toString(), "--data-dir", dir.resolve("ingest").toString(), "--http-port", "0",
        "--kafka", "session.timeout.ms=6000");
  }

  /** Every item published, and nothing more after further polling rounds over the same feeds. */
  private static void awaitExactlyOnce(final Outputs outputs, final int items, final ParleyProcess ingest) {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .failFast("ingest died", () -> !ingest.isAlive())
        .until(() -> new HashSet<>(keys(outputs)).size() == items);
    final int statuses = outputs.read(PREFIX + "feed-status", r -> r.key()).size();
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> outputs.read(PREFIX + "feed-status", r -> r.key()).size() >= statuses + 2 * FEEDS);
    final List<String> keys = keys(outputs);
    assertThat(keys).hasSize(items).doesNotHaveDuplicates();
  }

  private static List<String> keys(final Outputs outputs) {
    return outputs.read(PREFIX + "raw-items", r -> new String(r.key(), StandardCharsets.UTF_8));
  }

  private static int awaitItems(final Outputs outputs, final int atLeast, final ParleyProcess ingest) {
    final int[] seen = new int[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
        .failFast("ingest died", () -> !ingest.isAlive())
        .until(() -> (seen[0] = keys(outputs).size()) >= atLeast);
    return seen[0];
  }

  /** Feeds of {@link #itemsPerFeed} items each; the second half waits for {@link #gate}. */
  private LocalFeedServer feedServer() {
    final LocalFeedServer http = LocalFeedServer.create();
    http.route("/feed/", exchange -> {
      final String feed = exchange.getRequestURI().getPath().substring("/feed/".length());
      final StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>Feed " + feed + "</title>");
      for (int i = 0; i < itemsPerFeed.get(); i++) {
        rss.append("<item><title>Feed ").append(feed).append(" item ").append(i).append("</title><guid>f")
            .append(feed).append('-').append(i).append("</guid><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate></item>");
      }
      final byte[] body = rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
      try {
        if (Integer.parseInt(feed) >= FEEDS / 2 && !gate.await(2, TimeUnit.MINUTES)) {
          throw new IllegalStateException("the gate was never opened");
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
      LocalFeedServer.send(exchange, 200, body);
    });
    return http.start();
  }
}
