package io.parley.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.schemas.FeedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedListTest {

  @TempDir Path dir;

  @Test
  void textListWithNamesCommentsAndDuplicates() throws Exception {
    final Path file = Files.writeString(dir.resolve("feeds.txt"), """
        # world desks
        https://a.example/rss  Wire A
        https://b.example/atom.xml

        https://a.example/rss  Wire A again
        """);
    final List<FeedConfig> feeds = FeedList.read(file, 120, Instant.EPOCH);

    assertThat(feeds).extracting(FeedConfig::getUrl).containsExactly("https://a.example/rss", "https://b.example/atom.xml");
    assertThat(feeds.get(0).getName()).isEqualTo("Wire A");
    assertThat(feeds.get(0).getIntervalSeconds()).isEqualTo(120);
  }

  @Test
  void opmlOutlinesWithXmlUrl() throws Exception {
    final Path file = Files.writeString(dir.resolve("feeds.opml"), """
        <?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
        <outline text="World"><outline text="Wire A" type="rss" xmlUrl="https://a.example/rss"/></outline>
        <outline title="Daily B" xmlUrl="http://b.example/feed"/></body></opml>""");

    assertThat(FeedList.read(file, 300, Instant.EPOCH)).extracting(FeedConfig::getName)
        .containsExactly("Wire A", "Daily B");
  }

  @Test
  void badEntryNamesFileAndLine() throws Exception {
    final Path file = Files.writeString(dir.resolve("feeds.txt"), "https://a.example/rss\nfile:///etc/passwd\n");

    assertThatThrownBy(() -> FeedList.read(file, 300, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":2: feed URLs must be http or https, not file: file:///etc/passwd");
  }

  @Test
  void opmlWithDoctypeIsRefused() throws Exception {
    final Path file = Files.writeString(dir.resolve("evil.opml"),
        "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml><body>&x;</body></opml>");

    assertThatThrownBy(() -> FeedList.read(file, 300, Instant.EPOCH))
        .hasMessageContaining("not a readable OPML document");
  }
}
