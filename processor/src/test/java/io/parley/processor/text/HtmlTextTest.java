package io.parley.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

  @Test
  void blocksBecomeLinesEntitiesAreDecodedScriptsDropped() {
    assertThat(HtmlText.toText("<p>Talks &amp; dinner&nbsp;in  <b>Doha</b></p><script>alert(1)</script><p>Second&#8217;s para</p>"))
        .isEqualTo("Talks & dinner in Doha\nSecond’s para");
  }

  @Test
  void plainTextPassesThroughWithEntitiesDecoded() {
    assertThat(HtmlText.toText("Israel &amp; Hamas")).isEqualTo("Israel & Hamas");
    assertThat(HtmlText.toText(null)).isEmpty();
  }

  @Test
  void breaksAndListsSeparateLines() {
    assertThat(HtmlText.toText("one<br>two<ul><li>three</li><li>four</li></ul>")).isEqualTo("one\ntwo\nthree\nfour");
  }
}
