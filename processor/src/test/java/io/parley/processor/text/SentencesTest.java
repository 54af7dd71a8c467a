package io.parley.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SentencesTest {

  @Test
  void abbreviationsAndAcronymsDoNotEndSentences() {
    assertThat(Sentences.split("Witkoff was in St. Petersburg on Friday. He met Putin. U.S. proposals were approved by Ukraine."))
        .containsExactly("Witkoff was in St. Petersburg on Friday.", "He met Putin.", "U.S. proposals were approved by Ukraine.");
  }

  @Test
  void quotesAndQuestionMarksCloseSentences() {
    assertThat(Sentences.split("\"Russia has to get moving.\" Peskov said: \"Let's see?\" Talks went on."))
        .containsExactly("\"Russia has to get moving.\"", "Peskov said: \"Let's see?\"", "Talks went on.");
  }

  @Test
  void initialsNumbersAndLineBreaks() {
    assertThat(Sentences.split("J. D. Vance spoke. Growth was 3.5 percent\nNew paragraph here"))
        .containsExactly("J. D. Vance spoke.", "Growth was 3.5 percent", "New paragraph here");
  }

  @Test
  void dottedAcronymsAreTheMatchesOfThePatternTheyReplaced() {
    final Pattern dotted = Pattern.compile("(?:[A-Za-z]\\.)+[A-Za-z]");
    for (final String word : RandomText.strings("aZ.é1 .", 3, 20_000, 9)) {
      assertThat(Sentences.dotted(word)).as(word).isEqualTo(dotted.matcher(word).matches());
    }
    assertThat(Sentences.dotted("U.S")).isTrue();
    assertThat(Sentences.dotted("e.g")).isTrue();
    assertThat(Sentences.dotted("U.")).isFalse();
    assertThat(Sentences.dotted("É.U")).isFalse();
  }

  @Test
  void splitInPlaceIsTheSplitOfLinesCutOutFirst() {
    final String alphabet = "aZ. !?\"”’)\n\r\u2028\u0085\u000B\f\u2003\tU.S";
    for (final String text : RandomText.strings(alphabet, 5, 20_000, 60)) {
      assertThat(Sentences.split(text)).as("%s", text.chars().mapToObj(Integer::toHexString).toList())
          .isEqualTo(splitByLines(text));
    }
  }

  /** What {@link Sentences#split} did before it read lines in place: each line cut out by {@code \\R}, then split. */
  private static List<String> splitByLines(final String text) {
    final List<String> out = new ArrayList<>();
    for (final String line : Pattern.compile("\\R").split(text)) {
      for (final String sentence : Sentences.split(line)) { // a line holds no break: split reads it whole
        out.add(sentence);
      }
    }
    return out;
  }

  @Test
  void aRunOnTextIsCutIntoPiecesAtSpaces() {
    final String words = "Russia Ukraine Moscow Kyiv Istanbul summit ".repeat(500).strip();
    final List<String> pieces = Sentences.split(words);
    assertThat(pieces).hasSizeGreaterThan(20).allMatch(p -> p.length() <= Sentences.MAX_CHARS)
        .allMatch(p -> !p.startsWith(" ") && !p.endsWith(" ") && words.contains(p));
    assertThat(String.join(" ", pieces)).isEqualTo(words);
    final String noSpaces = "x".repeat(2_500);
    assertThat(Sentences.split(noSpaces)).extracting(String::length).containsExactly(1_000, 1_000, 500);
  }
}
