package io.parley.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The English fast path decides only plainly English text; the rest goes to the n-gram detector. */
class LanguagesTest {

  private static final String ENGLISH = "The foreign ministers of the two countries met in Geneva on Tuesday and said"
      + " that the talks had been useful, according to officials who were not authorised to speak to reporters.";
  private static final String FRENCH = "Le président a annoncé mardi un accord de cessez-le-feu entre les deux pays après"
      + " des semaines de négociations à Genève, selon des responsables qui ont demandé l'anonymat.";
  private static final String GERMAN = "Die Regierung hat am Dienstag eine Waffenruhe zwischen den beiden Ländern"
      + " angekündigt, nachdem wochenlange Verhandlungen in Genf stattgefunden hatten, sagten Beamte am Abend.";

  @Test
  void plainEnglishIsSettledWithoutTheDetector() {
    assertThat(Languages.plainlyEnglish(ENGLISH)).isTrue();
    assertThat(Languages.detect(ENGLISH)).contains("en");
  }

  @Test
  void otherLanguagesAreNotTakenForEnglish() {
    assertThat(Languages.plainlyEnglish(FRENCH)).isFalse();
    assertThat(Languages.plainlyEnglish(GERMAN)).isFalse();
    assertThat(Languages.detect(FRENCH)).contains("fr");
    assertThat(Languages.detect(GERMAN)).contains("de");
  }

  @Test
  void aFewEnglishWordsQuotedInForeignTextDoNotMakeItEnglish() {
    final String quoted = FRENCH + " « The deal is done », a-t-il déclaré aux journalistes devant le palais.";
    assertThat(Languages.plainlyEnglish(quoted)).isFalse();
  }

  @Test
  void tooFewWordsAreNotJudged() {
    assertThat(Languages.plainlyEnglish("The talks of the day and the night")).isFalse();
  }

  /** What {@link Languages#plainlyEnglish} did before it looked words up by key: a lower-cased substring a word. */
  private static boolean plainlyEnglishBySubstring(final String sample) {
    int words = 0;
    int english = 0;
    int start = -1;
    for (int i = 0; i <= sample.length(); i++) {
      final boolean letter = i < sample.length() && Character.isLetter(sample.charAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        words++;
        if (Languages.ENGLISH_FUNCTION_WORDS.contains(sample.substring(start, i).toLowerCase(Locale.ROOT))) {
          english++;
        }
        start = -1;
      }
    }
    return words >= 20 && english * 100 >= words * 15;
  }

  @Test
  void functionWordsAreCountedExactlyAsByLowerCasedSubstrings() {
    // Function words in odd cases, near misses, and letters that lower-case oddly (Kelvin sign, dotted I, sharp s).
    final String[] pieces = {"the", "THE", "ThE", "them", "of", "OF", "wHiCh", "would", "wouldn", "their", "theirs",
        "Key", "İts", "its", "Été", "straße", "be", "b", "t", "to", "TO", "said", "x",
        "after", "AFTERWARDS", "não", "да", "42", "the1", "who's"};
    final String[] gaps = {" ", "  ", ", ", ".\n", "-", " ", "’", "(", "—"};
    final Random random = new Random(11);
    for (int n = 0; n < 5_000; n++) {
      final StringBuilder s = new StringBuilder();
      for (int w = random.nextInt(60); w > 0; w--) {
        s.append(pieces[random.nextInt(pieces.length)]).append(gaps[random.nextInt(gaps.length)]);
      }
      final String sample = s.toString();
      assertThat(Languages.plainlyEnglish(sample)).as(sample).isEqualTo(plainlyEnglishBySubstring(sample));
    }
  }

  @Test
  void asciiKeysAreThoseOfTheLowerCasedWord() {
    assertThat(Languages.asciiKey("Which", 0, 5)).isEqualTo(Languages.asciiKey("which", 0, 5));
    assertThat(Languages.asciiKey("of", 0, 2)).isNotEqualTo(Languages.asciiKey("aof", 0, 3));
    assertThat(Languages.asciiKey("Key", 0, 3)).isEqualTo(-1);
    assertThat(Languages.asciiKey("abcdefghi", 0, 9)).isEqualTo(-1);
  }
}
