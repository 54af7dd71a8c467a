package io.parley.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void trackingParametersFragmentsAndCaseAreRemoved() {
    assertThat(Urls.canonical("HTTPS://News.Example.COM:443/world/talks?id=7&utm_source=rss&fbclid=x#top"))
        .isEqualTo("https://news.example.com/world/talks?id=7");
    assertThat(Urls.canonical("http://example.com")).isEqualTo("http://example.com/");
    assertThat(Urls.canonical("not a url")).isEqualTo("not a url");
    assertThat(Urls.canonical(null)).isNull();
  }
}
