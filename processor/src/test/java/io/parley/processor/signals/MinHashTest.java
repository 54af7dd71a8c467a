package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.dedup.MinHash;
import org.junit.jupiter.api.Test;

class MinHashTest {

  private static final String STORY = "Delegations from Russia and Ukraine met in Istanbul on Friday for their first direct "
      + "talks in three years and agreed to exchange a thousand prisoners of war each, officials said.";

  @Test
  void sameTextIsIdenticalAndSmallEditsStayClose() {
    assertThat(MinHash.similarity(MinHash.signature(STORY), MinHash.signature(STORY))).isEqualTo(1.0);
    assertThat(MinHash.similarity(MinHash.signature(STORY), MinHash.signature(STORY.toUpperCase() + " Reporting by staff.")))
        .isGreaterThanOrEqualTo(0.7);
  }

  @Test
  void differentStoriesAreFarApart() {
    final String other = "The European Union approved new sanctions on nearly two hundred tankers of the shadow fleet "
        + "that carries Russian oil, foreign ministers said in Brussels on Tuesday.";
    assertThat(MinHash.similarity(MinHash.signature(STORY), MinHash.signature(other))).isLessThan(0.2);
  }

  @Test
  void tooShortForAShingleHasNoSignature() {
    assertThat(MinHash.signature("Talks end")).isNull();
  }
}
