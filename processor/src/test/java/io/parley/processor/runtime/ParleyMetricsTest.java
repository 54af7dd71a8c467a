package io.parley.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.schemas.Article;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import io.parley.schemas.Salience;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParleyMetricsTest {

  private static FeedStatus status(final PollOutcome outcome, final int seen, final int fresh, final Instant at) {
    return FeedStatus.newBuilder().setFeedId("wire").setUrl("https://wire.test/rss").setPolledAt(at).setOutcome(outcome)
        .setLatencyMs(12).setItemsSeen(seen).setNewItems(fresh).build();
  }

  @Test
  void pollsCountByOutcomeAndStalenessFollowsTheLastSuccess() {
    try (ParleyMetrics metrics = new ParleyMetrics()) {
      final Instant t0 = Instant.parse("2025-05-10T12:00:00Z");
      metrics.poll(status(PollOutcome.OK, 10, 10, t0));
      metrics.poll(status(PollOutcome.NOT_MODIFIED, 0, 0, t0.plusSeconds(300)));
      metrics.poll(status(PollOutcome.HTTP_ERROR, 0, 0, t0.plusSeconds(600)));

      final var registry = metrics.registry();
      assertThat(registry.get("parley.feed.polls").tag("outcome", "OK").counter().count()).isEqualTo(1);
      assertThat(registry.get("parley.feed.polls").tag("outcome", "HTTP_ERROR").counter().count()).isEqualTo(1);
      assertThat(registry.get("parley.feed.items").tag("feed", "wire").counter().count()).isEqualTo(10);
      assertThat(registry.get("parley.feed.last.success.timestamp.seconds").gauge().value())
          .isEqualTo(t0.plusSeconds(300).getEpochSecond());
      assertThat(registry.get("parley.dlq").tag("stage", "decode").counter().count()).isZero();
      metrics.deadLetter("decode");
      assertThat(registry.get("parley.dlq").tag("stage", "decode").counter().count()).isEqualTo(1);
    }
  }

  /** Ingest's own dead letters count where every other stage's do: refused items and unreadable feeds records. */
  @Test
  void ingestsDeadLettersAreCountedWithTheProcessors() {
    try (ParleyMetrics metrics = new ParleyMetrics()) {
      metrics.poll(FeedStatus.newBuilder(status(PollOutcome.OK, 3, 1, Instant.parse("2025-05-10T12:00:00Z")))
          .setItemsRefused(2).setIntervalSeconds(90).build());
      metrics.deadLetter("ingest-feeds");
      final var registry = metrics.registry();
      assertThat(registry.get("parley.dlq").tag("stage", "ingest").counter().count()).isEqualTo(2);
      assertThat(registry.get("parley.dlq").tag("stage", "ingest-feeds").counter().count()).isEqualTo(1);
      assertThat(registry.get("parley.feed.poll.interval.seconds").tag("feed", "wire").gauge().value()).isEqualTo(90);
    }
  }

  @Test
  void anArticleWithASignalButNoTrackIsCountedWithItsReason() {
    try (ParleyMetrics metrics = new ParleyMetrics()) {
      final Signal signal = Signal.newBuilder()
          .setType(SignalType.CEASEFIRE).setMode(SignalMode.AGREED).setEvidence("e")
          .setCameo("0871").setPlover("RETREAT").setSalience(Salience.HEADLINE).setConfidence(0.8).build();
      final Article.Builder article = Article.newBuilder().setArticleId("a").setItemKey("k")
          .setTitle("t").setText("").setSource("s").setFeedId("f").setPublished(Instant.EPOCH).setIngested(Instant.EPOCH)
          .setFingerprint("x").setRulesVersion("test").setSignals(List.of(signal));
      metrics.article(article.setActors(List.of("ER")).build());
      metrics.article(article.setActors(List.of()).build());
      metrics.article(article.setActors(List.of("ER", "ET")).setTrack("ER-ET").build());
      final var registry = metrics.registry();
      assertThat(registry.get("parley.articles.untracked").tag("reason", "one_party").counter().count()).isEqualTo(1);
      assertThat(registry.get("parley.articles.untracked").tag("reason", "no_party").counter().count()).isEqualTo(1);
    }
  }
}
