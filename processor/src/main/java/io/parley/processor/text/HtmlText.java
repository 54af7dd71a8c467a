package io.parley.processor.text;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Feed HTML to clean plain text with jsoup: entities decoded, scripts and styles dropped, block
 * elements ({@code p}, {@code br}, {@code li}, headings …) become line breaks so that sentence
 * splitting sees paragraph ends, runs of spaces collapse.
 */
public final class HtmlText {

  private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "ul", "ol", "h1", "h2",
      "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "header", "footer",
      "figure", "figcaption", "pre", "table", "dd", "dt", "hr");


  /** Parsed once: {@code select(String)} parses its query on every call. */
  private static final org.jsoup.select.Evaluator DROPPED =
      org.jsoup.select.QueryParser.parse("script, style, noscript, iframe, object, embed, form, template");

  private HtmlText() {}

  /** Plain text of an HTML fragment (plain text passes through with its entities decoded). */
  public static String toText(final String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
      return normalizeSpace(html); // no markup and no entities: nothing for a parser to do
    }
    final Document doc = Jsoup.parseBodyFragment(html);
    doc.select(DROPPED).remove();
    final StringBuilder out = new StringBuilder(html.length());
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(final Node node, final int depth) {
        if (node instanceof TextNode text) {
          out.append(text.getWholeText());
        } else if (node instanceof Element el && BLOCKS.contains(el.normalName())) {
          out.append('\n');
        }
      }

      @Override
      public void tail(final Node node, final int depth) {
        if (node instanceof Element el && BLOCKS.contains(el.normalName()) && !el.normalName().equals("br")) {
          out.append('\n');
        }
      }
    }, doc.body());
    return normalizeSpace(out.toString());
  }

  /**
   * Collapses horizontal whitespace, trims lines and drops empty ones: one paragraph a line. A line
   * ends at any {@code \R} line terminator; runs of spaces, tabs and no-break spaces become one
   * space; each line is then stripped of whitespace at both ends. One scan: on every article, the
   * regular expressions this replaces cost more than jsoup itself.
   */
  public static String normalizeSpace(final String text) {
    final StringBuilder out = new StringBuilder(text.length());
    final StringBuilder line = new StringBuilder(Math.min(text.length(), 1024));
    boolean inSpace = false;
    for (int i = 0; i <= text.length(); i++) {
      final char c = i < text.length() ? text.charAt(i) : '\n';
      if (isLineBreak(c)) {
        appendLine(out, line); // "\r\n" leaves an empty line between its two, which is dropped
        line.setLength(0);
        inSpace = false;
      } else if (c == ' ' || c == '\t' || c == '\u00A0') {
        if (!inSpace) {
          line.append(' ');
          inSpace = true;
        }
      } else {
        line.append(c);
        inSpace = false;
      }
    }
    return out.toString();
  }

  /** The single-character line terminators of {@code \R}. */
  private static boolean isLineBreak(final char c) {
    return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  private static void appendLine(final StringBuilder out, final StringBuilder line) {
    final String stripped = line.toString().strip();
    if (stripped.isEmpty()) {
      return;
    }
    if (out.length() > 0) {
      out.append('\n');
    }
    out.append(stripped);
  }
}
