package io.parley.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.testing.SeedFeeds;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.Round;
import io.parley.schemas.Salience;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed articles replayed as feeds (../shared/seeds/EXPECTED.md). */
class SeedReplayTest {

  @TempDir static Path dir;
  static Replayer.ReplayResult result;
  static Map<String, Article> byGuid;

  @BeforeAll
  static void replay() {
    final List<Path> files = SeedFeeds.writeTo(dir.resolve("seeds"));
    result = new Replayer(ProcessorConfig.defaults()).run(ReplayInput.read(files, Instant.now()), n -> { });
    byGuid = result.articles().stream().collect(Collectors.toMap(Article::getGuid, a -> a));
  }

  private static Article seed(final String id) {
    return byGuid.get("urn:parley-seed:" + id);
  }

  private static boolean has(final Article a, final SignalType type, final SignalMode mode) {
    return a.getSignals().stream().anyMatch(s -> s.getType() == type && s.getMode() == mode);
  }

  @Test
  void oneArticlePerSeedWithItsGuidAndUrl() {
    assertThat(result.articles()).hasSize(3);
    assertThat(byGuid.keySet()).containsExactlyInAnyOrder("urn:parley-seed:000", "urn:parley-seed:001", "urn:parley-seed:002");
    assertThat(seed("001").getUrl()).isEqualTo("https://seeds.parley.invalid/001");
    assertThat(result.deadLetters()).isEmpty();
  }

  @Test
  void aprilCoverageIsOneRoundOnTheRussiaUkraineTrackAndAugustAnother() {
    assertThat(seed("000").getTrack()).isEqualTo("RU-UA");
    assertThat(seed("000").getRoundId()).isNotNull().isEqualTo(seed("001").getRoundId());
    assertThat(seed("002").getRoundId()).isNotNull().isNotEqualTo(seed("000").getRoundId());
  }

  @Test
  void seed000IsAMeetingHeldAndABackgroundButPendingTariffThreat() {
    assertThat(has(seed("000"), SignalType.MEETING, SignalMode.HELD)).isTrue();
    final Signal threat = seed("000").getSignals().stream()
        .filter(s -> s.getType() == SignalType.SANCTIONS && s.getMode() == SignalMode.THREATENED).findFirst().orElseThrow();
    assertThat(threat.getInstrument()).isEqualTo("TARIFF");
    assertThat(threat.getSalience()).isEqualTo(Salience.BACKGROUND);
    assertThat(threat.getEvidence()).contains("secondary tariffs");
  }

  @Test
  void seed001IsAMeetingAndAMilitaryAidPledge() {
    assertThat(has(seed("001"), SignalType.MEETING, SignalMode.HELD) || has(seed("001"), SignalType.MEETING, SignalMode.SCHEDULED)).isTrue();
    assertThat(has(seed("001"), SignalType.MILITARY_AID, SignalMode.PLEDGED)).isTrue();
  }

  @Test
  void seed002IsAMeetingInTheMakingAndTheBrokenTruceIsBackground() {
    assertThat(has(seed("002"), SignalType.MEETING, SignalMode.PROPOSED) || has(seed("002"), SignalType.MEETING, SignalMode.SCHEDULED)).isTrue();
    final Signal truce = seed("002").getSignals().stream()
        .filter(s -> s.getType() == SignalType.CEASEFIRE && s.getMode() == SignalMode.VIOLATED).findFirst().orElseThrow();
    assertThat(truce.getSalience()).isEqualTo(Salience.BACKGROUND);
  }

  @Test
  void alertsAsExpected() {
    final String april = seed("000").getRoundId();
    final String august = seed("002").getRoundId();
    assertThat(result.alerts()).anyMatch(a -> a.getRoundId().equals(april) && a.getType() == SignalType.SANCTIONS
        && a.getMode() == SignalMode.THREATENED);
    assertThat(result.alerts()).anyMatch(a -> a.getRoundId().equals(august) && a.getType() == SignalType.MEETING
        && (a.getMode() == SignalMode.PROPOSED || a.getMode() == SignalMode.SCHEDULED));
    assertThat(result.alerts()).noneMatch(a -> a.getType() == SignalType.CEASEFIRE && a.getMode() == SignalMode.VIOLATED);
  }

  @Test
  void aprilMeetingAlertIsCorroboratedByBothOutlets() {
    final String april = seed("000").getRoundId();
    assertThat(result.alerts()).anySatisfy(a -> {
      assertThat(a.getRoundId()).isEqualTo(april);
      assertThat(a.getType()).isEqualTo(SignalType.MEETING);
      assertThat(a.getSources()).containsExactlyInAnyOrder("Seed Outlet 000", "Seed Outlet 001");
      assertThat(a.getConfirmed()).isTrue();
    });
  }

  @Test
  void nothingIsAlertedTwiceForTheSameRoundTypeAndMode() {
    final Set<String> firsts = new HashSet<>();
    for (final Alert alert : result.alerts()) {
      if (alert.getRevision() == 1) {
        assertThat(firsts.add(alert.getAlertId())).as("first revision of %s once", alert.getAlertId()).isTrue();
      }
    }
    assertThat(result.alerts().stream().map(a -> a.getAlertId() + "#" + a.getRevision()).distinct().count())
        .isEqualTo(result.alerts().size());
  }

  @Test
  void replayIsDeterministic() {
    final Replayer.ReplayResult again = new Replayer(ProcessorConfig.defaults())
        .run(ReplayInput.read(List.of(dir.resolve("seeds")), Instant.now()), n -> { });
    assertThat(again.rounds()).extracting(Round::getRoundId)
        .containsExactlyElementsOf(result.rounds().stream().map(Round::getRoundId).toList());
    assertThat(again.alerts()).extracting(Alert::getAlertId)
        .containsExactlyElementsOf(result.alerts().stream().map(Alert::getAlertId).toList());
  }
}
