package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GazetteerTest {

  private final Gazetteer gazetteer = Gazetteer.bundled();

  @Test
  void aliasesResolveToCountries() {
    final Gazetteer.Mentions m = gazetteer.find("The Kremlin said Kyiv (or Kiev) and the White House would talk in Riyadh.");
    assertThat(m.counts()).containsEntry("RU", 1).containsEntry("UA", 2).containsEntry("US", 1);
    assertThat(m.places()).contains("Kyiv", "Kiev", "Riyadh");
    assertThat(m.counts()).doesNotContainKey("SA"); // a venue does not make its host a party
  }

  @Test
  void caseMattersSoUsIsNotTheUnitedStates() {
    assertThat(gazetteer.find("Let us talk about it.").counts()).isEmpty();
  }

  @Test
  void knownTracksWinMediatorsAreNotParties() {
    assertThat(gazetteer.track(Map.of("US", 9, "RU", 5, "UA", 2))).contains("RU-UA");
    assertThat(gazetteer.track(Map.of("US", 3, "CN", 3))).contains("US-CN");
    assertThat(gazetteer.track(Map.of("AM", 2, "AZ", 2, "US", 4))).contains("AM-AZ");
    // US-Russia diplomacy without Ukraine named is filed under the war it is about.
    assertThat(gazetteer.track(Map.of("US", 3, "RU", 3))).contains("RU-UA");
    assertThat(gazetteer.track(Map.of("US", 2, "BR", 2))).contains("BR-US");
    // A sole party on exactly one known track is on that track; on several, on none.
    assertThat(gazetteer.track(Map.of("PS", 2))).contains("IL-PS");
    assertThat(gazetteer.track(Map.of("UA", 4, "US", 2))).contains("RU-UA");
    assertThat(gazetteer.track(Map.of("IL", 4))).isEmpty();
  }
}
