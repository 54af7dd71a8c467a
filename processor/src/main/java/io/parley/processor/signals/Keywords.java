package io.parley.processor.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A cheap necessary condition for a rule pattern: literals one of which every match must contain,
 * read from the pattern itself. Most sentences carry no trigger and most cues are absent from a
 * sentence, and a substring search over the lower-cased text rules them out at a fraction of the
 * cost of running a case-insensitive alternation at every word boundary.
 *
 * <p>Each top-level alternative contributes its longest run of mandatory literal characters
 * ("cease-?fires?" → "cease", "\\b(\\d+|a) days? ago" → "ago"), or the literals of a mandatory
 * group when it has no run of three characters ("(?:swap|exchange) of" → "swap", "exchange").
 * When an alternative has neither ("\\w+"), there are no keywords and the pattern always runs: the
 * filter may let a sentence through needlessly, never hold one back.
 */
final class Keywords {

  private Keywords() {}

  /** The lower-case literals one of which starts every match of {@code regex}, if they can be read. */
  static Optional<List<String>> of(final String regex) {
    final String body = regex;
    final List<String> words = new ArrayList<>();
    return alternatives(body, words) ? Optional.of(List.copyOf(minimal(words))) : Optional.empty();
  }

  /**
   * {@code words} without repeats and without any word that contains another ("hosted" with
   * "host", "in the past" with "the past"): the test is whether one of them occurs, and it runs on
   * every sentence, so each redundant word was a wasted search. Order is otherwise kept.
   */
  static List<String> minimal(final List<String> words) {
    final List<String> kept = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      final String w = words.get(i);
      boolean redundant = false;
      for (int j = 0; j < words.size() && !redundant; j++) {
        final String other = words.get(j);
        // A longer word holding another is redundant; of two equal words the first is kept.
        redundant = j != i && w.contains(other) && (other.length() < w.length() || j < i);
      }
      if (!redundant) {
        kept.add(w);
      }
    }
    return kept;
  }

  /** Adds a literal every match of each top-level alternative of {@code body} holds; false when one has none. */
  private static boolean alternatives(final String body, final List<String> words) {
    for (final String alternative : split(body)) {
      if (!alternative(alternative, words)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The longest run of literal characters outside any group, class, escape or optional character
   * is in every match of {@code alternative}; failing one of at least three characters, the first
   * mandatory group whose alternatives all have literals will do.
   */
  private static boolean alternative(final String alternative, final List<String> words) {
    String longest = "";
    final StringBuilder run = new StringBuilder();
    List<String> leadingGroup = null;
    int i = 0;
    while (i < alternative.length()) {
      final char c = alternative.charAt(i);
      if (c == '(' || c == '[' || c == '\\' || !isLiteral(c)) {
        longest = longer(longest, run);
        run.setLength(0);
        final int end = c == '(' ? closing(alternative, i) : c == '[' ? alternative.indexOf(']', i + 1)
            : c == '\\' ? i + 1 : i;
        if (end < 0) {
          return false;
        }
        final boolean optional = optionalAt(alternative, end + 1);
        if (c == '(' && leadingGroup == null && !optional) {
          final String inner = alternative.substring(alternative.startsWith("(?:", i) ? i + 3 : i + 1, end);
          final List<String> groupWords = new ArrayList<>();
          if (!inner.startsWith("?") && alternatives(inner, groupWords)) {
            leadingGroup = groupWords;
          }
        }
        i = skipQuantifier(alternative, end + 1);
        continue;
      }
      if (optionalAt(alternative, i + 1)) {
        longest = longer(longest, run); // this character may be absent
        run.setLength(0);
        i = skipQuantifier(alternative, i + 1);
        continue;
      }
      run.append(c);
      if (i + 1 < alternative.length() && alternative.charAt(i + 1) == '+') {
        longest = longer(longest, run);
        run.setLength(0);
        i += 2;
        continue;
      }
      i++;
    }
    longest = longer(longest, run).strip();
    if (longest.length() < 3 && leadingGroup != null) {
      words.addAll(leadingGroup);
      return true;
    }
    if (longest.isEmpty()) {
      return false;
    }
    words.add(longest.toLowerCase(Locale.ROOT));
    return true;
  }

  private static boolean isLiteral(final char c) {
    return Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '\'';
  }

  private static boolean optionalAt(final String s, final int i) {
    if (i >= s.length()) {
      return false;
    }
    final char q = s.charAt(i);
    return q == '?' || q == '*' || q == '{' && s.startsWith("{0", i);
  }

  /** The index after any quantifier at {@code i} ({@code ? * + {m,n}} and a lazy or possessive mark). */
  private static int skipQuantifier(final String s, final int i) {
    int j = i;
    if (j < s.length() && s.charAt(j) == '{') {
      final int close = s.indexOf('}', j);
      j = close < 0 ? s.length() : close + 1;
    } else if (j < s.length() && (s.charAt(j) == '?' || s.charAt(j) == '*' || s.charAt(j) == '+')) {
      j++;
    }
    if (j > i && j < s.length() && (s.charAt(j) == '?' || s.charAt(j) == '+')) {
      j++;
    }
    return j;
  }

  private static String longer(final String longest, final CharSequence run) {
    return run.length() > longest.length() ? run.toString() : longest;
  }

  /** Splits at the top-level '|' of {@code body}. */
  private static List<String> split(final String body) {
    final List<String> parts = new ArrayList<>();
    final int[] start = {0};
    walk(body, 0, (i, c, depth) -> {
      if (c == '|' && depth == 0) {
        parts.add(body.substring(start[0], i));
        start[0] = i + 1;
      }
      return false;
    });
    parts.add(body.substring(start[0]));
    return parts;
  }

  /** Index of the ')' closing the '(' at {@code open}, or -1. */
  private static int closing(final String s, final int open) {
    return walk(s, open, (i, c, depth) -> c == ')' && depth == 0);
  }

  /** Told of each '(', ')' and '|' that is an operator; true stops the walk there. */
  private interface Operator {
    boolean stop(int index, char c, int depth);
  }

  /**
   * Walks {@code s} from {@code from}, skipping escapes and character classes, and hands each
   * operator to {@code operator} with the nesting depth outside it (for ')' the depth after it
   * closes). Returns the index where the operator stopped the walk, or -1.
   */
  private static int walk(final String s, final int from, final Operator operator) {
    int depth = 0;
    boolean inClass = false;
    for (int i = from; i < s.length(); i++) {
      final char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(' || c == ')' || c == '|') {
        final int outside = c == '(' ? depth++ : c == ')' ? --depth : depth;
        if (operator.stop(i, c, outside)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Whether {@code lower} (lower-cased text) contains one of {@code words}. */
  static boolean anyIn(final List<String> words, final String lower) {
    for (final String w : words) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
