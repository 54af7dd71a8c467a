package io.parley.processor.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a text for fingerprints and near-duplicate signatures: its runs of letters and
 * numbers ({@code \p{L}}, {@code \p{N}}), lower-cased. One scan, where a regular-expression split
 * cost a pattern walk per character on every article.
 */
public final class Words {

  private Words() {}

  /** The lower-cased letter-and-number runs of {@code text}, in order; never empty strings. */
  public static List<String> of(final String text) {
    final String lower = text.toLowerCase(Locale.ROOT);
    final List<String> words = new ArrayList<>(lower.length() / 6 + 1);
    int start = -1;
    int i = 0;
    while (i < lower.length()) {
      final int cp = lower.codePointAt(i);
      if (isLetterOrNumber(cp)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        words.add(lower.substring(start, i));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      words.add(lower.substring(start));
    }
    return words;
  }

  /** {@code \p{L}} or {@code \p{N}}: letters of every kind, and decimal, letter and other numbers. */
  static boolean isLetterOrNumber(final int cp) {
    if (cp < 0x80) {
      return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9';
    }
    final int type = Character.getType(cp);
    return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
