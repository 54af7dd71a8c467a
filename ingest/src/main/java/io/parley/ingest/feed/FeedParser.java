package io.parley.ingest.feed;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.parley.schemas.FeedIds;
import io.parley.schemas.RawItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the bytes of one RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 document into {@link RawItem}s. Pure: no
 * I/O, no clock (the fetch time is a parameter).
 *
 * <p>Safety policy, set here on purpose: ROME's default refusal of any DOCTYPE is kept, so no
 * external DTD or entity is ever fetched and no entity-expansion bomb is expanded; a feed that
 * declares a DOCTYPE is refused with a clear reason rather than parsed half-way.
 *
 * <p>Item identity: the RSS guid or Atom id; without one, the link; without either, a hash of
 * title and summary. Dates: published, else updated; a missing or absurd date (before 1995 or more
 * than two days after the fetch) is left empty and flagged, never silently replaced here.
 */
public final class FeedParser {

  /** Earliest plausible publication time of a news item. */
  static final Instant EARLIEST = Instant.parse("1995-01-01T00:00:00Z");
  /** Tolerance for clocks and time zones of publishers that date items in the future. */
  static final Duration FUTURE_TOLERANCE = Duration.ofDays(2);

  /**
   * Parses one document.
   *
   * @param body the document bytes as received (after transfer decoding)
   * @param contentType the HTTP Content-Type header, or null; its charset wins over BOM and XML
   *     declaration
   * @param feedId id of the feed
   * @param feedUrl URL the document came from
   * @param fetchedAt when it was fetched
   * @throws FeedParseException when the document is not a readable feed
   */
  public ParsedFeed parse(final byte[] body, final String contentType, final String feedId,
      final String feedUrl, final Instant fetchedAt) throws FeedParseException {
    final SyndFeed feed;
    try {
      final SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      input.setPreserveWireFeed(true);
      feed = input.build(reader(body, contentType));
    } catch (final FeedException | IOException | RuntimeException e) {
      throw new FeedParseException(reason(e), e);
    }
    final List<RawItem> items = new ArrayList<>();
    for (final SyndEntry entry : feed.getEntries()) {
      items.add(toRawItem(entry, feed, feedId, feedUrl, fetchedAt));
    }
    Integer ttl = null;
    List<Integer> skipHours = List.of();
    if (feed.originalWireFeed() instanceof Channel channel) {
      ttl = channel.getTtl() > 0 ? channel.getTtl() : null;
      skipHours = channel.getSkipHours() == null ? List.of()
          : channel.getSkipHours().stream().filter(h -> h != null && h >= 0 && h <= 23).toList();
    }
    return new ParsedFeed(clean(feed.getTitle()), feed.getFeedType(), items, ttl, skipHours,
        link(feed, "hub"), link(feed, "self"));
  }

  private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

  /**
   * The first link of relation {@code rel} the document declares: Atom's own {@code link}
   * elements, or {@code atom:link} elements in an RSS channel (ROME keeps those as foreign markup).
   */
  static String link(final SyndFeed feed, final String rel) {
    for (final SyndLink link : feed.getLinks()) {
      if (rel.equals(link.getRel()) && link.getHref() != null && !link.getHref().isBlank()) {
        return link.getHref().strip();
      }
    }
    final List<org.jdom2.Element> markup = feed.getForeignMarkup();
    if (markup != null) {
      for (final org.jdom2.Element e : markup) {
        if (e.getName().equals("link") && ATOM_NS.equals(e.getNamespaceURI())
            && rel.equals(e.getAttributeValue("rel")) && e.getAttributeValue("href") != null
            && !e.getAttributeValue("href").isBlank()) {
          return e.getAttributeValue("href").strip();
        }
      }
    }
    return null;
  }

  /**
   * The charset comes from the HTTP header when it names one this JVM knows, else from the BOM,
   * else from the XML declaration (ROME's {@link XmlReader} handles the latter two).
   */
  private static Reader reader(final byte[] body, final String contentType) throws IOException {
    final Optional<Charset> declared = charsetOf(contentType);
    if (declared.isPresent()) {
      final int bom = bomLength(body);
      return new InputStreamReader(new ByteArrayInputStream(body, bom, body.length - bom), declared.get());
    }
    return new XmlReader(new ByteArrayInputStream(body), contentType, true);
  }

