package io.parley.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeedIdsTest {

  @Test
  void onlyHttpAndHttpsUrlsAreFeeds() {
    assertThat(FeedIds.requireHttpUrl("https://news.example/rss").getHost()).isEqualTo("news.example");
    assertThatThrownBy(() -> FeedIds.requireHttpUrl("file:///etc/passwd"))
        .hasMessage("feed URLs must be http or https, not file: file:///etc/passwd");
    assertThatThrownBy(() -> FeedIds.requireHttpUrl("ftp://x/feed")).hasMessageContaining("not ftp:");
    assertThatThrownBy(() -> FeedIds.requireHttpUrl("news/rss")).hasMessageContaining("not a relative URL");
    assertThatThrownBy(() -> FeedIds.requireHttpUrl("http:///rss")).hasMessageContaining("no host");
  }

  @Test
  void feedIdIsStableAndReadable() {
    assertThat(FeedIds.feedIdFor("https://News.Example/rss"))
        .isEqualTo(FeedIds.feedIdFor("https://News.Example/rss"))
        .startsWith("news.example-")
        .hasSize("news.example-".length() + 8);
    assertThat(FeedIds.feedIdFor("https://news.example/a")).isNotEqualTo(FeedIds.feedIdFor("https://news.example/b"));
  }
}
