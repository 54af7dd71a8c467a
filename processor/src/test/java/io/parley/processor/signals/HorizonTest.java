package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.bench.SyntheticArticles;
import io.parley.processor.text.Sentences;
import io.parley.schemas.RawItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HorizonTest {

  private static final Instant WED = Instant.parse("2025-01-15T20:00:00Z"); // a Wednesday

  @Test
  void futureWeekdayIsTheNextOne() {
    assertThat(Horizon.of("Truce agreed", "The ceasefire will take effect on Sunday.", WED))
        .contains(Instant.parse("2025-01-19T12:00:00Z"));
  }

  @Test
  void pastWeekdayIsNoHorizon() {
    assertThat(Horizon.of("Truce begins", "The ceasefire came into force on Sunday morning.", WED)).isEmpty();
  }

  @Test
  void datesAndRelativePhrases() {
    assertThat(Horizon.of("Summit set", "The two presidents will meet in Alaska on August 15.", Instant.parse("2025-08-09T01:00:00Z")))
        .contains(Instant.parse("2025-08-15T12:00:00Z"));
    assertThat(Horizon.of("Bilateral", "A meeting would happen within the next two weeks.", WED))
        .contains(Instant.parse("2025-01-29T12:00:00Z"));
    assertThat(Horizon.of("Talks", "Negotiators meet again next week.", WED)).contains(Instant.parse("2025-01-22T12:00:00Z"));
  }

  @Test
  void pastDatesAndFarFutureAreIgnored() {
    assertThat(Horizon.of("Anniversary", "The truce signed on January 2 held.", WED)).isEmpty();
    assertThat(Horizon.of("Plan", "Elections are due on December 20.", WED)).isEmpty();
  }

  /** The substring pre-filter may let a sentence through needlessly, never hold back one a date pattern matches. */
  @Test
  void preFilterNeverHoldsBackADate() {
    final List<String> sentences = new ArrayList<>();
    for (final RawItem item : SyntheticArticles.generate(2_000, 5,
        Instant.parse("2025-01-01T00:00:00Z"))) {
      sentences.addAll(Sentences.split(item.getTitle() + "\n" + item.getSummary()));
    }
    final String[] words = {"will", "meet", "on", "Monday", "FRIDAY", "sunDay", "today", "days", "May", "may", "12", "3",
        "June", "DECEMBER", "next", "week", "Coming", "weeks", "within", "the", "two", "in", "due", "by", "before", "'ll"};
    final Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      final StringBuilder b = new StringBuilder();
      for (int w = random.nextInt(8) + 1; w > 0; w--) {
        b.append(words[random.nextInt(words.length)]).append(random.nextInt(6) == 0 ? ", " : " ");
      }
      sentences.add(b.toString().strip());
    }
    int dated = 0;
    for (final String sentence : sentences) {
      if (Horizon.anyDatePattern(sentence)) {
        dated++;
        assertThat(Horizon.mayHoldADate(sentence.toLowerCase(Locale.ROOT))).as(sentence).isTrue();
      }
    }
    assertThat(dated).as("the check has dated sentences to check").isGreaterThan(1_000);
  }
}
