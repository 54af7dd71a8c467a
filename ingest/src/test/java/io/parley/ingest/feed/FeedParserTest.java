package io.parley.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.schemas.RawItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

  private static final Instant NOW = Instant.parse("2025-04-12T00:00:00Z");
  private final FeedParser parser = new FeedParser();

  private ParsedFeed parse(final String xml) throws FeedParseException {
    return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml", "f", "https://x.test/rss", NOW);
  }

  @Test
  void rssItemKeepsGuidLinkDateAndHtmlSummary() throws Exception {
    final ParsedFeed feed = parse("""
        <rss version="2.0"><channel><title>Wire A</title>
        <item><title>Envoy meets president</title><link>https://x.test/a</link>
        <guid isPermaLink="false">urn:wire-a:1</guid>
        <description>&lt;p&gt;Talks &amp;amp; dinner&lt;/p&gt;</description>
        <pubDate>Fri, 11 Apr 2025 14:00:00 GMT</pubDate></item></channel></rss>""");

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
    final ParsedFeed feed = parse("""
        <rss version="2.0"><channel><title>t</title>
        <item><title>A</title><guid>a</guid><link>javascript:alert(document.cookie)</link></item>
        <item><title>B</title><guid>b</guid><link>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</link></item>
        <item><title>C</title><guid>c</guid><link>/world/c</link></item>
        <item><title>D</title><guid>d</guid><link>HTTPS://x.test/d</link></item>
        </channel></rss>""");
    assertThat(feed.items()).extracting(RawItem::getLink)
        .containsExactly(null, null, "https://x.test/world/c", "HTTPS://x.test/d");
  }

  @Test
  void itemWithoutGuidFallsBackToLinkThenToContentHash() throws Exception {
    final ParsedFeed feed = parse("""
        <rss version="2.0"><channel><title>t</title>
        <item><title>One</title><link>https://x.test/1</link></item>
        <item><title>Two</title><description>no link at all</description></item>
        </channel></rss>""");

    assertThat(feed.items().get(0).getGuid()).isNull();
    assertThat(feed.items().get(0).getFlags()).contains("GUID_FROM_LINK", "DATE_MISSING");
    assertThat(feed.items().get(1).getFlags()).contains("GUID_FROM_HASH");
    assertThat(feed.items().get(0).getItemKey()).isNotEqualTo(feed.items().get(1).getItemKey());
    // The same identity always gives the same key: the basis of dedup across polls.
    assertThat(parse("""
        <rss version="2.0"><channel><title>t</title>
        <item><title>One, edited</title><link>https://x.test/1</link></item></channel></rss>""")
        .items().get(0).getItemKey()).isEqualTo(feed.items().get(0).getItemKey());
  }

  @Test
  void atomEntryUsesItsIdAndUpdatedDate() throws Exception {
    final ParsedFeed feed = parse("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:f</id>
        <updated>2025-04-11T10:00:00Z</updated>
        <entry><title>Truce agreed</title><id>tag:x.test,2025:7</id><link href="https://x.test/7"/>
        <updated>2025-04-11T10:00:00Z</updated><summary>Both sides agreed.</summary></entry></feed>""");

    assertThat(feed.format()).isEqualTo("atom_1.0");
    assertThat(feed.items().get(0).getGuid()).isEqualTo("tag:x.test,2025:7");
    assertThat(feed.items().get(0).getLink()).isEqualTo("https://x.test/7");
    assertThat(feed.items().get(0).getPublished()).isEqualTo(Instant.parse("2025-04-11T10:00:00Z"));
  }

  @Test
  void absurdDatesAreFlaggedNotKept() throws Exception {
    final ParsedFeed feed = parse("""
        <rss version="2.0"><channel><title>t</title>
        <item><title>Old</title><link>https://x.test/1</link><pubDate>Mon, 01 Jan 1900 00:00:00 GMT</pubDate></item>
        <item><title>Future</title><link>https://x.test/2</link><pubDate>Tue, 01 Jan 2999 00:00:00 GMT</pubDate></item>
        </channel></rss>""");

    assertThat(feed.items()).allSatisfy(i -> {
      assertThat(i.getPublished()).isNull();
      assertThat(i.getFlags()).contains("DATE_ABSURD");
    });
  }

  @Test
  void doctypeIsRefusedWithAClearReason() {
    assertThatThrownBy(() -> parse("""
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><title>&x;</title></channel></rss>"""))
        .isInstanceOf(FeedParseException.class)
        .hasMessageStartingWith("refused: the document declares a DOCTYPE");
  }

  @Test
  void htmlPageIsNotAFeed() {
    assertThatThrownBy(() -> parser.parse("<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8),
        "text/html", "f", "https://x.test/", NOW))
        .isInstanceOf(FeedParseException.class)
        .hasMessageStartingWith("not a readable RSS/Atom feed:");
  }

  @Test
  void charsetFromTheHttpHeaderWinsOverTheXmlDeclaration() throws Exception {
    final String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
        + "<item><title>Zürich talks</title><link>https://x.test/z</link></item></channel></rss>";
    final ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.ISO_8859_1),
        "application/xml; charset=ISO-8859-1", "f", "https://x.test/", NOW);

    assertThat(feed.items().get(0).getTitle()).isEqualTo("Zürich talks");
  }

  @Test
  void atomBase64AndXhtmlTitlesAreDecoded() throws Exception {
    final ParsedFeed base64 = parse("""
        <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>t</title>
        <entry><title type="text/html" mode="base64">PHA+RW50cnkgVGl0bGU8L3A+</title><id>e1</id></entry></feed>""");
    assertThat(base64.items().get(0).getTitle()).isEqualTo("<p>Entry Title</p>");
    final ParsedFeed xhtml = parse("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>f</id><updated>2025-01-01T00:00:00Z</updated>
        <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Entry Title</p></div></title>
        <id>e2</id><updated>2025-01-01T00:00:00Z</updated></entry></feed>""");
    assertThat(xhtml.items().get(0).getTitle()).isEqualTo("<p>Entry Title</p>");
  }
}
