package io.parley.processor.text;

import java.util.Set;
import java.util.regex.Pattern;
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

  private static final Pattern LINE_BREAK = Pattern.compile("\\R");
  private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\t\\x0B\\f ]+");

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
    doc.select("script, style, noscript, iframe, object, embed, form, template").remove();
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

  /** Collapses horizontal whitespace, trims lines and drops empty ones: one paragraph a line. */
  public static String normalizeSpace(final String text) {
    final StringBuilder out = new StringBuilder(text.length());
    for (final String raw : LINE_BREAK.split(text)) {
      final String line = HORIZONTAL_SPACE.matcher(raw.replace('\u00A0', ' ')).replaceAll(" ").strip();
      if (line.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line);
    }
    return out.toString();
  }
}
