package io.parley.processor.text;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

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
  private static final Evaluator DROPPED =
      QueryParser.parse("script, style, noscript, iframe, object, embed, form, template");

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
    return normalizeSpace(out); // read from the builder: its string would be one more copy of the text
  }

  /**
   * Collapses horizontal whitespace, trims lines and drops empty ones: one paragraph a line. A line
   * ends at any {@code \R} line terminator; runs of spaces, tabs and no-break spaces become one
   * space; each line is then stripped of whitespace at both ends. One scan straight into the
   * output: on every article, the regular expressions this replaces cost more than jsoup itself,
   * and a builder a line with its string and stripped copy cost a fifth of the rest.
   */
  public static String normalizeSpace(final CharSequence text) {
    final StringBuilder out = new StringBuilder(text.length());
    final int n = text.length();
    int i = 0;
    while (i <= n) {
      // One line: [i, end). "\r\n" leaves an empty line between its two, which is dropped.
      int end = i;
      while (end < n && !LineBreaks.is(text.charAt(end))) {
        end++;
      }
      int from = i;
      while (from < end && isSpace(text.charAt(from))) {
        from++; // what strip() takes off the start, no-break spaces (turned to spaces) included
      }
      if (from < end) {
        final int mark = out.length();
        if (mark > 0) {
          out.append('\n');
        }
        final int content = out.length();
        boolean inSpace = false;
        for (int k = from; k < end; k++) {
          final char c = text.charAt(k);
          if (c == ' ' || c == '\t' || c == '\u00A0') {
            if (!inSpace) {
              out.append(' ');
              inSpace = true;
            }
          } else {
            out.append(c);
            inSpace = false;
          }
        }
        int last = out.length();
        while (last > content && Character.isWhitespace(out.charAt(last - 1))) {
          last--; // what strip() takes off the end
        }
        out.setLength(last > content ? last : mark);
      }
      i = end + 1;
    }
    return out.toString();
  }

  /** Whitespace to {@link String#strip}, or a no-break space, which becomes a space before the strip. */
  private static boolean isSpace(final char c) {
    return c == '\u00A0' || Character.isWhitespace(c);
  }
}
