package io.parley.ingest.poll;

import static io.parley.testing.LocalFeedServer.gzip;
import static io.parley.testing.LocalFeedServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.parley.ingest.feed.FeedFetcher;
import io.parley.ingest.feed.FeedParser;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import io.parley.schemas.RawItem;
import io.parley.testing.FeedFixtures;
import io.parley.testing.LocalFeedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken publishers, served by a real HTTP server on 127.0.0.1: each fault becomes a
 * FeedStatus with the right outcome and backoff, and the poller stays healthy afterwards.
 */
class FeedFaultsTest {

  private static final int INTERVAL = 60;
  private static final String RSS = FeedFixtures.text(FeedFaultsTest.class, "ok.xml");

  private LocalFeedServer server;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger canary = new AtomicInteger();
  private final AtomicInteger etagVersion = new AtomicInteger(1);
  private FeedPoller poller;
  private final AtomicInteger bigFeedNewest = new AtomicInteger(19_999);

  @BeforeEach
  void start() throws IOException {
    server = LocalFeedServer.create();
    route("/ok", ex -> send(ex, 200, RSS.getBytes(StandardCharsets.UTF_8)));
    route("/500", ex -> send(ex, 500, new byte[0]));
    route("/503", ex -> send(ex, 503, new byte[0]));
    route("/404", ex -> send(ex, 404, new byte[0]));
    route("/429-seconds", ex -> {
      ex.getResponseHeaders().add("Retry-After", "900");
      send(ex, 429, new byte[0]);
    });
    route("/429-date", ex -> {
      ex.getResponseHeaders().add("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(
          ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(1800)));
      send(ex, 429, new byte[0]);
    });
    route("/hang", ex -> {
      await();
      send(ex, 200, RSS.getBytes(StandardCharsets.UTF_8));
    });
    route("/drip", ex -> {
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write("<rss version=\"2.0\"><channel>".getBytes(StandardCharsets.UTF_8));
        out.flush();
        await(); // the rest never comes in time
      }
    });
    route("/huge", ex -> {
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        final byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 800; i++) { // 50 MB
          out.write(chunk);
        }
      } catch (final IOException clientGaveUp) {
        // expected: the fetcher stops reading at its cap
      }
    });
    route("/bomb", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      send(ex, 200, gzip(new byte[20 * 1024 * 1024]));
    });
    route("/loop", ex -> redirect(ex, "/loop"));
    route("/ftp", ex -> redirect(ex, "ftp://127.0.0.1/feed.xml"));
    route("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "/ok");
      send(ex, 301, new byte[0]);
    });
    route("/html", ex -> {
      ex.getResponseHeaders().add("Content-Type", "text/html");
      send(ex, 200, "<!doctype html><html><body><h1>We're sorry</h1></body></html>".getBytes(StandardCharsets.UTF_8));
    });
    route("/empty", ex -> send(ex, 200, new byte[0]));
    route("/lying-charset", ex -> {
      ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
      send(ex, 200, fixture("latin1-served-as-utf8.xml"));
    });
    route("/truncated", ex -> send(ex, 200, RSS.substring(0, RSS.length() / 2).getBytes(StandardCharsets.UTF_8)));
    route("/etag", ex -> {
      final String etag = "\"v" + etagVersion.get() + "\"";
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        send(ex, 304, new byte[0]);
        return;
      }
      ex.getResponseHeaders().add("ETag", etag);
      send(ex, 200, ("<rss version=\"2.0\"><channel><title>t</title><item><title>v" + etagVersion.get() + "</title><guid>v"
          + etagVersion.get() + "</guid></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
    });
    route("/duplicates", ex -> send(ex, 200, fixture("duplicate-guids.xml")));
    route("/newest-first", ex -> send(ex, 200, fixture("newest-first.xml")));
    route("/twenty-thousand", ex -> {
      final StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title>");
      final int newest = bigFeedNewest.get();
      for (int i = newest; i > newest - 20_000; i--) {
        rss.append("<item><title>Item ").append(i).append("</title><guid>g").append(i).append("</guid></item>");
      }
      send(ex, 200, rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8));
    });
    route("/one-huge-item", ex -> send(ex, 200, ("<rss version=\"2.0\"><channel><title>t</title>"
        + "<item><title>Before</title><guid>b</guid></item>"
        + "<item><title>" + "x".repeat(600 * 1024) + "</title><guid>huge</guid><link>https://x.test/huge</link></item>"
        + "<item><title>After</title><guid>a</guid></item></channel></rss>").getBytes(StandardCharsets.UTF_8)));
    route("/bom", ex -> send(ex, 200, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, RSS.getBytes(StandardCharsets.UTF_8))));
    route("/utf16", ex -> send(ex, 200, ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + RSS).getBytes(StandardCharsets.UTF_16)));
    route("/deflate", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "deflate");
      send(ex, 200, deflate(RSS.getBytes(StandardCharsets.UTF_8)));
    });
    route("/lying-gzip", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      send(ex, 200, RSS.getBytes(StandardCharsets.UTF_8));
    });
    route("/retry-in-ten-years", ex -> {
      ex.getResponseHeaders().add("Retry-After", Long.toString(Duration.ofDays(3650).toSeconds()));
      send(ex, 503, new byte[0]);
    });
    route("/odd-cache-control", ex -> {
      ex.getResponseHeaders().add("Cache-Control", "max-age=-5, max-age=\"soon\"");
      send(ex, 200, RSS.getBytes(StandardCharsets.UTF_8));
    });
    route("/html-content-type", ex -> {
      ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      send(ex, 200, RSS.getBytes(StandardCharsets.UTF_8));
    });
    route("/empty-channel", ex -> send(ex, 200, fixture("empty-channel.xml")));
    route("/script-links", ex -> send(ex, 200, fixture("script-links.xml")));
    route("/control-characters", ex -> send(ex, 200, fixture("control-characters.xml")));
    route("/redirect-to-script", ex -> redirect(ex, "javascript:alert(1)"));
    route("/no-ids", ex -> send(ex, 200, fixture("no-ids.xml")));
    route("/future", ex -> send(ex, 200, fixture("future-date.xml")));
    route("/xxe", ex -> send(ex, 200, ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY e SYSTEM \"http://127.0.0.1:"
        + server.port() + "/canary\">]><rss version=\"2.0\"><channel><title>&e;</title></channel></rss>")
        .getBytes(StandardCharsets.UTF_8)));
    route("/canary", ex -> {
      canary.incrementAndGet();
      send(ex, 200, "pwned".getBytes(StandardCharsets.UTF_8));
    });
    server.start();
    poller = new FeedPoller(new FeedFetcher(new FeedFetcher.FetchSettings(Duration.ofMillis(500), Duration.ofMillis(1500),
        256 * 1024, "ParleyFaults/1")), new FeedParser(), Clock.systemUTC(), 100);
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  private PollResult poll(final String path, final FeedState state) {
    final FeedConfig feed = FeedConfig.newBuilder().setFeedId("f" + path.replace('/', '-')).setUrl(url(path))
        .setIntervalSeconds(INTERVAL).setAddedAt(Instant.now()).build();
    return poller.poll(feed, state);
  }

  private PollResult poll(final String path) {
    return poll(path, new FeedState(100));
  }

  private static Duration wait(final FeedStatus s) {
    return Duration.between(s.getPolledAt(), s.getNextPollAt());
  }

  private String url(final String path) {
    return server.url(path);
  }

  @Test
  void aPollPublishesItsItemsOldestFirstAsAReplayReadsThem() {
    final PollResult result = poll("/newest-first");
    assertThat(result.items()).extracting(RawItem::getGuid).containsExactly("1", "2", "3", "u");
  }

  @Test
  void serverErrorsBackOffExponentially() {
    final FeedState state = new FeedState(100);
    final FeedStatus first = poll("/500", state).status();
    final FeedStatus second = poll("/500", state).status();
    assertThat(first.getOutcome()).isEqualTo(PollOutcome.HTTP_ERROR);
    assertThat(first.getHttpStatus()).isEqualTo(500);
    assertThat(wait(first)).isBetween(Duration.ofSeconds(108), Duration.ofSeconds(132)); // 2 × 60 s ± 10 %
    assertThat(wait(second)).isBetween(Duration.ofSeconds(216), Duration.ofSeconds(264));
    assertThat(poll("/503").status().getHttpStatus()).isEqualTo(503);
    assertThat(poll("/404").status().getError()).isEqualTo("HTTP 404");
  }

  @Test
  void retryAfterInSecondsAndAsHttpDateIsRespected() {
    assertThat(wait(poll("/429-seconds").status())).isGreaterThanOrEqualTo(Duration.ofSeconds(900));
    assertThat(wait(poll("/429-date").status())).isGreaterThan(Duration.ofSeconds(1700));
  }

  @Test
  void timeoutsHangsAndDrippingBodies() {
    assertThat(poll("/hang").status().getOutcome()).isEqualTo(PollOutcome.TIMEOUT);
    final FeedStatus drip = poll("/drip").status();
    assertThat(drip.getOutcome()).isEqualTo(PollOutcome.TIMEOUT);
    assertThat(drip.getError()).isEqualTo("body not complete within 1500 ms");
  }

  @Test
  void refusedConnection() throws IOException {
    final int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    final FeedConfig feed = FeedConfig.newBuilder().setFeedId("closed").setUrl("http://127.0.0.1:" + port + "/")
        .setIntervalSeconds(INTERVAL).setAddedAt(Instant.now()).build();
    final FeedStatus refused = poller.poll(feed, new FeedState(10)).status();
    assertThat(refused.getOutcome()).isEqualTo(PollOutcome.NETWORK_ERROR);
    assertThat(refused.getError()).isEqualTo("connection refused by 127.0.0.1:" + port);
  }

  @Test
  void anUnknownHostIsSaidToBeOne() {
    final FeedConfig feed = FeedConfig.newBuilder().setFeedId("nowhere").setUrl("http://no-such-feed-host.invalid/rss")
        .setIntervalSeconds(INTERVAL).setAddedAt(Instant.now()).build();
    final FeedStatus status = poller.poll(feed, new FeedState(10)).status();
    assertThat(status.getOutcome()).isIn(PollOutcome.NETWORK_ERROR, PollOutcome.TIMEOUT);
    if (status.getOutcome() == PollOutcome.NETWORK_ERROR) {
      assertThat(status.getError()).isEqualTo("host not found: no-such-feed-host.invalid does not resolve (DNS)");
    }
  }

  @Test
  void oversizedBodiesAndGzipBombsStopAtTheCap() {
    assertThat(poll("/huge").status().getOutcome()).isEqualTo(PollOutcome.TOO_LARGE);
    assertThat(poll("/bomb").status().getOutcome()).isEqualTo(PollOutcome.TOO_LARGE);
  }

  @Test
  void redirects() {
    final FeedStatus loop = poll("/loop").status();
    assertThat(loop.getOutcome()).isEqualTo(PollOutcome.REFUSED);
    final FeedStatus ftp = poll("/ftp").status();
    assertThat(ftp.getOutcome()).isEqualTo(PollOutcome.HTTP_ERROR);
    assertThat(ftp.getError()).contains("not followed");
    final FeedStatus moved = poll("/moved").status();
    assertThat(moved.getOutcome()).isEqualTo(PollOutcome.OK);
    assertThat(moved.getUrl()).isEqualTo(url("/ok")); // a permanent redirect updates the feed's URL
  }

  @Test
  void notFeeds() {
    assertThat(poll("/html").status().getOutcome()).isEqualTo(PollOutcome.PARSE_ERROR);
    assertThat(poll("/empty").status().getOutcome()).isEqualTo(PollOutcome.PARSE_ERROR);
    assertThat(poll("/truncated").status().getOutcome()).isEqualTo(PollOutcome.PARSE_ERROR);
  }

  @Test
  void lyingCharsetHeaderIsBelievedWithoutCrashing() {
    final PollResult result = poll("/lying-charset");
    assertThat(result.status().getOutcome()).isEqualTo(PollOutcome.OK);
    assertThat(result.items()).hasSize(1);
    assertThat(result.items().get(0).getTitle()).startsWith("Z").endsWith("rich talks");
  }

  @Test
  void conditionalGetAndEtagChanges() {
    final FeedState state = new FeedState(100);
    final PollResult first = poll("/etag", state);
    state.apply(first);
    final PollResult unchanged = poll("/etag", state);
    assertThat(unchanged.status().getOutcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
    assertThat(unchanged.items()).isEmpty();
    etagVersion.set(2);
    final PollResult changed = poll("/etag", state);
    assertThat(changed.status().getOutcome()).isEqualTo(PollOutcome.OK);
    assertThat(changed.items()).extracting(RawItem::getGuid).containsExactly("v2");
    assertThat(changed.status().getEtag()).isEqualTo("\"v2\"");
  }

  @Test
  void aFeedOfTwentyThousandItemsIsPublishedOnceAcrossPollsAndRestores() {
    final FeedPoller big = new FeedPoller(new FeedFetcher(new FeedFetcher.FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
        5 * 1024 * 1024, "ParleyFaults/1")), new FeedParser(), Clock.systemUTC(), 500);
    final FeedConfig feed = FeedConfig.newBuilder().setFeedId("big").setUrl(url("/twenty-thousand"))
        .setIntervalSeconds(INTERVAL).setAddedAt(Instant.now()).build();
    final FeedState state = new FeedState(500);
    final PollResult first = big.poll(feed, state);
    assertThat(first.items()).hasSize(20_000);
    state.apply(first);
    assertThat(big.poll(feed, state).items()).as("the same document again").isEmpty();
    final FeedState restored = new FeedState(500);
    restored.restore(first.status());
    assertThat(big.poll(feed, restored).items()).as("after a restart or rebalance").isEmpty();
    bigFeedNewest.addAndGet(3); // three new items on top, the three oldest gone
    final PollResult next = big.poll(feed, restored);
    assertThat(next.items()).extracting(RawItem::getGuid).containsExactlyInAnyOrder("g20000", "g20001", "g20002");
    restored.apply(next);
    assertThat(big.poll(feed, restored).items()).isEmpty();
  }

  @Test
  void anItemTooLargeToPublishIsRefusedAloneAndRemembered() {
    final FeedPoller big = new FeedPoller(new FeedFetcher(new FeedFetcher.FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
        5 * 1024 * 1024, "ParleyFaults/1")), new FeedParser(), Clock.systemUTC(), 100);
    final FeedConfig feed = FeedConfig.newBuilder().setFeedId("huge").setUrl(url("/one-huge-item"))
        .setIntervalSeconds(INTERVAL).setAddedAt(Instant.now()).build();
    final FeedState state = new FeedState(100);
    final PollResult result = big.poll(feed, state);
    assertThat(result.status().getOutcome()).isEqualTo(PollOutcome.OK);
    assertThat(result.items()).extracting(RawItem::getGuid).containsExactlyInAnyOrder("b", "a");
    assertThat(result.status().getItemsRefused()).isEqualTo(1);
    assertThat(result.refused()).singleElement().satisfies(d -> {
      assertThat(d.getStage()).isEqualTo("ingest");
      assertThat(d.getError()).startsWith("item too large: ").contains("limit is 524288", "guid huge", "https://x.test/huge");
    });
    state.apply(result);
    final PollResult again = big.poll(feed, state);
    assertThat(again.items()).isEmpty();
    assertThat(again.refused()).as("refused once, not at every poll").isEmpty();
  }

  @Test
  void encodingsByteOrderMarksAndLyingHeaders() {
    for (final String path : List.of("/bom", "/utf16", "/deflate", "/html-content-type")) {
      final PollResult result = poll(path);
      assertThat(result.status().getOutcome()).as(path).isEqualTo(PollOutcome.OK);
      assertThat(result.items()).as(path).hasSize(1);
    }
    final FeedStatus lyingGzip = poll("/lying-gzip").status();
    assertThat(lyingGzip.getOutcome()).isIn(PollOutcome.NETWORK_ERROR, PollOutcome.PARSE_ERROR);
    assertThat(lyingGzip.getError()).isNotBlank();
  }

  @Test
  void serverWaitsAreBoundedAndOddCacheControlIsIgnored() {
    assertThat(wait(poll("/retry-in-ten-years").status())).isBetween(Duration.ofHours(6).minusSeconds(1), Duration.ofHours(6).plusSeconds(1));
    final PollResult odd = poll("/odd-cache-control");
    assertThat(odd.status().getOutcome()).isEqualTo(PollOutcome.OK);
    assertThat(wait(odd.status())).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
  }

  @Test
  void emptyFeedsScriptLinksAndControlCharacters() {
    final PollResult empty = poll("/empty-channel");
    assertThat(empty.status().getOutcome()).isEqualTo(PollOutcome.OK);
    assertThat(empty.items()).isEmpty();
    assertThat(poll("/script-links").items()).extracting(RawItem::getLink).containsOnlyNulls();
    final FeedStatus control = poll("/control-characters").status();
    assertThat(control.getOutcome()).isIn(PollOutcome.OK, PollOutcome.PARSE_ERROR);
    final FeedStatus script = poll("/redirect-to-script").status();
    assertThat(script.getOutcome()).isEqualTo(PollOutcome.HTTP_ERROR);
    assertThat(script.getError()).contains("not followed");
  }

  @Test
  void itemsAreNeverPublishedTwice() {
    final FeedState state = new FeedState(100);
    final PollResult first = poll("/duplicates", state);
    assertThat(first.items()).hasSize(1);
    state.apply(first);
    assertThat(poll("/duplicates", state).items()).isEmpty();
    // A state restored from the published status knows the same.
    final FeedState restored = new FeedState(100);
    restored.restore(first.status());
    assertThat(poll("/duplicates", restored).items()).isEmpty();
  }

  @Test
  void itemsWithoutGuidOrLinkAndFutureDates() {
    final List<RawItem> noIds = poll("/no-ids").items();
    assertThat(noIds).hasSize(2).allSatisfy(i -> assertThat(i.getFlags()).contains("GUID_FROM_HASH"));
    final RawItem future = poll("/future").items().get(0);
    assertThat(future.getPublished()).isNull();
    assertThat(future.getFlags()).contains("DATE_ABSURD");
  }

  @Test
  void externalEntitiesAreNeverFetched() {
    final FeedStatus status = poll("/xxe").status();
    assertThat(status.getOutcome()).isEqualTo(PollOutcome.REFUSED);
    assertThat(canary.get()).isZero();
  }

  @Test
  void pollerStaysHealthyAfterEveryFault() {
    for (final String path : List.of("/500", "/hang", "/huge", "/bomb", "/loop", "/html", "/truncated", "/xxe")) {
      poll(path);
    }
    final PollResult ok = poll("/ok");
    assertThat(ok.status().getOutcome()).isEqualTo(PollOutcome.OK);
    assertThat(ok.items()).hasSize(1);
    assertThat(wait(ok.status())).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
  }

  /** A feed document beside this test (src/test/resources/io/parley/ingest/poll/). */
  private static byte[] fixture(final String name) {
    return FeedFixtures.bytes(FeedFaultsTest.class, name);
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] deflate(final byte[] data) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  private void route(final String path, final HttpHandler handler) {
    server.route(path, handler);
  }

  private void await() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void redirect(final HttpExchange ex, final String to) throws IOException {
    ex.getResponseHeaders().add("Location", to);
    send(ex, 302, new byte[0]);
  }

}
