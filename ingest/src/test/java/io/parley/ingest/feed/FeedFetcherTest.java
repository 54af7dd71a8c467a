package io.parley.ingest.feed;

import static io.parley.testing.LocalFeedServer.gzip;
import static io.parley.testing.LocalFeedServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.LocalFeedServer;
import io.parley.schemas.PollOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1. */
class FeedFetcherTest {

  private static final String RSS = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";

  private LocalFeedServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final FeedFetcher fetcher = new FeedFetcher(new FeedFetcher.FetchSettings(
      Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024, "ParleyTest/1 (+https://test.example)"));

  @BeforeEach
  void start() throws IOException {
    server = LocalFeedServer.create();
    server.route("/feed", ex -> {
      requests.add(ex.getRequestHeaders().getFirst("User-Agent") + " | " + ex.getRequestHeaders().getFirst("If-None-Match"));
      if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
        ex.close();
        return;
      }
      ex.getResponseHeaders().add("ETag", "\"v1\"");
      ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
      send(ex, 200, RSS.getBytes(StandardCharsets.UTF_8));
    });
    server.route("/gzip", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      send(ex, 200, gzip(RSS.getBytes(StandardCharsets.UTF_8)));
    });
    server.route("/bomb", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      send(ex, 200, gzip(new byte[10 * 1024 * 1024])); // ~10 KB on the wire, 10 MB inflated
    });
    server.route("/to-private", ex -> {
      requests.add("redirect");
      ex.getResponseHeaders().add("Location", server.url("/feed"));
      send(ex, 302, new byte[0]);
    });
    server.route("/busy", ex -> {
      ex.getResponseHeaders().add("Retry-After", "120");
      send(ex, 429, new byte[0]);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI url(final String path) {
    return server.uri(path);
  }

  @Test
  void conditionalGetTurnsARepeatIntoNotModified() {
    final FetchResult first = fetcher.fetch(url("/feed"), null, null);
    assertThat(first.outcome()).isEqualTo(PollOutcome.OK);
    assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(RSS);
    assertThat(first.etag()).isEqualTo("\"v1\"");

    final FetchResult second = fetcher.fetch(url("/feed"), first.etag(), first.lastModified());
    assertThat(second.outcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
    assertThat(second.httpStatus()).contains(304);
    assertThat(requests).containsExactly("ParleyTest/1 (+https://test.example) | null",
        "ParleyTest/1 (+https://test.example) | \"v1\"");
  }

  @Test
  void gzipBodyIsDecoded() {
    final FetchResult result = fetcher.fetch(url("/gzip"), null, null);
    assertThat(result.outcome()).isEqualTo(PollOutcome.OK);
    assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo(RSS);
  }

  @Test
  void gzipBombStopsAtTheCapAfterDecompression() {
    final FetchResult result = fetcher.fetch(url("/bomb"), null, null);
    assertThat(result.outcome()).isEqualTo(PollOutcome.TOO_LARGE);
    assertThat(result.error()).isEqualTo("body larger than 65536 bytes after gzip decoding");
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() {
    final FetchResult result = fetcher.fetch(url("/busy"), null, null);
    assertThat(result.outcome()).isEqualTo(PollOutcome.HTTP_ERROR);
    assertThat(result.httpStatus()).contains(429);
    assertThat(result.retryAfter()).contains(Duration.ofSeconds(120));
  }

  @Test
  void missingPageIsAnHttpError() {
    final FetchResult result = fetcher.fetch(url("/nothing-here"), null, null);
    assertThat(result.outcome()).isEqualTo(PollOutcome.HTTP_ERROR);
    assertThat(result.error()).isEqualTo("HTTP 404");
  }

  @Test
  void refusedConnectionIsANetworkError() throws IOException {
    final int port;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    final FetchResult result = fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/feed"), null, null);
    assertThat(result.outcome()).isEqualTo(PollOutcome.NETWORK_ERROR);
  }

  @Test
  void retryAfterAcceptsSecondsAndHttpDates() {
    assertThat(FeedFetcher.parseRetryAfter("30")).contains(Duration.ofSeconds(30));
    assertThat(FeedFetcher.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
    assertThat(FeedFetcher.parseRetryAfter("soon")).isEmpty();
  }

  @Test
  void privateAddressesCanBeRefused() {
    final FeedFetcher strict = new FeedFetcher(new FeedFetcher.FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
        64 * 1024, "ParleyTest/1", false));
    final FetchResult result = strict.fetch(url("/feed"), null, null);
    assertThat(result.outcome()).isEqualTo(PollOutcome.REFUSED);
    assertThat(result.error()).contains("resolves to the loopback address 127.0.0.1");
    assertThat(requests).isEmpty();
  }

  @Test
  void theAddressGuardHoldsForEveryRedirectHop() {
    // Every URL here is on 127.0.0.1: the guard stands in for the address check, refusing /feed only.
    final FeedFetcher strict = new FeedFetcher(new FeedFetcher.FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
        64 * 1024, "ParleyTest/1", false), u -> u.getPath().equals("/feed") ? "refused: private" : null);
    final FetchResult result = strict.fetch(url("/to-private"), null, null);
    assertThat(result.outcome()).isEqualTo(PollOutcome.REFUSED);
    assertThat(result.error()).isEqualTo("refused: private after a redirect from 127.0.0.1");
    assertThat(requests).containsExactly("redirect");
  }
}
