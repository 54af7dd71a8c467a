package io.parley.ingest.websub;

import io.parley.schemas.FeedPush;
import io.parley.schemas.PushKind;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber's side of WebSub at {@code /websub/<feedId>/<token>}, served by every ingest
 * instance for every feed (the token and the secret derive from the deployment's key, so any
 * instance can check them):
 * <ul>
 *   <li>{@code GET} with {@code hub.mode=subscribe|unsubscribe} (WebSub §5.3, verification of
 *       intent): answers the challenge when the token is the feed's, else 404; records the lease
 *       granted for the feed's owner;</li>
 *   <li>{@code GET} with {@code hub.mode=denied} (§5.2): 200, recorded;</li>
 *   <li>{@code POST} (§7, content distribution): a delivery whose {@code X-Hub-Signature} is not
 *       the HMAC of its body under the feed's secret is dropped and counted (answered 202, as §8
 *       allows, so a forger learns nothing); a signed one is written to {@code parley.feed-pushes}
 *       before the answer, for the instance that owns the feed to parse, deduplicate and publish
 *       exactly once like a poll. If Kafka cannot take it, 503: the hub delivers again.</li>
 * </ul>
 * Pure of any HTTP server: {@link #handle} takes the request's parts and returns the reply.
 */
public final class WebSubCallback {

  private static final Logger LOG = LoggerFactory.getLogger(WebSubCallback.class);

  /** The path prefix served. */
  public static final String PATH = "/websub/";

  /** The largest delivery read: a feed document, as large as a fetched one may be. */
  public static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

  /** Where accepted deliveries and verifications go: blocks until Kafka has them, throws if it cannot. */
  public interface Sink {
    void publish(FeedPush push) throws Exception;
  }

  /** What happened to each request, for metrics: kind (delivery, verification) and result. */
  public interface Listener {
    void handled(String kind, String result);

    Listener NONE = (kind, result) -> { };
  }

  /** The reply: status, content type and body. */
  public record Reply(int status, String contentType, String body) {}

  private final WebSubKeys keys;
  private final Sink sink;
  private final Listener listener;
  private final Clock clock;

  public WebSubCallback(final WebSubKeys keys, final Sink sink, final Listener listener, final Clock clock) {
    this.keys = keys;
    this.sink = sink;
    this.listener = listener;
    this.clock = clock;
  }

  /**
   * Answers one request.
   *
   * @param method the HTTP method
   * @param path the request path, starting with {@link #PATH}
   * @param query the query parameters (first value of each)
   * @param header a request header by name (case-insensitive), or null
   * @param body the request body, or null when it was larger than {@link #MAX_BODY_BYTES}
   */
  public Reply handle(final String method, final String path, final Map<String, String> query,
      final Function<String, String> header, final byte[] body) {
    final String[] parts = path.startsWith(PATH) ? path.substring(PATH.length()).split("/", -1) : new String[0];
    if (parts.length != 2 || parts[0].isEmpty()) {
      return count("request", "not_found", new Reply(404, "text/plain", "not found"));
    }
    final String feedId = WebSubKeys.decode(parts[0]);
    if (!keys.validToken(feedId, parts[1])) {
      return count("request", "not_found", new Reply(404, "text/plain", "not found"));
    }
    if (method.equals("GET")) {
      return verify(feedId, query);
    }
    if (method.equals("POST")) {
      return deliver(feedId, header, body);
    }
    return count("request", "method_not_allowed", new Reply(405, "text/plain", "GET or POST"));
  }

  private Reply verify(final String feedId, final Map<String, String> query) {
    final String mode = query.get("hub.mode");
    final String topic = query.get("hub.topic");
    if ("denied".equals(mode)) {
      LOG.warn("WebSub hub denied the subscription of feed {} to {}: {}", feedId, topic, query.get("hub.reason"));
      return record(FeedPush.newBuilder().setFeedId(feedId).setKind(PushKind.DENIED).setReceivedAt(clock.instant())
          .setTopic(topic).setReason(query.get("hub.reason")).build(), "verification", "denied", new Reply(200, "text/plain", ""));
    }
    final String challenge = query.get("hub.challenge");
    if (!("subscribe".equals(mode) || "unsubscribe".equals(mode)) || topic == null || challenge == null) {
      return count("verification", "malformed", new Reply(404, "text/plain", "not a verification of intent"));
    }
    Integer lease = null;
    if (query.get("hub.lease_seconds") != null) {
      try {
        lease = Integer.valueOf(query.get("hub.lease_seconds").strip());
      } catch (final NumberFormatException e) {
        return count("verification", "malformed", new Reply(404, "text/plain", "hub.lease_seconds is not a number"));
      }
    }
    return record(FeedPush.newBuilder().setFeedId(feedId).setKind(PushKind.VERIFIED).setReceivedAt(clock.instant())
        .setMode(mode).setTopic(topic).setLeaseSeconds(lease).build(), "verification", mode, new Reply(200, "text/plain", challenge));
  }

  private Reply deliver(final String feedId, final Function<String, String> header, final byte[] body) {
    if (body == null) {
      return count("delivery", "too_large", new Reply(413, "text/plain", "larger than " + MAX_BODY_BYTES + " bytes"));
    }
    if (!keys.validSignature(feedId, header.apply("X-Hub-Signature"), body)) {
      LOG.warn("WebSub delivery for feed {} dropped: its signature is missing or wrong", feedId);
      return count("delivery", "bad_signature", new Reply(202, "text/plain", ""));
    }
    return record(FeedPush.newBuilder().setFeedId(feedId).setKind(PushKind.DELIVERY).setReceivedAt(clock.instant())
        .setBody(ByteBuffer.wrap(body)).setContentType(header.apply("Content-Type")).build(), "delivery", "accepted",
        new Reply(202, "text/plain", ""));
  }

  private Reply record(final FeedPush push, final String kind, final String result, final Reply reply) {
    try {
      sink.publish(push);
    } catch (final Exception e) {
      LOG.warn("WebSub {} for feed {} not recorded ({}); the hub will try again", kind, push.getFeedId(), e.toString());
      return count(kind, "unavailable", new Reply(503, "text/plain", "try again later"));
    }
    return count(kind, result, reply);
  }

  private Reply count(final String kind, final String result, final Reply reply) {
    listener.handled(kind, result);
    return reply;
  }
}
