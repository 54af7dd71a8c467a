package io.parley.processor.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link RoundAssigner#union} is what a {@code LinkedHashSet} of a round's list and an article's gave. */
class RoundUnionTest {

  @Test
  void unionIsTheLinkedSetOfBothForListsWithoutRepeats() {
    final Random random = new Random(17);
    for (int n = 0; n < 20_000; n++) {
      final List<String> old = new ArrayList<>(new LinkedHashSet<>(words(random, random.nextInt(12))));
      final List<String> more = words(random, random.nextInt(5)); // an article's list may repeat itself
      final LinkedHashSet<String> expected = new LinkedHashSet<>(old);
      expected.addAll(more);
      assertThat(RoundAssigner.union(old, more)).as("%s + %s", old, more).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void nothingNewKeepsTheRoundsOwnList() {
    final List<String> old = List.of("a-1", "a-2");
    assertThat(RoundAssigner.union(old, List.of("a-2"))).isSameAs(old);
    assertThat(RoundAssigner.union(old, List.of())).isSameAs(old);
  }

  private static List<String> words(final Random random, final int count) {
    final List<String> words = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      words.add("w" + random.nextInt(15));
    }
    return words;
  }
}
