package io.parley.processor.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits plain text into sentences. A period ends a sentence unless it belongs to an abbreviation
 * ("St. Petersburg", "Gen. Smith", "Jan. 5"), an initial ("J. Biden") or a dotted acronym ("U.S.",
 * "U.N."), so that "talks in St. Petersburg" and "U.S. proposals" stay whole. Line breaks always
 * end a sentence: feeds put headlines, bullets and paragraphs on their own lines.
 */
public final class Sentences {

  private static final Set<String> ABBREVIATIONS = Set.of(
      "st", "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "sgt",
      "adm", "pres", "prof", "rev", "hon", "jr", "sr", "inc", "corp", "ltd", "co", "no", "vs", "etc",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "mt", "ft", "approx", "est", "dept", "univ", "e.g", "i.e", "a.m", "p.m");

  /**
   * The longest sentence returned: a longer run is cut at a space into pieces of at most this. Real
   * sentences stay well under it (the longest in the dev sets: a few hundred characters); it bounds
   * the work of every rule that reads a sentence as a whole, which grows faster than its length —
   * the bound that makes coding linear in an article's length.
   */
  public static final int MAX_CHARS = 1_000;

  private Sentences() {}

  /**
   * The sentences of {@code text}, stripped, in order; never empty strings. Lines are the runs
   * between {@code \R} line breaks, read in place: each sentence is cut out of the text once,
   * where splitting into lines first copied the whole text a second time.
   */
  public static List<String> split(final String text) {
    final List<String> sentences = new ArrayList<>();
    final int n = text.length();
    int from = 0;
    while (from <= n) {
      int to = from;
      while (to < n && !LineBreaks.is(text.charAt(to))) {
        to++;
      }
      splitLine(text, from, to, sentences); // "\r\n" leaves an empty line between its two: no sentence
      from = to + 1;
    }
    return sentences;
  }

  /** The sentences of the line {@code text[from, n)}. */
  private static void splitLine(final String text, final int from, final int n, final List<String> out) {
    int start = from;
    for (int i = from; i < n; i++) {
      final char c = text.charAt(i);
      if (c != '.' && c != '!' && c != '?') {
        continue;
      }
      int end = i + 1;
      // Closing quotes and brackets belong to the sentence they close.
      while (end < n && isCloser(text.charAt(end))) {
        end++;
      }
      if (end < n && !Character.isWhitespace(text.charAt(end))) {
        continue; // "3.5", "U.S.-Russia", "example.org"
      }
      int next = end;
      while (next < n && Character.isWhitespace(text.charAt(next))) {
        next++;
      }
      if (next < n && !startsSentence(text.charAt(next))) {
        continue; // "… said in St. petersburg" style lower-case continuation
      }
      if (c == '.' && isAbbreviation(text, from, i)) {
        continue;
      }
      add(out, text, start, end);
      start = next;
      i = next - 1;
    }
    if (start < n) {
      add(out, text, start, n);
    }
  }

  private static boolean isCloser(final char c) {
    return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']';
  }

  private static boolean startsSentence(final char c) {
    return Character.isUpperCase(c) || Character.isDigit(c) || c == '"' || c == '“' || c == '‘'
        || c == '\'' || c == '(' || c == '[' || c == '-' || c == '—';
  }

  /** Whether the period at {@code dot} ends an abbreviation, initial or dotted acronym, in a line of {@code text} that starts at {@code from}. */
  private static boolean isAbbreviation(final String text, final int from, final int dot) {
    int wordStart = dot;
    while (wordStart > from && (Character.isLetter(text.charAt(wordStart - 1)) || text.charAt(wordStart - 1) == '.')) {
      wordStart--;
    }
    final String word = text.substring(wordStart, dot);
    if (word.isEmpty()) {
      return false;
    }
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return true; // an initial
    }
    if (dotted(word)) {
      return true; // U.S, U.N, e.g
    }
    return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether {@code word} is a dotted acronym without its final period — {@code (?:[A-Za-z]\.)+[A-Za-z]}:
   * ASCII letters at the even places, periods between them, at least two letters. A scan: the
   * pattern's matcher was made for every period of every article.
   */
  static boolean dotted(final String word) {
    if (word.length() < 3 || word.length() % 2 == 0) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      final char c = word.charAt(i);
      if (i % 2 == 0 ? !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') : c != '.') {
        return false;
      }
    }
    return true;
  }

  /** {@code text.substring(start, end).strip()}, if not empty, cut out once. */
  private static void add(final List<String> out, final String text, final int start, final int end) {
    int a = start;
    int b = end;
    while (a < b && Character.isWhitespace(text.charAt(a))) {
      a++; // strip() reads code points, but no surrogate is whitespace
    }
    while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
      b--;
    }
    while (b - a > MAX_CHARS) { // a run-on "sentence" (no punctuation for pages) is read in pieces
      int cut = a + MAX_CHARS;
      while (cut > a + MAX_CHARS / 2 && !Character.isWhitespace(text.charAt(cut))) {
        cut--;
      }
      if (!Character.isWhitespace(text.charAt(cut))) {
        cut = Character.isHighSurrogate(text.charAt(a + MAX_CHARS - 1)) ? a + MAX_CHARS - 1 : a + MAX_CHARS;
      }
      add(out, text, a, cut);
      a = cut;
      while (a < b && Character.isWhitespace(text.charAt(a))) {
        a++;
      }
    }
    if (a < b) {
      out.add(text.substring(a, b));
    }
  }
}
