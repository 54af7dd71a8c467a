package io.parley.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

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
}
