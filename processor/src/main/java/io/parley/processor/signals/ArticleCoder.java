package io.parley.processor.signals;

import io.parley.processor.normalize.Normalizer;
import io.parley.processor.text.ArticleText;
import io.parley.schemas.Article;
import io.parley.schemas.ParleyRecords;

/** Adds actors, places, track, signals, horizon and the rules version to a normalized article. Pure. */
public final class ArticleCoder {

  private final Gazetteer gazetteer;
  private final SignalCoder coder;

  public ArticleCoder(final Gazetteer gazetteer, final SignalCoder coder) {
    this.gazetteer = gazetteer;
    this.coder = coder;
  }

  /** The bundled gazetteer and rules. */
  public static ArticleCoder bundled() {
    return new ArticleCoder(Gazetteer.bundled(), new SignalCoder(SignalRules.bundled()));
  }

  /** Rules and gazetteer versions, as recorded on articles. */
  public String version() {
    return coder.version() + "+g" + gazetteer.version();
  }

  /** A copy of {@code article} with its mentions, track and signals. */
  public Article code(final Article article) {
    if (article.getFlags().contains(Normalizer.NOT_ENGLISH)) {
      // The rules and the gazetteer are English: another language passes through uncoded.
      return Article.newBuilder(article).setRulesVersion(version()).build();
    }
    // Cut and lower-cased once: the signal coder and the horizon both read the body sentence by sentence.
    final ArticleText text = ArticleText.of(article.getTitle(), article.getText());
    final Gazetteer.Mentions mentions = gazetteer.find(text.whole());
    final Article coded = ParleyRecords.shallowCopy(article, Article::new);
    coded.setActors(mentions.actors());
    coded.setPlaces(mentions.places());
    coded.setTrack(gazetteer.track(mentions.counts()).orElse(null));
    coded.setSignals(coder.code(text, mentions.counts().size()));
    coded.setHorizon(Horizon.of(text, article.getPublished()).orElse(null));
    coded.setRulesVersion(version());
    return coded;
  }
}
