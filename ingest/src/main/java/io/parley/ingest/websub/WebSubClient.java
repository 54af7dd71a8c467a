package io.parley.ingest.websub;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asks a hub to subscribe or unsubscribe a feed's callback (WebSub §5.1): a form POST with
 * {@code hub.callback}, {@code hub.mode}, {@code hub.topic}, {@code hub.lease_seconds} and
 * {@code hub.secret}. The hub answers 202 and verifies the intent at the callback later.
 */
public final class WebSubClient {

  /** What the hub answered: accepted (2xx), or why not. */
  public record Outcome(boolean accepted, String detail) {}

  private final WebSubConfig config;
  private final WebSubKeys keys;
  private final HttpClient http;
  private final String userAgent;
  /** Why a hub URL is refused (not a public address, when feeds must be public), or null. */
  private final Function<URI, String> guard;

  public WebSubClient(final WebSubConfig config, final String userAgent, final Duration timeout,
      final Function<URI, String> guard) {
    this.config = config;
    this.keys = new WebSubKeys(config.key());
    this.userAgent = userAgent;
    this.guard = guard;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Asks {@code hub} to {@code mode} (subscribe, unsubscribe) {@code feedId}'s callback to {@code topic}. Never throws. */
  public Outcome request(final String hub, final String mode, final String topic, final String feedId) {
    final URI hubUri;
    try {
      hubUri = URI.create(hub);
      if (!"http".equals(hubUri.getScheme()) && !"https".equals(hubUri.getScheme())) {
        return new Outcome(false, "hub " + hub + " is not an http(s) URL");
      }
    } catch (final IllegalArgumentException e) {
      return new Outcome(false, "hub " + hub + " is not a URL");
    }
    final String refused = guard.apply(hubUri);
    if (refused != null) {
      return new Outcome(false, refused);
    }
    final Map<String, String> form = new LinkedHashMap<>();
    form.put("hub.callback", config.callback(feedId).toString());
    form.put("hub.mode", mode);
    form.put("hub.topic", topic);
    if (mode.equals("subscribe")) {
      form.put("hub.lease_seconds", Long.toString(config.lease().toSeconds()));
      form.put("hub.secret", keys.secret(feedId));
    }
    final String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    try {
      final HttpResponse<String> response = http.send(HttpRequest.newBuilder(hubUri).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", userAgent)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      final boolean ok = response.statusCode() >= 200 && response.statusCode() <= 299;
      return new Outcome(ok, "HTTP " + response.statusCode() + (ok ? "" : " " + abbreviate(response.body())));
    } catch (final IOException e) {
      return new Outcome(false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "interrupted");
    }
  }

  private static String abbreviate(final String s) {
    final String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return one.length() <= 200 ? one : one.substring(0, 200) + "…";
  }
}
