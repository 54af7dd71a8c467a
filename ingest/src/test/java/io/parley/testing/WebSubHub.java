package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A WebSub hub on 127.0.0.1, written for the tests to the W3C Recommendation (2018-01-23), the
 * parts a subscriber meets:
 * <ul>
 *   <li>§5.1 subscription requests: a form POST with {@code hub.callback}, {@code hub.mode},
 *       {@code hub.topic}, optional {@code hub.lease_seconds} and {@code hub.secret} (at most 200
 *       bytes); 400 when a required parameter is missing, else 202 and verification later;</li>
 *   <li>§5.3 verification of intent: a GET of the callback with {@code hub.mode},
 *       {@code hub.topic}, {@code hub.challenge} and (subscribe) {@code hub.lease_seconds} appended
 *       to its query; the (un)subscription takes effect only if the answer is 2xx with the
 *       challenge as its body; the lease granted is the one asked for, capped by the hub's
 *       maximum;</li>
 *   <li>§7 content distribution: a POST of the content to each subscriber whose lease has not
 *       ended, with the topic's Content-Type, {@code Link} headers {@code rel="hub"} and
 *       {@code rel="self"}, and (§8) {@code X-Hub-Signature: sha256=…} when a secret was given;</li>
 *   <li>a subscription whose lease has ended is gone: nothing more is delivered to it.</li>
 * </ul>
 */
public final class WebSubHub implements AutoCloseable {

  /** An active subscription. */
  public record Subscription(String callback, String topic, String secret, Instant expires, int leaseSeconds) {}

  /** What one delivery sent, so a test can send it again (a replay). */
  public record Delivery(String callback, String contentType, byte[] body, Map<String, String> headers, int status) {}

  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService verifier = Executors.newSingleThreadExecutor(r -> {
    final Thread t = new Thread(r, "websub-hub-verifier");
    t.setDaemon(true);
    return t;
  });
  /** Active subscriptions by callback and topic. */
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> verified = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private volatile int maxLeaseSeconds;

  private WebSubHub(final HttpServer server, final int maxLeaseSeconds) {
    this.server = server;
    this.maxLeaseSeconds = maxLeaseSeconds;
  }

  /** A hub that grants leases of at most {@code maxLeaseSeconds}. */
  public static WebSubHub start(final int maxLeaseSeconds) throws IOException {
    final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    final WebSubHub hub = new WebSubHub(server, maxLeaseSeconds);
    server.createContext("/", hub::request);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return hub;
  }

  /** The hub's URL, to advertise in feeds. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void request(final HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        reply(exchange, 405, "POST only");
        return;
      }
      final String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
        reply(exchange, 400, "form expected");
        return;
      }
      final Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      final String callback = form.get("hub.callback");
      final String mode = form.get("hub.mode");
      final String topic = form.get("hub.topic");
      final String secret = form.get("hub.secret");
      if (callback == null || topic == null || !("subscribe".equals(mode) || "unsubscribe".equals(mode))) {
        reply(exchange, 400, "hub.callback, hub.mode and hub.topic are required");
        return;
      }
      if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length >= 200) {
        reply(exchange, 400, "hub.secret must be less than 200 bytes");
        return;
      }
      int lease = maxLeaseSeconds;
      if (form.get("hub.lease_seconds") != null) {
        lease = Math.min(maxLeaseSeconds, Integer.parseInt(form.get("hub.lease_seconds")));
      }
      requests.computeIfAbsent(mode, m -> new AtomicInteger()).incrementAndGet();
      reply(exchange, 202, "");
      final int granted = lease;
      verifier.execute(() -> verify(callback, mode, topic, secret, granted));
    }
  }

  private void verify(final String callback, final String mode, final String topic, final String secret, final int lease) {
    final String challenge = UUID.randomUUID().toString();
    final StringBuilder url = new StringBuilder(callback).append(callback.contains("?") ? '&' : '?')
        .append("hub.mode=").append(mode).append("&hub.topic=").append(URLEncoder.encode(topic, StandardCharsets.UTF_8))
        .append("&hub.challenge=").append(challenge);
    if (mode.equals("subscribe")) {
      url.append("&hub.lease_seconds=").append(lease);
    }
    try {
      final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url.toString()))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2 || !challenge.equals(response.body())) {
        return; // the subscriber does not agree: nothing changes
      }
    } catch (final IOException e) {
      return;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    verified.computeIfAbsent(mode, m -> new AtomicInteger()).incrementAndGet();
    final String key = callback + " " + topic;
    if (mode.equals("subscribe")) {
      subscriptions.put(key, new Subscription(callback, topic, secret, Instant.now().plusSeconds(lease), lease));
    } else {
      subscriptions.remove(key);
    }
  }

  /**
   * Distributes new content of {@code topic} to its subscribers (§7), and returns what was sent.
   */
  public List<Delivery> publish(final String topic, final String contentType, final byte[] content) {
    final List<Delivery> sent = new ArrayList<>();
    for (final Subscription s : active(topic)) {
      final Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", contentType);
      headers.put("Link", "<" + url() + ">; rel=\"hub\", <" + topic + ">; rel=\"self\"");
      if (s.secret() != null) {
        headers.put("X-Hub-Signature", "sha256=" + hmac(s.secret(), content));
      }
      sent.add(post(s.callback(), contentType, content, headers));
    }
    deliveries.addAll(sent);
    return sent;
  }

  /** POSTs {@code content} to {@code callback} with {@code headers}: a delivery, or a forged or replayed one. */
  public Delivery post(final String callback, final String contentType, final byte[] content, final Map<String, String> headers) {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callback)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(content));
    headers.forEach(request::header);
    try {
      final int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Delivery(callback, contentType, content, headers, status);
    } catch (final IOException e) {
      return new Delivery(callback, contentType, content, headers, -1);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Delivery(callback, contentType, content, headers, -1);
    }
  }

  /** The subscriptions to {@code topic} whose lease has not ended; ended ones are dropped. */
  public List<Subscription> active(final String topic) {
    final Instant now = Instant.now();
    subscriptions.values().removeIf(s -> !s.expires().isAfter(now));
    return subscriptions.values().stream().filter(s -> s.topic().equals(topic)).toList();
  }

  /** How many (un)subscriptions of {@code mode} the subscriber confirmed. */
  public int verified(final String mode) {
    return verified.getOrDefault(mode, new AtomicInteger()).get();
  }

  /** How many requests of {@code mode} the hub received. */
  public int requests(final String mode) {
    return requests.getOrDefault(mode, new AtomicInteger()).get();
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  static String hmac(final String secret, final byte[] content) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(content));
    } catch (final java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(final String form) {
    final Map<String, String> out = new LinkedHashMap<>();
    for (final String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      final int eq = pair.indexOf('=');
      final String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      final String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  private static void reply(final HttpExchange exchange, final int status, final String body) throws IOException {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    verifier.shutdownNow();
  }
}
