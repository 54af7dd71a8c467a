package io.parley.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.schemas.Article;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The near-duplicate index lives in memory for speed, but the stores are what it knows after a restart. */
class DeduplicatorTest {

  private static final Instant T0 = Instant.parse("2025-05-10T12:00:00Z");
  private static final Duration WINDOW = Duration.ofHours(48);
  private static final String TEXT = "India and Pakistan agreed to a ceasefire on Saturday after four days of cross-border"
      + " strikes, officials in New Delhi and Islamabad said, and the truce took effect at five in the afternoon.";

  private MockProcessorContext<String, Article> context;

  @BeforeEach
  void stores() {
    context = new MockProcessorContext<>();
    final WindowStore<String, byte[]> signatures = Stores.windowStoreBuilder(
        Stores.inMemoryWindowStore(Deduplicator.SIGNATURES_STORE, WINDOW, WINDOW, false), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    signatures.init(context.getStateStoreContext(), signatures);
    context.addStateStore(signatures);
  }

  private static Article article(final String id, final String source, final String text, final Instant published) {
    return Article.newBuilder().setArticleId(id).setItemKey(id).setTitle("India and Pakistan agree to a ceasefire")
        .setText(text).setSource(source).setFeedId(source).setPublished(published).setIngested(published)
        .setFingerprint("x").setTrack("IN-PK").setRulesVersion("test").build();
  }

  private List<String> flagsAfter(final Deduplicator dedup, final Article article) {
    context.resetForwards();
    dedup.process(new Record<>("IN-PK", article, article.getPublished().toEpochMilli()));
    return context.forwarded().get(0).record().value().getFlags();
  }

  private Deduplicator started() {
    final Deduplicator dedup = new Deduplicator(WINDOW, 0.85, () -> { });
    dedup.init(context);
    return dedup;
  }

  @Test
  void aNearDuplicateIsRecognisedByAProcessorStartedLaterOnTheSameStores() {
    final Deduplicator first = started();
    assertThat(flagsAfter(first, article("a1", "wire", TEXT, T0))).isEmpty();
    first.close();

    final Deduplicator restarted = started();
    assertThat(flagsAfter(restarted, article("a2", "daily", TEXT + " Markets rose.", T0.plusSeconds(600))))
        .containsExactly(Deduplicator.DUPLICATE_OF + "a1");
    assertThat(flagsAfter(restarted, article("a1", "wire", TEXT, T0.plusSeconds(900))))
        .as("the same article id again").containsExactly(Deduplicator.DUPLICATE_OF + "a1");
  }

  @Test
  void whatIsOlderThanTheWindowIsForgotten() {
    final Deduplicator dedup = started();
    assertThat(flagsAfter(dedup, article("a1", "wire", TEXT, T0))).isEmpty();
    assertThat(flagsAfter(dedup, article("a2", "daily", TEXT + " Markets rose.", T0.plus(WINDOW).plusSeconds(60)))).isEmpty();
  }
}
