package io.parley.ingest.feed;

import io.parley.schemas.PollOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLException;

/**
 * Fetches feed documents over HTTP(S) politely and defensively: conditional GET, gzip/deflate,
 * connect and whole-request timeouts, and a cap on the body size that also holds after
 * decompression (a gzip bomb stops at the cap).
 */
public final class FeedFetcher {

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    final Thread t = new Thread(r, "parley-fetch-deadline");
    t.setDaemon(true);
    return t;
  });

  /** Redirects followed before a fetch is refused as a loop (the JDK client's own default). */
  static final int MAX_REDIRECTS = 5;

  private final HttpClient client;
  private final FetchSettings settings;
  /** Why a URL may not be fetched, or null: applied to the feed's URL and every redirect's target. */
  private final Function<URI, String> guard;

  /**
   * Fetch limits and identity.
   *
   * @param allowPrivate whether feeds may live on loopback, private, link-local or unspecified
   *     addresses; off for a service that takes feed URLs from users (server-side request forgery)
   */
  public record FetchSettings(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes,
      String userAgent, boolean allowPrivate) {

    public FetchSettings(final Duration connectTimeout, final Duration requestTimeout, final long maxBodyBytes,
        final String userAgent) {
      this(connectTimeout, requestTimeout, maxBodyBytes, userAgent, true);
    }
  }

  public FeedFetcher(final FetchSettings settings) {
    this(settings, FeedFetcher::privateAddress);
  }

  /** With {@code guard} in place of the address check (tests: 127.0.0.1 refused, "localhost" not). */
  FeedFetcher(final FetchSettings settings, final Function<URI, String> guard) {
    this.settings = settings;
    this.guard = guard;
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER) // followed in fetch, through the address guard
        // The standard http(s).proxyHost/-Port and http.nonProxyHosts system properties apply.
        .proxy(ProxySelector.getDefault())
        .build();
  }

  /**
   * Fetches {@code url}, sending the validators of the previous successful fetch.
   *
   * @param etag the previous ETag or null
   * @param lastModified the previous Last-Modified or null
   */
  public FetchResult fetch(final URI url, final String etag, final String lastModified) {
    final long start = System.nanoTime();
    try {
      // Redirects are followed here, hop by hop, so that every hop's address passes the guard.
      URI at = url;
      int hops = 0;
      boolean permanent = false;
      HttpResponse<InputStream> response;
      while (true) {
        if (!settings.allowPrivate()) {
          final String refusal = guard.apply(at);
          if (refusal != null) {
            return FetchResult.failed(PollOutcome.REFUSED, null, since(start), hops == 0 ? refusal
                : refusal + " after a redirect from " + url.getHost());
          }
        }
        response = client.send(request(at, etag, lastModified), HttpResponse.BodyHandlers.ofInputStream());
        final URI next = redirectTarget(at, response);
        if (next == null) {
          break;
        }
        response.body().close();
        if (hops == MAX_REDIRECTS) {
          return FetchResult.failed(PollOutcome.REFUSED, response.statusCode(), since(start),
              "too many redirects (a loop?): still redirected after " + hops);
        }
        permanent = hops == 0 ? response.statusCode() == 301 || response.statusCode() == 308 : permanent;
        hops++;
        at = next;
      }
      final Optional<String> movedTo = permanent ? Optional.of(at.toString()) : Optional.empty();
      final int status = response.statusCode();
      final Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
          .flatMap(FeedFetcher::parseRetryAfter);
      final Optional<Duration> maxAge = response.headers().firstValue("Cache-Control").flatMap(FeedFetcher::parseMaxAge);
      if (status == 304) {
        response.body().close();
        return new FetchResult(PollOutcome.NOT_MODIFIED, Optional.of(status), null, null, etag,
            lastModified, retryAfter, since(start), null, maxAge, movedTo, response.headers().allValues("Link"));
      }
      if (status < 200 || status > 299) {
        response.body().close();
        final String where = status >= 300 && status < 400
            ? " (redirect to " + response.headers().firstValue("Location").orElse("?") + " not followed)" : "";
        return new FetchResult(PollOutcome.HTTP_ERROR, Optional.of(status), null, null, null, null,
            retryAfter, since(start), "HTTP " + status + where, maxAge, movedTo, List.of());
      }
      final String encoding = response.headers().firstValue("Content-Encoding").orElse("identity")
          .strip().toLowerCase(Locale.ROOT);
      final byte[] body;
      // The request timeout covers the headers only; a body that drips or stalls is cut off at
      // the same deadline by closing its stream, which unblocks the read.
      final long remaining = settings.requestTimeout().toMillis() - since(start).toMillis();
      final InputStream raw = response.body();
      final AtomicBoolean cutOff = new AtomicBoolean();
      final ScheduledFuture<?> guard = WATCHDOG.schedule(() -> {
        cutOff.set(true); // before the close, so that the reader sees why its read failed
        closeQuietly(raw);
      }, Math.max(1, remaining), TimeUnit.MILLISECONDS);
      try (raw; InputStream decoded = decode(raw, encoding)) {
        body = readCapped(decoded, settings.maxBodyBytes());
      } catch (final IOException e) {
        if (cutOff.get()) {
          return FetchResult.failed(PollOutcome.TIMEOUT, status, since(start),
              "body not complete within " + settings.requestTimeout().toMillis() + " ms");
        }
        throw e;
      } finally {
        guard.cancel(false);
      }
      if (body == null) {
        return FetchResult.failed(PollOutcome.TOO_LARGE, status, since(start),
            "body larger than " + settings.maxBodyBytes() + " bytes" + (encoding.equals("identity") ? "" : " after " + encoding + " decoding"));
      }
      return new FetchResult(PollOutcome.OK, Optional.of(status), body,
          response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null),
          retryAfter, since(start), null, maxAge, movedTo, response.headers().allValues("Link"));
    } catch (final HttpConnectTimeoutException e) {
      return FetchResult.failed(PollOutcome.TIMEOUT, null, since(start),
          "no connection within " + settings.connectTimeout().toMillis() + " ms");
    } catch (final HttpTimeoutException e) {
      return FetchResult.failed(PollOutcome.TIMEOUT, null, since(start),
          "no complete answer within " + settings.requestTimeout().toMillis() + " ms");
    } catch (final IOException e) {
      final String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      final PollOutcome outcome = msg.toLowerCase(Locale.ROOT).contains("redirect")
          ? PollOutcome.REFUSED : PollOutcome.NETWORK_ERROR;
      return FetchResult.failed(outcome, null, since(start), oneLine(outcome == PollOutcome.REFUSED ? msg : networkReason(e, url)));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return FetchResult.failed(PollOutcome.NETWORK_ERROR, null, since(start), "interrupted");
    } catch (final IllegalArgumentException e) {
      return FetchResult.failed(PollOutcome.REFUSED, null, since(start), oneLine(e.getMessage()));
    }
  }

  /**
   * Why {@code url}'s host is refused — it resolves to an address that is not globally reachable
   * ({@link SpecialAddresses}) — or null when every address it resolves to is global. The client
   * resolves the name again to connect: a name whose answer changes in between (DNS rebinding) is
   * not caught here; where that matters, fetch through an egress proxy that enforces the same rule.
   */
  public static String privateAddress(final URI url) {
    try {
      for (final InetAddress a : InetAddress.getAllByName(url.getHost())) {
        final String kind = SpecialAddresses.kind(a);
        if (kind != null) {
          return "refused: " + url.getHost() + " resolves to the " + kind + " address " + a.getHostAddress()
              + ", not a public one (PARLEY_ALLOW_PRIVATE_FEEDS=false)";
        }
      }
      return null;
    } catch (final UnknownHostException e) {
      return null; // the fetch reports the unknown host itself
    }
  }

  /**
   * What a network failure was, in words an operator can act on: the JDK client reports an
   * unknown host or a refused connection as a bare {@code ConnectException}, the cause deeper down.
   */
  static String networkReason(final IOException e, final URI url) {
    final String where = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "host not found: " + url.getHost() + " does not resolve (DNS)";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to " + where;
      }
      if (t instanceof SSLException) {
        return "TLS with " + where + " failed: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) { // the host resolved; nothing accepted the connection
        return "connection refused by " + where;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private static void closeQuietly(final InputStream in) {
    try {
      in.close();
    } catch (final IOException ignored) {
      // only to unblock a read
    }
  }

  private static InputStream decode(final InputStream raw, final String encoding) throws IOException {
    return switch (encoding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(raw);
      case "deflate" -> new InflaterInputStream(raw);
      default -> raw;
    };
  }

  /** Reads at most {@code max} bytes; null when there is more. */
  static byte[] readCapped(final InputStream in, final long max) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private HttpRequest request(final URI url, final String etag, final String lastModified) {
    final HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(settings.requestTimeout())
        .header("User-Agent", settings.userAgent())
        .header("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
        .header("Accept-Encoding", "gzip, deflate")
        .GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    return request.build();
  }

  /**
   * Where a redirect leads, or null when the response is not one to follow: not a redirect, no
   * {@code Location}, not http(s), or https to http (a downgrade the JDK client would not follow
   * either). Those are reported as the HTTP status they are.
   */
  private static URI redirectTarget(final URI from, final HttpResponse<?> response) {
    final int status = response.statusCode();
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
      return null;
    }
    final Optional<String> location = response.headers().firstValue("Location");
    if (location.isEmpty()) {
      return null;
    }
    try {
      final URI to = from.resolve(location.get().strip());
      final String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || to.getHost() == null
          || from.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
        return null;
      }
      return to;
    } catch (final IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code max-age} of a Cache-Control header. */
  static Optional<Duration> parseMaxAge(final String cacheControl) {
    for (final String directive : cacheControl.split(",")) {
      final String d = directive.strip().toLowerCase(Locale.ROOT);
      if (d.startsWith("max-age=")) {
        try {
          return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(d.substring(8).replace("\"", "")))));
        } catch (final NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** Retry-After as delta-seconds or HTTP-date (RFC 9110 §10.2.3). */
  static Optional<Duration> parseRetryAfter(final String value) {
    final String v = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (final NumberFormatException notSeconds) {
      try {
        final ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        final Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (final DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static Duration since(final long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static String oneLine(final String s) {
    final String line = s == null ? "" : s.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
