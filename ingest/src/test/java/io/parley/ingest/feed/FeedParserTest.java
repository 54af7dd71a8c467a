package io.parley.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.schemas.RawItem;
import io.parley.testing.FeedFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

  private static final Instant NOW = Instant.parse("2025-04-12T00:00:00Z");
  private final FeedParser parser = new FeedParser();

  /** Parses fixture {@code name}, a file beside this test, as an RSS document. */
  private ParsedFeed parse(final String name) throws FeedParseException {
    return parser.parse(FeedFixtures.bytes(FeedParserTest.class, name), "application/rss+xml", "f", "https://x.test/rss", NOW);
  }

  @Test
  void rssItemKeepsGuidLinkDateAndHtmlSummary() throws Exception {
    final ParsedFeed feed = parse("rss-guid-link-date-html-summary.xml");

    assertThat(feed.title()).isEqualTo("Wire A");
    assertThat(feed.format()).isEqualTo("rss_2.0");
    final RawItem item = feed.items().get(0);
    assertThat(item.getGuid()).isEqualTo("urn:wire-a:1");
    assertThat(item.getLink()).isEqualTo("https://x.test/a");
    assertThat(item.getSummary()).isEqualTo("<p>Talks &amp; dinner</p>");
    assertThat(item.getPublished()).isEqualTo(Instant.parse("2025-04-11T14:00:00Z"));
    assertThat(item.getFeedTitle()).isEqualTo("Wire A");
    assertThat(item.getFlags()).isEmpty();
    assertThat(item.getItemKey()).startsWith("f:").hasSize(2 + 16);
  }

  @Test
  void onlyHttpLinksLeaveTheParserAndRelativeOnesAreResolved() throws Exception {
    final ParsedFeed feed = parse("script-data-and-relative-links.xml");
    assertThat(feed.items()).extracting(RawItem::getLink)
        .containsExactly(null, null, "https://x.test/world/c", "HTTPS://x.test/d");
  }

  @Test
  void itemWithoutGuidFallsBackToLinkThenToContentHash() throws Exception {
    final ParsedFeed feed = parse("no-guid.xml");

    assertThat(feed.items().get(0).getGuid()).isNull();
    assertThat(feed.items().get(0).getFlags()).contains("GUID_FROM_LINK", "DATE_MISSING");
    assertThat(feed.items().get(1).getFlags()).contains("GUID_FROM_HASH");
    assertThat(feed.items().get(0).getItemKey()).isNotEqualTo(feed.items().get(1).getItemKey());
    // The same identity always gives the same key: the basis of dedup across polls.
    assertThat(parse("no-guid-edited.xml")
        .items().get(0).getItemKey()).isEqualTo(feed.items().get(0).getItemKey());
  }

  @Test
  void atomEntryUsesItsIdAndUpdatedDate() throws Exception {
    final ParsedFeed feed = parse("atom-id-updated.xml");

    assertThat(feed.format()).isEqualTo("atom_1.0");
    assertThat(feed.items().get(0).getGuid()).isEqualTo("tag:x.test,2025:7");
    assertThat(feed.items().get(0).getLink()).isEqualTo("https://x.test/7");
    assertThat(feed.items().get(0).getPublished()).isEqualTo(Instant.parse("2025-04-11T10:00:00Z"));
  }

  @Test
  void absurdDatesAreFlaggedNotKept() throws Exception {
    final ParsedFeed feed = parse("absurd-dates.xml");

    assertThat(feed.items()).allSatisfy(i -> {
      assertThat(i.getPublished()).isNull();
      assertThat(i.getFlags()).contains("DATE_ABSURD");
    });
  }

  @Test
  void doctypeIsRefusedWithAClearReason() {
    assertThatThrownBy(() -> parse("doctype-external-entity.xml"))
        .isInstanceOf(FeedParseException.class)
        .hasMessageStartingWith("refused: the document declares a DOCTYPE");
  }

  @Test
  void htmlPageIsNotAFeed() {
    assertThatThrownBy(() -> parser.parse(FeedFixtures.bytes(FeedParserTest.class, "not-found-page.html"),
        "text/html", "f", "https://x.test/", NOW))
        .isInstanceOf(FeedParseException.class)
        .hasMessageStartingWith("not a readable RSS/Atom feed:");
  }

  @Test
  void charsetFromTheHttpHeaderWinsOverTheXmlDeclaration() throws Exception {
    final ParsedFeed feed = parser.parse(FeedFixtures.bytes(FeedParserTest.class, "latin1-under-utf8-declaration.xml"),
        "application/xml; charset=ISO-8859-1", "f", "https://x.test/", NOW);

    assertThat(feed.items().get(0).getTitle()).isEqualTo("Zürich talks");
  }

  @Test
  void atomBase64AndXhtmlTitlesAreDecoded() throws Exception {
    final ParsedFeed base64 = parse("atom03-base64-title.xml");
    assertThat(base64.items().get(0).getTitle()).isEqualTo("<p>Entry Title</p>");
    final ParsedFeed xhtml = parse("atom-xhtml-title.xml");
    assertThat(xhtml.items().get(0).getTitle()).isEqualTo("<p>Entry Title</p>");
  }

  @Test
  void aDocumentAdvertisesItsWebSubHubAndTopic() throws Exception {
    final String rss = "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>W</title>"
        + "<atom:link rel=\"hub\" href=\"https://hub.example/\"/><atom:link rel=\"self\" href=\"https://x.test/rss\"/>"
        + "<item><title>a</title><guid>1</guid></item></channel></rss>";
    final ParsedFeed fromRss = parser.parse(rss.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/rss+xml", "f",
        "https://x.test/rss", NOW);
    assertThat(fromRss.hub()).isEqualTo("https://hub.example/");
    assertThat(fromRss.self()).isEqualTo("https://x.test/rss");
    final String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>W</title><id>urn:w</id><updated>2025-04-11T00:00:00Z</updated>"
        + "<link rel=\"hub\" href=\"https://hub.example/a\"/><link rel=\"self\" href=\"https://x.test/atom\"/>"
        + "<entry><id>urn:1</id><title>a</title><updated>2025-04-11T00:00:00Z</updated></entry></feed>";
    final ParsedFeed fromAtom = parser.parse(atom.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/atom+xml", "f",
        "https://x.test/atom", NOW);
    assertThat(fromAtom.hub()).isEqualTo("https://hub.example/a");
    assertThat(fromAtom.self()).isEqualTo("https://x.test/atom");
    assertThat(parse("rss-guid-link-date-html-summary.xml").hub()).isNull();
  }
}
