package io.parley.processor.text;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Guesses the language of an article's text with the n-gram profiles of the optimaize
 * language-detector, restricted to languages common in world-news feeds so that the profiles stay
 * small and similar languages do not steal English text. Thread-safe.
 */
public final class Languages {

  private static final List<String> PROFILES = List.of("en", "fr", "de", "es", "pt", "it", "nl", "pl", "ru",
      "uk", "tr", "ar", "fa", "he", "hi", "ur", "zh-CN", "zh-TW", "ja", "ko", "id", "vi", "th", "sv", "el", "ro", "cs", "hu");
  private static final double MIN_PROBABILITY = 0.90;
  private static final int SHORT_TEXT = 200;
  private static final int SAMPLE = 400;
  /** Below this many characters n-gram guesses are unreliable (a headline alone): no guess. */
  private static final int TOO_SHORT = 100;

  /** Words frequent in English and absent from, or rare in, the other profiled Latin-script languages. */
  static final Set<String> ENGLISH_FUNCTION_WORDS = Set.of("the", "and", "of", "to", "that", "with",
      "for", "from", "said", "which", "this", "are", "were", "have", "has", "been", "by", "at", "its", "their",
      "they", "would", "after", "not", "be", "who", "what");
  private static final int MIN_WORDS = 20;
  private static final int ENGLISH_SHARE_PERCENT = 15;

  private static final LanguageDetector DETECTOR = build();
  private static final TextObjectFactory LONG = CommonTextObjectFactories.forDetectingOnLargeText();
  private static final TextObjectFactory SHORT = CommonTextObjectFactories.forDetectingShortCleanText();

  private Languages() {}

  /**
   * The ISO 639-1 code of the text's language when the guess is confident, e.g. {@code en}; empty
   * for text too short to tell (then the feed's declared language, if any, decides).
   */
  public static Optional<String> detect(final String text) {
    if (text == null || text.strip().length() < TOO_SHORT) {
      return Optional.empty();
    }
    // The first few hundred characters tell the language as well as the whole article, for a fraction of the work.
    if (plainlyEnglish(text, Math.min(text.length(), SAMPLE))) {
      return Optional.of("en");
    }
    final String sample = text.length() > SAMPLE ? text.substring(0, SAMPLE) : text;
    final TextObjectFactory factory = sample.length() < SHORT_TEXT ? SHORT : LONG;
    final List<DetectedLanguage> guesses = DETECTOR.getProbabilities(factory.forText(sample));
    if (guesses.isEmpty() || guesses.get(0).getProbability() < MIN_PROBABILITY) {
      return Optional.empty();
    }
    return Optional.of(guesses.get(0).getLocale().getLanguage());
  }

  /**
   * Most feed text is English, and English prose is a sixth or more function words that other
   * languages do not write ("the", "and", "of", "with" …). Counting them settles the common case
   * in a few microseconds; anything short of plainly English goes to the n-gram detector.
   */
  /** Longer words cannot be function words, and are not cut out of the text to be looked up. */
  private static final int LONGEST_FUNCTION_WORD = ENGLISH_FUNCTION_WORDS.stream().mapToInt(String::length).max().orElse(0);

  static boolean plainlyEnglish(final String sample) {
    return plainlyEnglish(sample, sample.length());
  }

  /** {@link #plainlyEnglish(String)} of the first {@code length} characters of {@code text}. */
  private static boolean plainlyEnglish(final String text, final int length) {
    int words = 0;
    int english = 0;
    int start = -1;
    for (int i = 0; i <= length; i++) {
      final boolean letter = i < length && Character.isLetter(text.charAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        words++;
        if (i - start <= LONGEST_FUNCTION_WORD && isFunctionWord(text, start, i)) {
          english++;
        }
        start = -1;
      }
    }
    return words >= MIN_WORDS && english * 100 >= words * ENGLISH_SHARE_PERCENT;
  }

  /**
   * Whether {@code text[from, to)}, lower-cased, is one of {@link #ENGLISH_FUNCTION_WORDS}. A word
   * of ASCII letters is looked up by its {@link #asciiKey} — no string a word, and most words of
   * a sample are short enough to be looked up; any other word as a lower-cased substring.
   */
  private static boolean isFunctionWord(final String text, final int from, final int to) {
    final long key = asciiKey(text, from, to);
    if (key >= 0) {
      return Arrays.binarySearch(FUNCTION_WORD_KEYS, key) >= 0;
    }
    return ENGLISH_FUNCTION_WORDS.contains(text.substring(from, to).toLowerCase(Locale.ROOT));
  }

  /**
   * The lower-cased ASCII letters of {@code s[from, to)} packed seven bits a letter into a long,
   * with a leading one bit so that lengths differ, or -1 when a character is not an ASCII letter
   * (or the word is too long to pack). Two words have the same key only if they lower-case alike.
   */
  static long asciiKey(final CharSequence s, final int from, final int to) {
    if (to - from > 8) {
      return -1;
    }
    long key = 1;
    for (int i = from; i < to; i++) {
      final char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        key = key << 7 | (c + ('a' - 'A'));
      } else if (c >= 'a' && c <= 'z') {
        key = key << 7 | c;
      } else {
        return -1;
      }
    }
    return key;
  }

  private static final long[] FUNCTION_WORD_KEYS = ENGLISH_FUNCTION_WORDS.stream()
      .mapToLong(w -> asciiKey(w, 0, w.length())).filter(k -> k >= 0).sorted().toArray();

  private static LanguageDetector build() {
    try {
      final List<LanguageProfile> profiles = new LanguageProfileReader().read(PROFILES);
      return LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot load the language profiles", e);
    }
  }
}
