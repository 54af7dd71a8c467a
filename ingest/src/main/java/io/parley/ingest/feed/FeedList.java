package io.parley.ingest.feed;

import io.parley.schemas.FeedIds;
import io.parley.schemas.FeedConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a feed list: an OPML document (outlines with {@code xmlUrl}) or a text file with one URL a
 * line, optionally followed by a name ({@code https://… Reuters World}); {@code #} starts a comment.
 * Every URL is checked (http/https only) and duplicates are dropped.
 */
public final class FeedList {

  private FeedList() {}

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file and line of the first bad entry
   * @throws IOException when the file cannot be read
   */
  public static List<FeedConfig> read(final Path file, final int intervalSeconds, final Instant now)
      throws IOException {
    return parse(Files.readAllBytes(file), file.toString(), intervalSeconds, now);
  }

  /**
   * Parses a feed list held in memory; {@code where} names it in error messages.
   *
   * @throws IllegalArgumentException naming the list and line of the first bad entry
   */
  public static List<FeedConfig> parse(final byte[] bytes, final String where, final int intervalSeconds,
      final Instant now) {
    final String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8).stripLeading();
    final Map<String, FeedConfig> feeds = new LinkedHashMap<>();
    if (head.startsWith("<")) {
      for (final String[] entry : opmlEntries(where, bytes)) {
        add(feeds, where + " (OPML)", entry[0], entry[1], intervalSeconds, now);
      }
    } else {
      int lineNo = 0;
      for (final String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
        lineNo++;
        final String content = line.strip();
        if (content.isEmpty() || content.startsWith("#")) {
          continue;
        }
        final String[] parts = content.split("\\s+", 2);
        add(feeds, where + ":" + lineNo, parts[0], parts.length > 1 ? parts[1] : null, intervalSeconds, now);
      }
    }
    return new ArrayList<>(feeds.values());
  }

  /** A feed config for one URL, validated. */
  public static FeedConfig feed(final String url, final String name, final int intervalSeconds, final Instant now) {
    FeedIds.requireHttpUrl(url);
    return FeedConfig.newBuilder()
        .setFeedId(FeedIds.feedIdFor(url))
        .setUrl(url.strip())
        .setName(name)
        .setIntervalSeconds(intervalSeconds)
        .setAddedAt(now)
        .build();
  }

  private static void add(final Map<String, FeedConfig> feeds, final String where, final String url,
      final String name, final int intervalSeconds, final Instant now) {
    final FeedConfig feed;
    try {
      feed = feed(url, name, intervalSeconds, now);
    } catch (final IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    feeds.putIfAbsent(feed.getFeedId(), feed);
  }

  private static List<String[]> opmlEntries(final String where, final byte[] bytes) {
    try {
      final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // OPML never needs a DTD: refuse DOCTYPEs so no external entity is ever resolved.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      final DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      final NodeList outlines = builder.parse(new ByteArrayInputStream(bytes)).getElementsByTagName("outline");
      final List<String[]> entries = new ArrayList<>();
      for (int i = 0; i < outlines.getLength(); i++) {
        final Element outline = (Element) outlines.item(i);
        final String url = outline.getAttribute("xmlUrl");
        if (!url.isBlank()) {
          final String title = outline.getAttribute("title").isBlank()
              ? outline.getAttribute("text") : outline.getAttribute("title");
          entries.add(new String[] {url, title.isBlank() ? null : title});
        }
      }
      return entries;
    } catch (final ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException(where + ": not a readable OPML document: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }
  }
}
