package io.parley.processor.cli;

/**
 * Makes feed text safe for a terminal: feed text is data, so control characters (ANSI escape
 * sequences, carriage returns, bidi overrides …) are never written raw; each becomes a visible
 * {@code \\uXXXX} escape, and line breaks become spaces.
 */
public final class ConsoleText {

  private ConsoleText() {}

  public static String safe(final String s) {
    if (s == null) {
      return "";
    }
    final StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp == '\n' || cp == '\r' || cp == '\t') {
        out.append(' ');
      } else if (Character.isISOControl(cp) || isFormatting(cp)) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  /** Bidi overrides and isolates can reorder what a terminal shows. */
  private static boolean isFormatting(final int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
  }
}
