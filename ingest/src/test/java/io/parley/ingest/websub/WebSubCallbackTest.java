package io.parley.ingest.websub;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.schemas.FeedPush;
import io.parley.schemas.PushKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WebSub callback's answers (WebSub §5.2, §5.3, §7, §8), without a server. */
class WebSubCallbackTest {

  private static final String KEY = "a-deployment-key-of-some-length";
  private final WebSubKeys keys = new WebSubKeys(KEY);
  private final List<FeedPush> recorded = new ArrayList<>();
  private final Map<String, Integer> counted = new HashMap<>();
  private boolean kafkaDown;
  private final WebSubCallback callback = new WebSubCallback(keys, push -> {
    if (kafkaDown) {
      throw new IllegalStateException("no broker");
    }
    recorded.add(push);
  }, (kind, result) -> counted.merge(kind + "/" + result, 1, Integer::sum),
      Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));

  private final String feed = "wire.example-1a2b3c4d";
  private final String path = "/websub/" + feed + "/" + keys.token(feed);

  @Test
  void theCallbackUrlCarriesTheFeedAndItsToken() {
    final WebSubConfig config = new WebSubConfig(URI.create("https://parley.example/ingest"), KEY, Duration.ofDays(10));
    assertThat(config.callback(feed).toString()).isEqualTo("https://parley.example/ingest/websub/" + feed + "/" + keys.token(feed));
    assertThat(keys.token(feed)).hasSize(32).isNotEqualTo(keys.token("other-feed"));
    assertThat(new WebSubKeys("another-deployment-key").token(feed)).isNotEqualTo(keys.token(feed));
    assertThat(keys.secret(feed)).hasSize(64).isNotEqualTo(keys.secret("other-feed"));
  }

  @Test
  void aVerificationOfIntentIsAnsweredWithItsChallengeAndItsLeaseRecorded() {
    final WebSubCallback.Reply reply = callback.handle("GET", path, Map.of("hub.mode", "subscribe",
        "hub.topic", "https://wire.example/feed", "hub.challenge", "c-123", "hub.lease_seconds", "86400"), h -> null, new byte[0]);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("c-123");
    assertThat(recorded).singleElement().satisfies(p -> {
      assertThat(p.getKind()).isEqualTo(PushKind.VERIFIED);
      assertThat(p.getMode()).isEqualTo("subscribe");
      assertThat(p.getLeaseSeconds()).isEqualTo(86400);
      assertThat(p.getFeedId()).isEqualTo(feed);
    });
  }

  @Test
  void aVerificationAtACallbackParleyDidNotGiveOutIsRefused() {
    final String forged = "/websub/" + feed + "/" + "A".repeat(32);
    assertThat(callback.handle("GET", forged, Map.of("hub.mode", "unsubscribe", "hub.topic", "t", "hub.challenge", "c"),
        h -> null, new byte[0]).status()).isEqualTo(404);
    assertThat(callback.handle("GET", "/websub/" + feed, Map.of(), h -> null, new byte[0]).status()).isEqualTo(404);
    assertThat(callback.handle("GET", path, Map.of("hub.mode", "subscribe", "hub.topic", "t"), h -> null, new byte[0]).status())
        .as("no challenge").isEqualTo(404);
    assertThat(recorded).isEmpty();
  }

  @Test
  void aDenialIsRecorded() {
    assertThat(callback.handle("GET", path, Map.of("hub.mode", "denied", "hub.topic", "t", "hub.reason", "not allowed"),
        h -> null, new byte[0]).status()).isEqualTo(200);
    assertThat(recorded).singleElement().satisfies(p -> assertThat(p.getReason()).isEqualTo("not allowed"));
  }

  @Test
  void aSignedDeliveryIsRecordedAndAnythingElseDroppedAndCounted() {
    final byte[] body = "<feed/>".getBytes(StandardCharsets.UTF_8);
    for (final String method : List.of("sha1", "sha256", "sha384", "sha512")) {
      final String signature = WebSubKeys.sign(method, keys.secret(feed), body);
      assertThat(callback.handle("POST", path, Map.of(), h -> h.equals("X-Hub-Signature") ? signature : "application/atom+xml",
          body).status()).isEqualTo(202);
    }
    assertThat(recorded).hasSize(4).allSatisfy(p -> assertThat(p.getKind()).isEqualTo(PushKind.DELIVERY));
    final String otherFeeds = WebSubKeys.sign("sha256", keys.secret("other-feed"), body);
    assertThat(callback.handle("POST", path, Map.of(), h -> h.equals("X-Hub-Signature") ? otherFeeds : null, body).status())
        .isEqualTo(202);
    assertThat(callback.handle("POST", path, Map.of(), h -> null, body).status()).isEqualTo(202);
    assertThat(callback.handle("POST", path, Map.of(), h -> h.equals("X-Hub-Signature") ? "md5=abcd" : null, body).status())
        .isEqualTo(202);
    assertThat(callback.handle("POST", path, Map.of(), h -> h.equals("X-Hub-Signature") ? "sha256=zz" : null, body).status())
        .isEqualTo(202);
    assertThat(recorded).hasSize(4);
    assertThat(counted).containsEntry("delivery/accepted", 4).containsEntry("delivery/bad_signature", 4);
    assertThat(callback.handle("POST", path, Map.of(), h -> null, null).status()).as("too large").isEqualTo(413);
  }

  @Test
  void whenKafkaCannotTakeADeliveryTheHubIsAskedToRetry() {
    kafkaDown = true;
    final byte[] body = "<feed/>".getBytes(StandardCharsets.UTF_8);
    final String signature = WebSubKeys.sign("sha256", keys.secret(feed), body);
    assertThat(callback.handle("POST", path, Map.of(), h -> h.equals("X-Hub-Signature") ? signature : null, body).status())
        .isEqualTo(503);
    assertThat(counted).containsEntry("delivery/unavailable", 1);
  }

  @Test
  void hubAndTopicComeFromLinkHeadersFirstThenTheDocument() {
    assertThat(WebSubLinks.of(List.of("<https://hub.example/>; rel=\"hub\", <https://wire.example/feed>; rel=\"self\""),
        "https://other-hub/", "https://other-self", "https://wire.example/rss"))
        .isEqualTo(new WebSubLinks("https://hub.example/", "https://wire.example/feed"));
    assertThat(WebSubLinks.of(List.of("<https://hub.example/>; rel=hub"), null, null, "https://wire.example/rss"))
        .as("no self: the feed's URL").isEqualTo(new WebSubLinks("https://hub.example/", "https://wire.example/rss"));
    assertThat(WebSubLinks.of(List.of("<https://x/>; rel=\"alternate self\""), "https://hub/", null, "u"))
        .isEqualTo(new WebSubLinks("https://hub/", "https://x/"));
    assertThat(WebSubLinks.of(List.of(), null, "https://self", "u").present()).isFalse();
  }
}
