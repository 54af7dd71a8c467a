package io.parley.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void trackingParametersFragmentsAndCaseAreRemoved() {
    assertThat(Urls.canonical("HTTPS://News.Example.COM:443/world/talks?id=7&utm_source=rss&fbclid=x#top"))
        .isEqualTo("https://news.example.com/world/talks?id=7");
    assertThat(Urls.canonical("http://example.com")).isEqualTo("http://example.com/");
    assertThat(Urls.canonical(null)).isNull();
  }

  @Test
  void onlyAbsoluteHttpLinksAreKept() {
    assertThat(Urls.canonical("not a url")).isNull();
    assertThat(Urls.canonical("javascript:alert(document.cookie)")).isNull();
    assertThat(Urls.canonical("JavaScript://example.com/%0Aalert(1)")).isNull();
    assertThat(Urls.canonical("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")).isNull();
    assertThat(Urls.canonical("file:///etc/passwd")).isNull();
    assertThat(Urls.canonical("/world/talks")).isNull();
    assertThat(Urls.canonical(" https://example.com/a ")).isEqualTo("https://example.com/a");
  }
}
