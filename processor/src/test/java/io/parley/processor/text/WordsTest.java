package io.parley.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordsTest {

  @Test
  void lettersAndNumbersOfEveryScriptMakeWords() {
    assertThat(Words.of("Talks, in DOHA — 2025's round; Zelens'kyi/Київ ½ Ⅻ")).containsExactly(
        "talks", "in", "doha", "2025", "s", "round", "zelens", "kyi", "київ", "½", "ⅻ");
    assertThat(Words.of("")).isEmpty();
    assertThat(Words.of(" ... ")).isEmpty();
  }

  @Test
  void wordsAreExactlyTheRegularExpressionSplit() {
    final String alphabet = "aZ9 .,-'é\u00A0½Ⅻ\u0301𝐀\uD800Київ";
    final Random random = new Random(11);
    for (int n = 0; n < 20_000; n++) {
      final StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      final String text = s.toString();
      final String[] byRegex = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
          .filter(w -> !w.isEmpty()).toArray(String[]::new);
      assertThat(Words.of(text)).as(text).containsExactly(byRegex);
    }
  }
}
