package io.parley.processor.normalize;

import io.parley.processor.text.HtmlText;
import io.parley.processor.text.Languages;
import io.parley.processor.text.Urls;
import io.parley.processor.text.Words;
import io.parley.schemas.Article;
import io.parley.schemas.FeedIds;
import io.parley.schemas.ParleySchemaStore;
import io.parley.schemas.RawItem;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A feed item as published ({@link RawItem}) to a clean {@link Article} without signals: plain
 * text from the HTML summary or content, canonical URL, UTC published time (the fetch time when
 * the feed gave none, flagged), the language (text in another language is flagged
 * {@value #NOT_ENGLISH}), a stable article id and a content fingerprint. Pure.
 */
public final class Normalizer {

  static {
    // Builders fill defaults (e.g. an empty signal list) by decoding them into generated classes,
    // which Avro refuses until Parley's classes are trusted — even before any serde exists.
    ParleySchemaStore.trustGeneratedClasses();
  }

  /** Flag set when the published time is the fetch time because the feed gave none. */
  public static final String PUBLISHED_ESTIMATED = "PUBLISHED_ESTIMATED";
  /** Flag set on text in another language than English: passed through, not coded. */
  public static final String NOT_ENGLISH = "NOT_ENGLISH";

  /** Longest text an item may carry; a feed item is a summary or an article, not a book. */
  static final int MAX_TEXT_CHARS = 1_000_000;
  /** Earliest plausible published time; the parser flags and drops earlier ones, other producers may not. */
  static final Instant EARLIEST = Instant.parse("1995-01-01T00:00:00Z");

  /**
   * Normalizes one item.
   *
   * @throws InvalidItemException when the item has neither a title nor any text, carries more than
   *     {@value #MAX_TEXT_CHARS} characters, or is dated before 1995 or more than two days after
   *     it was fetched — records no feed parser of Parley's writes, so they come from elsewhere
   */
  public Article normalize(final RawItem raw) {
    final long size = length(raw.getTitle()) + length(raw.getSummary()) + length(raw.getContent());
    if (size > MAX_TEXT_CHARS) {
      throw new InvalidItemException("item text too large: " + size + " characters (at most " + MAX_TEXT_CHARS + ")");
    }
    if (raw.getPublished() != null && (raw.getPublished().isBefore(EARLIEST)
        || raw.getPublished().isAfter(raw.getFetchedAt().plus(Duration.ofDays(2))))) {
      throw new InvalidItemException("published time " + raw.getPublished() + " is not plausible (fetched "
          + raw.getFetchedAt() + ")");
    }
    final String title = HtmlText.toText(raw.getTitle()).replace('\n', ' ');
    final String summary = HtmlText.toText(raw.getSummary());
    final String content = HtmlText.toText(raw.getContent());
    // Content is usually the fuller body; a summary that only repeats its start adds nothing.
    final String text = content.length() > summary.length() ? content : summary;
    if (title.isBlank() && text.isBlank()) {
      throw new InvalidItemException("item has neither a title nor any text");
    }
    final List<String> flags = new ArrayList<>(raw.getFlags());
    Instant published = raw.getPublished();
    if (published == null) {
      published = raw.getFetchedAt();
      flags.add(PUBLISHED_ESTIMATED);
    }
    final String url = Urls.canonical(raw.getLink());
    // The text decides; the feed's declaration only when the text is too short to tell.
    final String whole = title + "\n" + text; // the language and the fingerprint read both
    final String language = Languages.detect(whole).orElse(declared(raw.getLanguage()));
    if (language != null && !language.equals("en")) {
      flags.add(NOT_ENGLISH);
    }
    return Article.newBuilder()
        .setArticleId("a-" + FeedIds.sha256Hex(url != null ? url : raw.getItemKey()).substring(0, 16))
        .setItemKey(raw.getItemKey())
        .setGuid(raw.getGuid())
        .setUrl(url)
        .setTitle(title.isBlank() ? firstWords(text) : title)
        .setText(text)
        .setSource(raw.getFeedTitle() != null ? HtmlText.toText(raw.getFeedTitle()) : raw.getFeedId())
        .setFeedId(raw.getFeedId())
        .setPublished(published)
        .setIngested(raw.getFetchedAt())
        .setLanguage(language)
        .setFingerprint(fingerprint(whole))
        .setFlags(flags)
        .setRulesVersion("")
        .build();
  }

  private static long length(final String s) {
    return s == null ? 0 : s.length();
  }

  /** "en-GB" → "en". */
  private static String declared(final String language) {
    if (language == null || language.isBlank()) {
      return null;
    }
    return language.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
  }

  /** A hash of the text with case, punctuation and spacing ignored. */
  static String fingerprint(final String text) {
    try {
      final byte[] digest = MessageDigest.getInstance("SHA-256").digest(Words.joinedUtf8(text));
      return HexFormat.of().formatHex(digest, 0, 8); // the first 16 hex digits
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private static String firstWords(final String text) {
    final String line = text.lines().findFirst().orElse("");
    return line.length() <= 120 ? line : line.substring(0, 119) + "…";
  }

  /** An item that cannot become an article; the message is the DLQ reason. */
  public static final class InvalidItemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidItemException(final String message) {
      super(message);
    }
  }
}
