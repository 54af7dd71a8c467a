package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.parley.schemas.Article;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What bounds the work of coding one article, whatever a feed sends. */
class ArticleCoderBoundsTest {

  private static final ArticleCoder CODER = ArticleCoder.bundled();

  private static Article article(final String title, final String text) {
    return Article.newBuilder().setArticleId("a-1").setItemKey("f:1").setTitle(title).setText(text).setSource("t")
        .setFeedId("f").setPublished(Instant.parse("2025-05-01T10:00:00Z")).setIngested(Instant.parse("2025-05-01T10:01:00Z"))
        .setFingerprint("0").setFlags(List.of()).setRulesVersion("").build();
  }

  @Test
  void aLongBodyIsCodedOnItsStartFlaggedAndKeptWhole() {
    final String body = "Russia and Ukraine agreed to a ceasefire in Istanbul on Monday. "
        + "Officials said more talks would follow in the spring. ".repeat(4_000);
    final Article coded = CODER.code(article("Russia and Ukraine agree ceasefire", body));
    assertThat(body.length()).isGreaterThan(ArticleCoder.MAX_CODED_CHARS);
    assertThat(coded.getFlags()).containsExactly(ArticleCoder.TEXT_CUT);
    assertThat(coded.getText()).isEqualTo(body);
    assertThat(coded.getTrack()).isEqualTo("RU-UA");
    assertThat(coded.getSignals()).isNotEmpty();
    assertThat(CODER.code(article("Talks", "Short.")).getFlags()).isEmpty();
  }

  @Test
  void firstCharsEndsBeforeASpace() {
    assertThat(ArticleCoder.firstChars("abcd ".repeat(30), 102)).isEqualTo("abcd ".repeat(20).strip());
    assertThat(ArticleCoder.firstChars("x".repeat(30), 10)).hasSize(10);
  }

  /**
   * A complexity guard, not a speed measure: 30,000 unpunctuated words naming parties took over
   * 20 s on a 2-core machine when a sentence had no bound (the work on one sentence grows with the
   * square of its length and more; 20,000 such words took 28 s through {@code replay}); cut into
   * bounded sentences they take well under a second.
   */
  @Test
  void aRunOnBodyOfPartiesIsCodedInBoundedTime() {
    final String body = "Russia Ukraine Moscow Kyiv Istanbul summit ".repeat(5_000);
    final Article coded = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> CODER.code(article("Russia and Ukraine talks", body)));
    assertThat(coded.getActors()).contains("RU", "UA");
  }
}
