package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
}
