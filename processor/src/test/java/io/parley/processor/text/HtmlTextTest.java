package io.parley.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
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

  /** What {@link HtmlText#normalizeSpace} did with regular expressions before it became one scan. */
  private static String normalizeSpaceByRegex(final String text) {
    final StringBuilder out = new StringBuilder();
    for (final String raw : Pattern.compile("\\R").split(text)) {
      final String line = Pattern.compile("[\\t\\x0B\\f ]+").matcher(raw.replace('\u00A0', ' ')).replaceAll(" ").strip();
      if (!line.isEmpty()) {
        out.append(out.length() > 0 ? "\n" : "").append(line);
      }
    }
    return out.toString();
  }

  @Test
  void spaceIsNormalizedExactlyAsTheRegularExpressionsDid() {
    final String alphabet = "ab Z.\t\n\r\u000B\f\u0085\u2028\u2029\u00A0\u2003\u3000\u001F-é";
    for (final String s : RandomText.strings(alphabet, 7, 20_000, 40)) {
      assertThat(HtmlText.normalizeSpace(s)).as("%s", s.chars().mapToObj(Integer::toHexString).toList())
          .isEqualTo(normalizeSpaceByRegex(s));
    }
    assertThat(HtmlText.normalizeSpace(" Talks\r\n\r\n in \t Doha\u00A0 \u2029 now ")).isEqualTo("Talks\nin Doha\nnow");
  }
}
