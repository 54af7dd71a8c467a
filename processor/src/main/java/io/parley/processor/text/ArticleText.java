package io.parley.processor.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An article's headline and body as the signal coder and the date reader both read them: the two
 * joined by a line break, the body cut into {@link Sentences}, and each of these lower-cased once.
 * Both readers lower-case the joined text and every sentence to run their keyword pre-filters;
 * done in each, that was the article's text lower-cased four times over.
 */
public final class ArticleText {

  private final String title;
  private final String text;
  private final String whole;
  private final String lowerWhole;
  private final List<String> sentences;
  private List<String> lowerSentences;

  private ArticleText(final String title, final String text, final List<String> sentences) {
    this.title = title;
    this.text = text;
    this.whole = (title == null ? "" : title) + "\n" + (text == null ? "" : text);
    this.lowerWhole = whole.toLowerCase(Locale.ROOT);
    this.sentences = sentences;
  }

  /** {@code title} and {@code text}, either may be null, the body cut by {@link Sentences#split}. */
  public static ArticleText of(final String title, final String text) {
    return of(title, text, Sentences.split(text == null ? "" : text));
  }

  /** The same, with the body already cut into {@code sentences}. */
  public static ArticleText of(final String title, final String text, final List<String> sentences) {
    return new ArticleText(title, text, sentences);
  }

  /** The headline as given, possibly null. */
  public String title() {
    return title;
  }

  /** The body as given, possibly null. */
  public String text() {
    return text;
  }

  /** Headline, a line break, body (an absent part as the empty string). */
  public String whole() {
    return whole;
  }

  /** {@link #whole()} lower-cased ({@link Locale#ROOT}). */
  public String lowerWhole() {
    return lowerWhole;
  }

  /** The body's sentences. */
  public List<String> sentences() {
    return sentences;
  }

  /** Each of {@link #sentences()} lower-cased ({@link Locale#ROOT}), in the same order; computed on first use. */
  public List<String> lowerSentences() {
    if (lowerSentences == null) {
      final List<String> lower = new ArrayList<>(sentences.size());
      for (final String sentence : sentences) {
        lower.add(sentence.toLowerCase(Locale.ROOT));
      }
      lowerSentences = Collections.unmodifiableList(lower);
    }
    return lowerSentences;
  }
}
