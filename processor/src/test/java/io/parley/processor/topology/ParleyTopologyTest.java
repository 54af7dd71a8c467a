package io.parley.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.rounds.RoundAssigner;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.DeadLetter;
import io.parley.schemas.RawItem;
import io.parley.schemas.Round;
import io.parley.schemas.Severity;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import io.parley.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParleyTopologyTest {

  private static final Instant T0 = Instant.parse("2025-05-10T12:00:00Z");

  @TempDir Path stateDir;
  private final Topics topics = Topics.standard();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawItem> raw;
  private TestInputTopic<String, byte[]> rawBytes;
  private TestOutputTopic<String, Article> articles;
  private TestOutputTopic<String, Round> rounds;
  private TestOutputTopic<String, Alert> alerts;
  private TestOutputTopic<byte[], DeadLetter> dlq;

  @BeforeEach
  void start() {
    driver = TopologyDrivers.start(topics, "topology-test", stateDir);
    raw = driver.createInputTopic(topics.rawItems().name(), Serdes.String().serializer(), topics.rawItems().valueSerde().serializer());
    rawBytes = driver.createInputTopic(topics.rawItems().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    articles = driver.createOutputTopic(topics.articles().name(), Serdes.String().deserializer(), topics.articles().valueSerde().deserializer());
    rounds = driver.createOutputTopic(topics.rounds().name(), Serdes.String().deserializer(), topics.rounds().valueSerde().deserializer());
    alerts = driver.createOutputTopic(topics.alerts().name(), Serdes.String().deserializer(), topics.alerts().valueSerde().deserializer());
    dlq = driver.createOutputTopic(topics.dlq().name(), Serdes.ByteArray().deserializer(), topics.dlq().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private static RawItem item(final String feed, final String guid, final String title, final String text, final Instant published) {
    final boolean implausible = published.isAfter(T0.plus(Duration.ofDays(365)))
        || published.isBefore(T0.minus(Duration.ofDays(365)));
    final Instant fetched = implausible ? T0 : published.plusSeconds(60);
    return RawItem.newBuilder().setItemKey(feed + ":" + guid).setFeedId(feed).setFeedUrl("https://" + feed + ".test/rss")
        .setFeedTitle(feed).setGuid(guid).setLink("https://" + feed + ".test/" + guid).setTitle(title).setSummary(text)
        .setPublished(published).setFetchedAt(fetched).build();
  }

  private void pipe(final RawItem item) {
    raw.pipeInput(item.getItemKey(), item, item.getFetchedAt());
  }

  @Test
  void itemBecomesArticleRoundAndAlert() {
    pipe(item("wire", "1", "India and Pakistan agree to a ceasefire", "<p>The truce took effect at five in the afternoon.</p>", T0));

    final Article article = articles.readValue();
    assertThat(article.getTrack()).isEqualTo("IN-PK");
    assertThat(article.getRoundId()).startsWith("IN-PK/20250510/");
    assertThat(article.getText()).isEqualTo("The truce took effect at five in the afternoon.");
    assertThat(article.getRulesVersion()).isNotBlank();
    assertThat(rounds.isEmpty()).as("published on the next publishing tick, not per article").isTrue();
    driver.advanceWallClockTime(RoundAssigner.PUBLISH_EVERY);
    final Round round = rounds.readValue();
    assertThat(round.getRoundId()).isEqualTo(article.getRoundId());
    assertThat(round.getArticleIds()).containsExactly(article.getArticleId());
    final Alert alert = alerts.readValue();
    assertThat(alert.getAlertId()).isEqualTo(round.getRoundId() + "/CEASEFIRE/AGREED");
    assertThat(alert.getRevision()).isEqualTo(1);
    assertThat(alert.getConfirmed()).isFalse();
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void secondSourceRevisesTheAlertAndConfirmsIt() {
    pipe(item("wire", "1", "India and Pakistan agree to a ceasefire", "Officials confirmed it.", T0));
    pipe(item("daily", "9", "Pakistan and India announce a ceasefire", "The guns fell silent.", T0.plusSeconds(3600)));
    pipe(item("daily", "9", "Pakistan and India announce a ceasefire", "The guns fell silent.", T0.plusSeconds(3600)));

    final List<Alert> all = alerts.readValuesToList();
    assertThat(all).extracting(Alert::getRevision).containsExactly(1, 2);
    assertThat(all.get(1).getAlertId()).isEqualTo(all.get(0).getAlertId());
    assertThat(all.get(1).getSources()).containsExactly("wire", "daily");
    assertThat(all.get(1).getConfirmed()).isTrue();
  }

  @Test
  void violationAfterAgreementOnTheTrackIsATransition() {
    pipe(item("wire", "1", "India and Pakistan agree to a ceasefire", "", T0));
    pipe(item("wire", "2", "India accuses Pakistan of violating the ceasefire", "", T0.plusSeconds(7200)));

    final List<Alert> all = alerts.readValuesToList();
    assertThat(all).extracting(Alert::getType, Alert::getMode, Alert::getTransitionFrom)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SignalType.CEASEFIRE, SignalMode.AGREED, null),
            org.assertj.core.groups.Tuple.tuple(SignalType.CEASEFIRE, SignalMode.VIOLATED, SignalMode.AGREED));
    assertThat(all.get(1).getSeverity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void scheduledMeetingWhoseDatePassedWithoutNewsIsOverdueOnce() {
    pipe(item("wire", "1", "India and Pakistan to hold talks", "The foreign ministers of India and Pakistan will meet in Geneva"
        + " on Thursday, officials in both capitals said.", T0));
    // Days later, coverage of another track moves event time past Thursday.
    pipe(item("wire", "2", "Russia and Ukraine agree to a ceasefire", "", T0.plus(Duration.ofDays(7))));
    pipe(item("wire", "3", "Russia and Ukraine agree to a ceasefire again", "", T0.plus(Duration.ofDays(7).plusHours(2))));

    final List<Alert> all = alerts.readValuesToList();
    final Alert scheduled = all.get(0);
    assertThat(scheduled.getMode()).isEqualTo(SignalMode.SCHEDULED);
    assertThat(all).filteredOn(Alert::getOverdue).singleElement().satisfies(overdue -> {
      assertThat(overdue.getRoundId()).isEqualTo(scheduled.getRoundId());
      assertThat(overdue.getType()).isEqualTo(SignalType.MEETING);
      assertThat(overdue.getTransitionFrom()).isEqualTo(SignalMode.SCHEDULED);
      assertThat(overdue.getTitle()).startsWith("Meeting overdue (was scheduled) — ");
      assertThat(overdue.getEvidence()).isEqualTo(scheduled.getEvidence());
      assertThat(overdue.getAlertId()).isNotEqualTo(scheduled.getAlertId());
    });
  }

  @Test
  void scheduledMeetingThatWasHeldIsNeverOverdue() {
    pipe(item("wire", "1", "India and Pakistan to hold talks", "The foreign ministers of India and Pakistan will meet in Geneva"
        + " on Thursday, officials in both capitals said.", T0));
    pipe(item("daily", "2", "India and Pakistan foreign ministers meet in Geneva", "The ministers met for three hours.",
        T0.plus(Duration.ofDays(5))));
    pipe(item("wire", "3", "Russia and Ukraine agree to a ceasefire", "", T0.plus(Duration.ofDays(7))));

    assertThat(alerts.readValuesToList()).noneMatch(Alert::getOverdue);
  }

  @Test
  void roundChangedByManyArticlesIsPublishedOncePerTickInItsLatestState() {
    pipe(item("wire", "1", "India and Pakistan agree to a ceasefire", "", T0));
    pipe(item("agency", "2", "Ceasefire between India and Pakistan holds in Kashmir", "", T0.plusSeconds(600)));
    pipe(item("daily", "3", "India and Pakistan truce takes effect along the border", "", T0.plusSeconds(1200)));
    final List<Article> out = articles.readValuesToList();
    assertThat(out).extracting(Article::getRoundId).containsOnly(out.get(0).getRoundId());

    driver.advanceWallClockTime(RoundAssigner.PUBLISH_EVERY);
    final List<Round> published = rounds.readValuesToList();
    assertThat(published).hasSize(1);
    assertThat(published.get(0).getArticleIds()).containsExactlyElementsOf(out.stream().map(Article::getArticleId).toList());

    driver.advanceWallClockTime(RoundAssigner.PUBLISH_EVERY);
    assertThat(rounds.isEmpty()).as("nothing changed since").isTrue();
  }

  @Test
  void coverageAfterTheGapOpensANewRound() {
    pipe(item("wire", "1", "India and Pakistan agree to a ceasefire", "", T0));
    pipe(item("wire", "2", "India and Pakistan agree to a new ceasefire", "", T0.plus(Duration.ofDays(10))));

    final List<Article> out = articles.readValuesToList();
    assertThat(out.get(0).getRoundId()).isNotEqualTo(out.get(1).getRoundId());
    assertThat(rounds.readValuesToList()).anySatisfy(r -> {
      assertThat(r.getRoundId()).isEqualTo(out.get(0).getRoundId());
      assertThat(r.getClosed()).isTrue();
    });
  }

  @Test
  void itemWithoutTrackIsAnArticleWithoutRound() {
    pipe(item("wire", "1", "Retailers report strong sales", "Spending rose.", T0));

    final Article article = articles.readValue();
    assertThat(article.getTrack()).isNull();
    assertThat(article.getRoundId()).isNull();
    assertThat(rounds.isEmpty()).isTrue();
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void poisonRecordGoesToTheDeadLetterTopicAndProcessingContinues() {
    rawBytes.pipeInput("bad:1", new byte[] {1, 2, 3}, T0);
    pipe(item("wire", "1", "", "", T0)); // schema-valid, but nothing to read
    pipe(item("wire", "2", "India and Pakistan agree to a ceasefire", "", T0));

    pipe(item("wire", "3", "Old news", "From the archive", Instant.parse("1900-01-01T00:00:00Z")));
    pipe(item("wire", "4", "Tomorrow", "Not yet", Instant.parse("2999-01-01T00:00:00Z")));
    pipe(item("wire", "5", "Huge", "x".repeat(10 * 1024 * 1024), T0));

    final List<DeadLetter> dead = dlq.readValuesToList();
    assertThat(dead).extracting(DeadLetter::getStage).containsExactly("decode", "normalize", "normalize", "normalize", "normalize");
    assertThat(dead.get(2).getError()).startsWith("published time 1900-01-01T00:00:00Z is not plausible");
    assertThat(dead.get(3).getError()).startsWith("published time 2999-01-01T00:00:00Z is not plausible");
    assertThat(dead.get(4).getError()).startsWith("item text too large: 10485");
    assertThat(dead.get(0).getError()).startsWith("not a Parley RawItem record");
    assertThat(dead.get(0).getValue().array()).containsExactly(1, 2, 3);
    assertThat(dead.get(0).getTopic()).isEqualTo("parley.raw-items");
    assertThat(dead.get(1).getError()).isEqualTo("item has neither a title nor any text");
    assertThat(articles.readValuesToList()).hasSize(1);
  }

  @Test
  void corruptedRecordOnTheInternalTopicGoesToTheDeadLetterTopicAndProcessingContinues() {
    final TestInputTopic<String, byte[]> internal = driver.createInputTopic("topology-test-articles-by-track-repartition",
        Serdes.String().serializer(), Serdes.ByteArray().serializer());
    internal.pipeInput("IN-PK", new byte[] {(byte) 0xC3, 0x01, 9, 9, 9}, T0);
    pipe(item("wire", "2", "India and Pakistan agree to a ceasefire", "", T0));

    final List<DeadLetter> dead = dlq.readValuesToList();
    assertThat(dead).singleElement().satisfies(letter -> {
      assertThat(letter.getStage()).isEqualTo("deserialize");
      assertThat(letter.getTopic()).isEqualTo("topology-test-articles-by-track-repartition");
      assertThat(letter.getValue().array()).containsExactly(0xC3, 0x01, 9, 9, 9);
      assertThat(letter.getError()).isNotBlank();
    });
    assertThat(alerts.readValuesToList()).hasSize(1);
  }

  @Test
  void nearDuplicateFromAnotherOutletIsKeptOnceAndCorroborates() {
    final String text = "India and Pakistan agreed to a ceasefire on Saturday after four days of cross-border strikes, "
        + "officials in New Delhi and Islamabad said, and the truce took effect at five in the afternoon.";
    pipe(item("wire", "1", "India and Pakistan agree to a ceasefire", text, T0));
    pipe(item("daily", "7", "India and Pakistan agree to a ceasefire", text + " Markets rose.", T0.plusSeconds(600)));

    assertThat(articles.readValuesToList()).hasSize(1);
    final List<Alert> all = alerts.readValuesToList();
    assertThat(all).extracting(Alert::getRevision).containsExactly(1, 2);
    assertThat(all.get(1).getSources()).containsExactly("wire", "daily");
    assertThat(all.get(1).getArticleIds()).containsExactly(all.get(0).getArticleIds().get(0));
    assertThat(all.get(1).getLinks()).containsExactly("https://wire.test/1", "https://daily.test/7");
  }

  @Test
  void sameUrlThroughTwoFeedsIsOneArticleAndNoCorroboration() {
    final RawItem first = item("world", "1", "India and Pakistan agree to a ceasefire", "Officials confirmed.", T0);
    final RawItem second = RawItem.newBuilder(first).setItemKey("asia:1").setFeedId("asia").setFeedTitle("asia").build();
    pipe(first);
    pipe(second);

    assertThat(articles.readValuesToList()).hasSize(1);
    assertThat(alerts.readValuesToList()).extracting(Alert::getRevision).containsExactly(1);
  }

  @Test
  void differentStoriesOnTheSameTrackAreNotDuplicates() {
    pipe(item("wire", "1", "India and Pakistan agree to a ceasefire", "The truce took effect at five in the afternoon.", T0));
    pipe(item("wire", "2", "India accuses Pakistan of violating the ceasefire", "Shelling resumed along the Line of Control.", T0.plusSeconds(600)));

    assertThat(articles.readValuesToList()).hasSize(2);
  }

  @Test
  void interleavedTracksKeepTheirOwnRoundsAndAlerts() {
    pipe(item("wire", "1", "India and Pakistan agree to a ceasefire", "", T0));
    pipe(item("wire", "2", "Putin and Zelensky delegations meet in Istanbul", "", T0.plusSeconds(60)));
    pipe(item("daily", "3", "Pakistan and India announce a ceasefire", "", T0.plusSeconds(120)));
    pipe(item("daily", "4", "Russian and Ukrainian delegations meet in Istanbul", "", T0.plusSeconds(180)));

    final List<Article> out = articles.readValuesToList();
    assertThat(out).extracting(Article::getTrack).containsExactly("IN-PK", "RU-UA", "IN-PK", "RU-UA");
    assertThat(out.get(0).getRoundId()).isEqualTo(out.get(2).getRoundId());
    assertThat(out.get(1).getRoundId()).isEqualTo(out.get(3).getRoundId()).isNotEqualTo(out.get(0).getRoundId());
    assertThat(alerts.readValuesToList()).extracting(a -> a.getTrack() + " " + a.getMode() + " r" + a.getRevision())
        .containsExactly("IN-PK AGREED r1", "RU-UA HELD r1", "IN-PK AGREED r2", "RU-UA HELD r2");
  }

  @Test
  void outOfOrderAnnouncementLandsInTheRoundOfTheEvent() {
    pipe(item("wire", "1", "Putin and Zelensky delegations meet in Istanbul", "", T0));
    pipe(item("daily", "2", "Russia and Ukraine will meet in Istanbul next week", "", T0.minus(Duration.ofDays(2))));

    final List<Article> out = articles.readValuesToList();
    assertThat(out.get(1).getRoundId()).isEqualTo(out.get(0).getRoundId());
  }

  @Test
  void staleBackgroundMentionNeverAlerts() {
    pipe(item("wire", "1", "Moscow and Kyiv talks resume in Istanbul",
        "Delegations met on Monday. Three months ago Russia had threatened new tariffs on Ukrainian grain.", T0));

    assertThat(alerts.readValuesToList()).extracting(Alert::getType).doesNotContain(SignalType.SANCTIONS);
  }

  @Test
  void agreementReportedAfterTheViolationStillMakesTheViolationATransition() {
    pipe(item("wire", "2", "India accuses Pakistan of violating the ceasefire", "", T0.plusSeconds(7200)));
    pipe(item("daily", "1", "India and Pakistan agree to a ceasefire", "", T0));

    final List<Alert> all = alerts.readValuesToList();
    assertThat(all).extracting(a -> a.getMode() + " r" + a.getRevision() + " from " + a.getTransitionFrom())
        .containsExactly("VIOLATED r1 from null", "AGREED r1 from null", "VIOLATED r2 from AGREED");
    assertThat(all.get(2).getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(all.get(2).getTitle()).startsWith("Ceasefire violated (was agreed) — ");
  }
}
