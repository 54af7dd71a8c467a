package io.parley.processor.signals;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The characters a match of a rule pattern can start with, read from the pattern itself, as a
 * lookahead that {@link #guard} puts in front of it.
 *
 * <p>Why: {@code Matcher.find} tries the pattern at every position of the sentence. A rule such as
 * {@code \b(agree(?:s|d)?|reach\w*|declar\w*|…)\b} passes its {@code \b} at every word start and
 * every word end, and there tries each of its thirty alternatives in turn; one character-class test
 * ({@code (?=[abcdeghiop…])}) rules out most of those positions at once. The lookahead matches no
 * text and the pattern is wrapped in a non-capturing group, so matches, groups and their numbers
 * are those of the pattern unwrapped.
 *
 * <p>The set is a superset, never a subset: literal characters, escapes such as {@code \w} and
 * {@code \d}, character classes copied as they are, the first elements of every alternative of a
 * group, and those after an element that may match nothing ({@code x?}, {@code (…)*}, {@code \b},
 * a lookbehind or lookahead). Whatever this reader does not know — {@code .}, inline flags,
 * back references, quoting, nested or intersected classes, a pattern that may match the empty
 * string — leaves the pattern unguarded: it then runs exactly as written.
 */
final class FirstChars {

  private FirstChars() {}

  /** {@code regex} behind a lookahead for its first characters, or {@code regex} itself when they cannot be read. */
  static String guard(final String regex) {
    return of(regex).map(first -> "(?=" + first + ")(?:" + regex + ")").orElse(regex);
  }

  /** The class of characters every match of {@code regex} starts with, e.g. {@code [ab\w]}, if it can be read. */
  static Optional<String> of(final String regex) {
    try {
      final Reader reader = new Reader(regex);
      final Set<String> first = new LinkedHashSet<>();
      final boolean nullable = reader.alternatives(first);
      if (nullable || reader.pos != regex.length() || first.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of("[" + String.join("", first) + "]");
    } catch (final Unknown e) {
      return Optional.empty();
    }
  }

  /** Thrown where the pattern holds something this reader does not handle. */
  private static final class Unknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unknown() {
      super(null, null, false, false);
    }
  }

  /** A recursive reader of the pattern's alternatives, sequences and atoms. */
  private static final class Reader {
    private final String s;
    private int pos;

    Reader(final String s) {
      this.s = s;
    }

    /**
     * Reads alternatives up to a ')' or the end, adding each one's first characters to
     * {@code first}; true when one of them may match the empty string.
     */
    boolean alternatives(final Set<String> first) {
      boolean nullable = sequence(first);
      while (pos < s.length() && s.charAt(pos) == '|') {
        pos++;
        nullable |= sequence(first);
      }
      return nullable;
    }

    /**
     * Reads one alternative; adds the first characters of its atoms up to and including the first
     * that cannot match the empty string. True when every atom may match it.
     */
    private boolean sequence(final Set<String> first) {
      boolean open = true; // every atom so far may match nothing: the next one's characters can start a match
      while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
        final Set<String> atomFirst = new LinkedHashSet<>();
        boolean atomNullable = atom(atomFirst);
        atomNullable |= quantifier();
        if (open) {
          first.addAll(atomFirst);
          open = atomNullable;
        }
      }
      return open;
    }

    /** Reads one atom; adds its first characters; true when it matches no text (zero-width). */
    private boolean atom(final Set<String> first) {
      final char c = s.charAt(pos);
      switch (c) {
        case '(' -> {
          return group(first);
        }
        case '[' -> {
          first.add(charClass());
          return false;
        }
        case '\\' -> {
          return escape(first);
        }
        case '^', '$' -> {
          pos++;
          return true;
        }
        case '.', '*', '+', '?', '{', '}', ']' -> throw new Unknown();
        default -> {
          if (Character.isSurrogate(c)) {
            throw new Unknown(); // half a code point cannot stand in a class
          }
          pos++;
          first.add(Character.isLetterOrDigit(c) || c == ' ' ? String.valueOf(c) : "\\" + c);
          return false;
        }
      }
    }

    /** A group: capturing, non-capturing, named, or a lookaround (zero-width). */
    private boolean group(final Set<String> first) {
      pos++; // '('
      boolean lookbehind = false;
      if (s.startsWith("?:", pos)) {
        pos += 2;
      } else if (s.startsWith("?<=", pos) || s.startsWith("?<!", pos)) {
        pos += 3;
        lookbehind = true;
      } else if (s.startsWith("?=", pos) || s.startsWith("?!", pos)) {
        // A lookahead matches no text: the match starts with what follows it ("call(?! for)").
        pos += 2;
        lookbehind = true;
      } else if (s.startsWith("?<", pos)) {
        final int close = s.indexOf('>', pos);
        if (close < 0) {
          throw new Unknown();
        }
        pos = close + 1;
      } else if (pos < s.length() && s.charAt(pos) == '?') {
        throw new Unknown(); // inline flags, atomic groups
      }
      final Set<String> inner = new LinkedHashSet<>();
      final boolean nullable = alternatives(inner);
      if (pos >= s.length() || s.charAt(pos) != ')') {
        throw new Unknown();
      }
      pos++;
      if (lookbehind) {
        return true; // matches no text: what follows starts the match
      }
      first.addAll(inner);
      return nullable;
    }

    /** A character class, copied as written: it goes into the union of first characters as a nested class. */
    private String charClass() {
      final int start = pos;
      pos++; // '['
      if (pos < s.length() && s.charAt(pos) == '^') {
        pos++;
      }
      if (pos < s.length() && s.charAt(pos) == ']') {
        throw new Unknown();
      }
      while (pos < s.length() && s.charAt(pos) != ']') {
        final char c = s.charAt(pos);
        if (c == '[' || c == '&') {
          throw new Unknown(); // nested classes and intersections
        }
        if (c == '\\') {
          if (pos + 1 >= s.length() || !simpleEscape(s.charAt(pos + 1))) {
            throw new Unknown();
          }
          pos++;
        }
        pos++;
      }
      if (pos >= s.length()) {
        throw new Unknown();
      }
      pos++; // ']'
      return s.substring(start, pos);
    }

    /** An escape: {@code \b \B} match no text; a class escape or an escaped punctuation character is a first character. */
    private boolean escape(final Set<String> first) {
      if (pos + 1 >= s.length()) {
        throw new Unknown();
      }
      final char e = s.charAt(pos + 1);
      pos += 2;
      if (e == 'b' || e == 'B') {
        return true;
      }
      if (!simpleEscape(e)) {
        throw new Unknown();
      }
      first.add("\\" + e);
      return false;
    }

    /** Escapes that stand for one character or a plain class, the same inside a class as outside. */
    private static boolean simpleEscape(final char e) {
      return "wWdDsS".indexOf(e) >= 0 || !Character.isLetterOrDigit(e) && e < 128;
    }

    /** Reads a quantifier after an atom, if any; true when it lets the atom match nothing ({@code ? * {0,…}}). */
    private boolean quantifier() {
      if (pos >= s.length()) {
        return false;
      }
      final char q = s.charAt(pos);
      boolean nullable;
      if (q == '?' || q == '*') {
        pos++;
        nullable = true;
      } else if (q == '+') {
        pos++;
        nullable = false;
      } else if (q == '{') {
        final int close = s.indexOf('}', pos);
        if (close < 0) {
          throw new Unknown();
        }
        final String bounds = s.substring(pos + 1, close);
        if (!bounds.matches("\\d+(,\\d*)?")) {
          throw new Unknown();
        }
        nullable = Integer.parseInt(bounds.split(",")[0]) == 0;
        pos = close + 1;
      } else {
        return false;
      }
      if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
        pos++; // lazy or possessive
      }
      return nullable;
    }
  }
}
