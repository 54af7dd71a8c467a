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

  // Compiled once: String.split("\\R") and String.matches compile their pattern on every call.
  private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\R");

  private Sentences() {}

  /** The sentences of {@code text}, stripped, in order; never empty strings. */
  public static List<String> split(final String text) {
    final List<String> sentences = new ArrayList<>();
    for (final String line : LINE_BREAK.split(text)) {
      splitLine(line, sentences);
    }
    return sentences;
  }

  private static void splitLine(final String line, final List<String> out) {
    final int n = line.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      final char c = line.charAt(i);
      if (c != '.' && c != '!' && c != '?') {
        continue;
      }
      int end = i + 1;
      // Closing quotes and brackets belong to the sentence they close.
      while (end < n && isCloser(line.charAt(end))) {
        end++;
      }
      if (end < n && !Character.isWhitespace(line.charAt(end))) {
        continue; // "3.5", "U.S.-Russia", "example.org"
      }
      int next = end;
      while (next < n && Character.isWhitespace(line.charAt(next))) {
        next++;
      }
      if (next < n && !startsSentence(line.charAt(next))) {
        continue; // "… said in St. petersburg" style lower-case continuation
      }
      if (c == '.' && isAbbreviation(line, i)) {
        continue;
      }
      add(out, line.substring(start, end));
      start = next;
      i = next - 1;
    }
    if (start < n) {
      add(out, line.substring(start));
    }
  }

  private static boolean isCloser(final char c) {
    return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']';
  }

  private static boolean startsSentence(final char c) {
    return Character.isUpperCase(c) || Character.isDigit(c) || c == '"' || c == '“' || c == '‘'
        || c == '\'' || c == '(' || c == '[' || c == '-' || c == '—';
  }

  /** Whether the period at {@code dot} ends an abbreviation, initial or dotted acronym. */
  private static boolean isAbbreviation(final String line, final int dot) {
    int wordStart = dot;
    while (wordStart > 0 && (Character.isLetter(line.charAt(wordStart - 1)) || line.charAt(wordStart - 1) == '.')) {
      wordStart--;
    }
    final String word = line.substring(wordStart, dot);
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

  private static void add(final List<String> out, final String sentence) {
    final String s = sentence.strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
