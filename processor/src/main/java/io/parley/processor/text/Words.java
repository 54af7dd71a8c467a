package io.parley.processor.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The words of a text for fingerprints and near-duplicate signatures: its runs of letters and
 * numbers ({@code \p{L}}, {@code \p{N}}), lower-cased. One scan, where a regular-expression split
 * cost a pattern walk per character on every article. The fingerprint wants the words joined and
 * MinHash only their hash codes, so both are read off the scan without a string a word.
 */
public final class Words {

  private Words() {}

  /** The lower-cased letter-and-number runs of {@code text}, in order; never empty strings. */
  public static List<String> of(final String text) {
    final String lower = text.toLowerCase(Locale.ROOT);
    final int[] spans = spans(lower);
    final List<String> words = new ArrayList<>(spans[0]);
    for (int w = 0; w < spans[0]; w++) {
      words.add(lower.substring(spans[1 + 2 * w], spans[2 + 2 * w]));
    }
    return words;
  }

  /** {@code String.join(" ", of(text))}. */
  public static String joined(final String text) {
    final String lower = text.toLowerCase(Locale.ROOT);
    return joined(lower, spans(lower));
  }

  /**
   * The UTF-8 bytes of {@link #joined}, written straight from the words when they are all ASCII —
   * as in most English text, whose curly quotes and dashes are not words — without the joined
   * string and its encoded copy.
   */
  public static byte[] joinedUtf8(final String text) {
    final String lower = text.toLowerCase(Locale.ROOT);
    final int[] spans = spans(lower);
    int size = Math.max(0, spans[0] - 1);
    for (int w = 0; w < spans[0]; w++) {
      for (int i = spans[1 + 2 * w], end = spans[2 + 2 * w]; i < end; i++) {
        if (lower.charAt(i) >= 0x80) {
          return joined(lower, spans).getBytes(StandardCharsets.UTF_8);
        }
      }
      size += spans[2 + 2 * w] - spans[1 + 2 * w];
    }
    final byte[] out = new byte[size];
    int k = 0;
    for (int w = 0; w < spans[0]; w++) {
      if (w > 0) {
        out[k++] = ' ';
      }
      for (int i = spans[1 + 2 * w], end = spans[2 + 2 * w]; i < end; i++) {
        out[k++] = (byte) lower.charAt(i);
      }
    }
    return out;
  }

  private static String joined(final String lower, final int[] spans) {
    final StringBuilder out = new StringBuilder(lower.length());
    for (int w = 0; w < spans[0]; w++) {
      if (w > 0) {
        out.append(' ');
      }
      out.append(lower, spans[1 + 2 * w], spans[2 + 2 * w]);
    }
    return out.toString();
  }

  /** The {@link String#hashCode} of each of {@code of(text)}, in order. */
  public static int[] hashCodes(final String text) {
    final String lower = text.toLowerCase(Locale.ROOT);
    final int[] spans = spans(lower);
    final int[] hashes = new int[spans[0]];
    for (int w = 0; w < hashes.length; w++) {
      int h = 0;
      for (int i = spans[1 + 2 * w], end = spans[2 + 2 * w]; i < end; i++) {
        h = 31 * h + lower.charAt(i); // String.hashCode, without the string
      }
      hashes[w] = h;
    }
    return hashes;
  }

  /** The word count, then each word's start and end in {@code lower}. */
  private static int[] spans(final String lower) {
    int[] spans = new int[1 + 2 * (lower.length() / 6 + 1)];
    int words = 0;
    int start = -1;
    int i = 0;
    while (i <= lower.length()) {
      final int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
      if (isLetterOrNumber(cp)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        if (2 + 2 * words >= spans.length) {
          spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[1 + 2 * words] = start;
        spans[2 + 2 * words] = i;
        words++;
        start = -1;
      }
      i += Character.charCount(cp);
    }
    spans[0] = words;
    return spans;
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
