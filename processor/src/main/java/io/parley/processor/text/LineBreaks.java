package io.parley.processor.text;

/** The single-character line terminators of {@code \R}, for the scans that cut text into lines. */
final class LineBreaks {

  private LineBreaks() {}

  /** Whether {@code c} ends a line ({@code \R} matches it, or "\r\n" as two of them). */
  static boolean is(final char c) {
    return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
