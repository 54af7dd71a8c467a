package io.parley.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    for (final String text : RandomText.strings(alphabet, 11, 20_000, 30)) {
      final String[] byRegex = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
          .filter(w -> !w.isEmpty()).toArray(String[]::new);
      assertThat(Words.of(text)).as(text).containsExactly(byRegex);
    }
  }

  @Test
  void joinedAndHashCodesAreThoseOfTheWords() {
    final String alphabet = "aZ9 .,-'é\u00A0½Ⅻ\u0301𝐀\uD800Київİ";
    for (final String text : RandomText.strings(alphabet, 13, 20_000, 30)) {
      final List<String> words = Words.of(text);
      assertThat(Words.joined(text)).as(text).isEqualTo(String.join(" ", words));
      assertThat(Words.hashCodes(text)).as(text).containsExactly(words.stream().mapToInt(String::hashCode).toArray());
    }
    assertThat(Words.hashCodes("")).isEmpty();
    assertThat(Words.joined(" ... ")).isEmpty();
  }

  @Test
  void joinedBytesAreTheJoinedWordsInUtf8() {
    for (final String text : RandomText.strings("ab Z9 ,.’—é\u0130\u212A\uD83D\uDE00ß\u00A0", 13, 20_000, 30)) {
      assertThat(Words.joinedUtf8(text)).as(text).isEqualTo(Words.joined(text).getBytes(StandardCharsets.UTF_8));
    }
  }
}
