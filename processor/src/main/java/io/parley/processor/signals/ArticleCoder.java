package io.parley.processor.signals;

import io.parley.processor.normalize.Normalizer;
import io.parley.processor.text.Sentences;
import io.parley.schemas.Article;
import io.parley.schemas.ParleyRecords;
import java.util.List;

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
    final Gazetteer.Mentions mentions = gazetteer.find(article.getTitle() + "\n" + article.getText());
    // Cut once: the signal coder and the horizon both read the body sentence by sentence.
    final List<String> sentences = Sentences.split(article.getText() == null ? "" : article.getText());
    final Article coded = ParleyRecords.shallowCopy(article, Article::new);
    coded.setActors(mentions.actors());
    coded.setPlaces(mentions.places());
    coded.setTrack(gazetteer.track(mentions.counts()).orElse(null));
    coded.setSignals(coder.code(article.getTitle(), article.getText(), sentences, mentions.counts().size()));
    coded.setHorizon(Horizon.of(article.getTitle(), article.getText(), sentences, article.getPublished()).orElse(null));
    coded.setRulesVersion(version());
    return coded;
  }
}