  static Optional<Charset> charsetOf(final String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    for (final String param : contentType.split(";")) {
      final String[] kv = param.strip().split("=", 2);
      if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")) {
        final String name = kv[1].strip().replace("\"", "").replace("'", "");
        try {
          return Optional.of(Charset.forName(name));
        } catch (final IllegalArgumentException unknown) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static int bomLength(final byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return 3;
    }
    if (b.length >= 2 && (((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) || ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE))) {
      return 2;
    }
    return 0;
  }

  private static RawItem toRawItem(final SyndEntry entry, final SyndFeed feed, final String feedId,
      final String feedUrl, final Instant fetchedAt) {
    final List<String> flags = new ArrayList<>();
    final String guid = clean(publishedId(entry, feed.getFeedType()));
    final String link = httpLink(clean(entry.getLink()), feedUrl);
    final String title = clean(titleOf(entry));
    final String summary = entry.getDescription() == null ? null : clean(entry.getDescription().getValue());
    final String content = entry.getContents().stream()
        .map(SyndContent::getValue).filter(Objects::nonNull)
        .collect(Collectors.collectingAndThen(Collectors.joining("\n"), s -> s.isBlank() ? null : s));

    final String identity;
    if (guid != null) {
      identity = guid;
    } else if (link != null) {
      identity = link;
      flags.add("GUID_FROM_LINK");
    } else {
      identity = "hash:" + Objects.toString(title, "") + "\n" + Objects.toString(summary, "")
          + "\n" + Objects.toString(content, "");
      flags.add("GUID_FROM_HASH");
    }

    final Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    Instant published = date == null ? null : date.toInstant();
    if (published == null) {
      flags.add("DATE_MISSING");
    } else if (published.isBefore(EARLIEST) || published.isAfter(fetchedAt.plus(FUTURE_TOLERANCE))) {
      flags.add("DATE_ABSURD");
      published = null;
    }

    return RawItem.newBuilder()
        .setItemKey(FeedIds.itemKey(feedId, identity))
        .setFeedId(feedId)
        .setFeedUrl(feedUrl)
        .setFeedTitle(clean(feed.getTitle()))
        .setGuid(guid)
        .setLink(link)
        .setTitle(title)
        .setSummary(summary)
        .setContent(content)
        .setAuthor(clean(entry.getAuthor()))
        .setCategories(entry.getCategories().stream().map(SyndCategory::getName)
            .filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList()))
        .setLanguage(clean(feed.getLanguage()))
        .setPublished(published)
        .setFetchedAt(fetchedAt)
        .setFlags(flags)
        .build();
  }

  /**
   * The title as text or HTML: Atom 0.3's base64 mode decoded, and the {@code <div>} that wraps
   * an XHTML title unwrapped.
   */
  static String titleOf(final SyndEntry entry) {
    final SyndContent title = entry.getTitleEx();
    if (title == null || title.getValue() == null) {
      return entry.getTitle();
    }
    String value = title.getValue();
    if ("base64".equalsIgnoreCase(title.getMode())) {
      try {
        value = new String(Base64.getMimeDecoder().decode(value.strip()), StandardCharsets.UTF_8);
      } catch (final IllegalArgumentException notBase64) {
        return value;
      }
    }
    final Matcher div = XHTML_DIV.matcher(value);
    return div.matches() ? div.group(1) : value;
  }

  private static final Pattern XHTML_DIV =
      Pattern.compile("(?s)\\s*<div\\s+xmlns=\"http://www\\.w3\\.org/1999/xhtml\"\\s*>(.*)</div>\\s*");

  /** The identifier as the publisher wrote it: RSS guid, Atom id, RSS 1.0 rdf:about. */
  private static String publishedId(final SyndEntry entry, final String feedType) {
    final Object wire = entry.getWireEntry();
    if (wire instanceof Item item) {
      if (item.getGuid() != null) {
        return item.getGuid().getValue();
      }
      // RSS 0.90/1.0 identify items by rdf:about; ROME fills the uri from the link otherwise.
      return feedType != null && (feedType.equals("rss_1.0") || feedType.equals("rss_0.9")) ? item.getUri() : null;
    }
    if (wire instanceof Entry atom) {
      return atom.getId();
    }
    return entry.getUri();
  }

  /**
   * The item's link as an absolute http(s) URL — a relative one resolved against the feed's URL —
   * or null: a {@code javascript:} or {@code data:} link never leaves the parser.
   */
  static String httpLink(final String link, final String feedUrl) {
    if (link == null) {
      return null;
    }
    try {
      URI uri = new URI(link);
      if (!uri.isAbsolute() && feedUrl != null) {
        uri = new URI(feedUrl).resolve(uri);
      }
      final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
    } catch (final URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String clean(final String s) {
    if (s == null) {
      return null;
    }
    final String stripped = s.strip();
    return stripped.isEmpty() ? null : stripped;
  }

  private static String reason(final Throwable e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (msg.contains("DOCTYPE") || msg.contains("doctype")) {
      return "refused: the document declares a DOCTYPE (external entities and DTDs are never loaded)";
    }
    msg = msg.lines().findFirst().orElse(msg);
    if (msg.length() > 200) {
      msg = msg.substring(0, 200) + "…";
    }
    return "not a readable RSS/Atom feed: " + msg;
  }
}
