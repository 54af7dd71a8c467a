package io.parley.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.processor.signals.ArticleCoder;
import io.parley.schemas.Article;
import io.parley.schemas.RawItem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {

  private static final Instant FETCHED = Instant.parse("2025-05-10T12:05:00Z");
  private final Normalizer normalizer = new Normalizer();

  private static RawItem.Builder item() {
    return RawItem.newBuilder().setItemKey("f:1").setFeedId("f").setFeedUrl("https://f.test/rss").setFeedTitle("Wire &amp; Co")
        .setGuid("g1").setLink("https://F.test/a?utm_source=x#c").setTitle("India and Pakistan agree to a ceasefire")
        .setSummary("<p>The truce took effect at five.</p>").setFetchedAt(FETCHED);
  }

  @Test
  void cleanTextCanonicalUrlAndEstimatedPublishedTime() {
    final Article a = normalizer.normalize(item().build());
    assertThat(a.getText()).isEqualTo("The truce took effect at five.");
    assertThat(a.getUrl()).isEqualTo("https://f.test/a");
    assertThat(a.getSource()).isEqualTo("Wire & Co");
    assertThat(a.getPublished()).isEqualTo(FETCHED);
    assertThat(a.getFlags()).contains(Normalizer.PUBLISHED_ESTIMATED);
    assertThat(a.getLanguage()).as("too short to tell, and the feed declares none").isNull();
    assertThat(a.getArticleId()).isEqualTo(normalizer.normalize(item().setItemKey("other:9").build()).getArticleId());
  }

  @Test
  void englishTextIsRecognisedAndFeedDeclarationHelpsShortItems() {
    final Article a = normalizer.normalize(item().setSummary("The truce took effect at five in the afternoon, officials in "
        + "New Delhi and Islamabad said, after four days of strikes across the Line of Control.").build());
    assertThat(a.getLanguage()).isEqualTo("en");
    assertThat(a.getFlags()).doesNotContain(Normalizer.NOT_ENGLISH);
    assertThat(normalizer.normalize(item().setLanguage("en-GB").build()).getLanguage()).isEqualTo("en");
  }

  @Test
  void fullerContentWinsOverTheSummary() {
    final Article a = normalizer.normalize(item().setContent("<p>The truce took effect at five.</p><p>Both armies held fire.</p>").build());
    assertThat(a.getText()).isEqualTo("The truce took effect at five.\nBoth armies held fire.");
  }

  @Test
  void otherLanguagesPassThroughFlaggedAndUncoded() {
    final RawItem french = item().setTitle("L'Inde et le Pakistan concluent un cessez-le-feu")
        .setSummary("Les deux pays se sont mis d'accord samedi sur un cessez-le-feu après quatre jours de frappes, "
            + "ont annoncé les autorités de New Delhi et d'Islamabad.").setPublished(FETCHED).build();
    final Article coded = ArticleCoder.bundled().code(normalizer.normalize(french));
    assertThat(coded.getLanguage()).isEqualTo("fr");
    assertThat(coded.getFlags()).contains(Normalizer.NOT_ENGLISH);
    assertThat(coded.getSignals()).isEmpty();
    assertThat(coded.getTrack()).isNull();
  }

  @Test
  void itemWithNothingToReadIsRefused() {
    assertThatThrownBy(() -> normalizer.normalize(item().setTitle(" ").setSummary("<p></p>").build()))
        .isInstanceOf(Normalizer.InvalidItemException.class);
  }

  @Test
  void fingerprintIgnoresCaseAndPunctuation() {
    assertThat(Normalizer.fingerprint("Talks, in Doha!")).isEqualTo(Normalizer.fingerprint("talks in doha"));
    assertThat(List.of(Normalizer.fingerprint("a b"))).doesNotContain(Normalizer.fingerprint("a c"));
  }
}
