package io.parley.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.rounds.RoundAssigner;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.RawItem;
import io.parley.schemas.Round;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import io.parley.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rounds as engagements (SPEC §5) and the cards they raise (SPEC §6), through the whole topology:
 * made-up coverage, written for these tests, of tracks busy enough that the inactivity gap never
 * fires.
 */
class EngagementRoundsTest {

  private static final Instant DAY0 = Instant.parse("2025-03-03T09:00:00Z");

  @TempDir Path stateDir;
  private final Topics topics = Topics.standard();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawItem> raw;
  private TestOutputTopic<String, Article> articles;
  private TestOutputTopic<String, Alert> alerts;
  private TestOutputTopic<String, Round> rounds;
  private final Map<String, Article> byGuid = new LinkedHashMap<>();

  @BeforeEach
  void start() {
    driver = TopologyDrivers.start(topics, "engagements-test", stateDir);
    raw = driver.createInputTopic(topics.rawItems().name(), Serdes.String().serializer(),
        topics.rawItems().valueSerde().serializer());
    articles = driver.createOutputTopic(topics.articles().name(), Serdes.String().deserializer(),
        topics.articles().valueSerde().deserializer());
    rounds = driver.createOutputTopic(topics.rounds().name(), Serdes.String().deserializer(),
        topics.rounds().valueSerde().deserializer());
    alerts = driver.createOutputTopic(topics.alerts().name(), Serdes.String().deserializer(),
        topics.alerts().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  /** Publishes one item {@code hours} after day 0 and returns its coded article. */
  private Article item(final String guid, final double hours, final String title, final String text) {
    final Instant published = DAY0.plusSeconds((long) (hours * 3600));
    final RawItem item = RawItem.newBuilder().setItemKey("wire:" + guid).setFeedId("wire")
        .setFeedUrl("https://wire.test/rss").setFeedTitle("Test Wire " + guid).setGuid(guid)
        .setLink("https://wire.test/" + guid).setTitle(title).setSummary(text).setPublished(published)
        .setFetchedAt(published.plusSeconds(30)).build();
    raw.pipeInput(item.getItemKey(), item, item.getFetchedAt());
    articles.readValuesToList().forEach(a -> byGuid.put(a.getGuid(), a));
    return byGuid.get(guid);
  }

  private String round(final String guid) {
    return byGuid.get(guid).getRoundId();
  }

  @Test
  void aBusyTrackHoldsOneRoundPerEngagement() {
    item("kl-1", 0, "Thailand and Cambodia to hold border talks in Kuala Lumpur on Monday",
        "Defence ministers of the two countries will meet in the Malaysian capital, officials said.");
    item("kl-2", 30, "Cambodia confirms delegation for Monday's Kuala Lumpur talks with Thailand", "");
    item("kl-3", 48, "Thai and Cambodian ministers meet in Kuala Lumpur",
        "The talks in Kuala Lumpur lasted four hours, a Malaysian official said.");
    // The next day, a second engagement is announced elsewhere while the first one's aftermath runs.
    item("bj-1", 70, "Thailand and Cambodia will meet again in Beijing on Friday",
        "Chinese officials will host the foreign ministers of Thailand and Cambodia in Beijing on Friday.");
    item("kl-4", 72, "Cambodia says Kuala Lumpur talks with Thailand were frank", "");
    item("bj-2", 144, "Thai and Cambodian foreign ministers meet in Beijing", "The meeting in Beijing ended after two hours.");
    // A week on, with coverage every day, a truce is offered: no meeting of its own, a new engagement.
    item("truce-1", 260, "Thailand offers Cambodia a holiday truce along the border",
        "Bangkok proposed a ceasefire for the New Year holiday.");

    assertThat(byGuid.get("kl-1").getTrack()).isEqualTo("TH-KH");
    assertThat(round("kl-2")).isEqualTo(round("kl-1"));
    assertThat(round("kl-3")).isEqualTo(round("kl-1"));
    assertThat(round("kl-4")).as("the reactions join the meeting they react to").isEqualTo(round("kl-1"));
    assertThat(round("bj-1")).as("a meeting announced at another venue after this one was held").isNotEqualTo(round("kl-1"));
    assertThat(round("bj-2")).isEqualTo(round("bj-1"));
    assertThat(round("truce-1")).isNotIn(round("kl-1"), round("bj-1"));

    final List<Alert> cards = alerts.readValuesToList();
    assertThat(cards).filteredOn(a -> a.getType() == SignalType.MEETING && a.getMode() == SignalMode.HELD)
        .extracting(Alert::getAlertId).containsOnly(round("kl-1") + "/MEETING/HELD", round("bj-1") + "/MEETING/HELD")
        .as("each meeting held is a card of its own, not a revision of the first").contains(round("bj-1") + "/MEETING/HELD");
  }

  @Test
  void afterTheAftermathOnlyCoverageAtTheVenueJoins() {
    item("ist-1", 0, "Russia and Ukraine hold talks in Istanbul", "The delegations met for two hours at a palace in Istanbul.");
    item("ist-2", 4, "Russia and Ukraine agree to swap prisoners after Istanbul talks", "");
    item("ist-2b", 50, "Ukraine names prisoners to be freed under the Istanbul agreement",
        "Kyiv said the prisoner exchange agreed in Istanbul would include wounded soldiers.");
    // Past the aftermath of the talks: the exchange agreed there is carried out, at their venue's word.
    item("ist-3", 100, "Ukraine and Russia carry out prisoner swap agreed in Istanbul", "");
    // The same days: other news of the track opens rounds of their own.
    item("aid-1", 105, "Germany pledges new air defence systems to Ukraine", "Berlin said it would send more Patriot systems.");

    assertThat(round("ist-2")).isEqualTo(round("ist-1"));
    assertThat(round("ist-3")).as("coverage at the round's venue").isEqualTo(round("ist-1"));
    assertThat(round("aid-1")).isNotNull().isNotEqualTo(round("ist-1"));
  }

  @Test
  void coverageWithoutNewsNeitherJoinsAsNewsNorKeepsARoundOpen() {
    item("call-1", 0, "Putin and Trump speak by phone for two hours", "The two presidents spoke for two hours about Ukraine.");
    // Daily stories on the track that report no development of the engagement.
    item("war-1", 30, "Russian drones strike Kyiv overnight", "Air defences were active over Kyiv.");
    item("war-2", 60, "Ukraine says it hit a Russian refinery", "");
    item("war-3", 90, "Death toll in Kyiv strike rises", "");
    item("new-1", 100, "Russia proposes new round of talks with Ukraine in Geneva on Monday",
        "Moscow said its delegation would meet Ukraine's in Geneva on Monday.");

    driver.advanceWallClockTime(RoundAssigner.PUBLISH_EVERY);
    final Map<String, Round> latest = new LinkedHashMap<>();
    rounds.readValuesToList().forEach(r -> latest.put(r.getRoundId(), r));
    final Round call = latest.get(round("call-1"));
    assertThat(call.getEnd()).as("stories with no news of the call do not extend it").isEqualTo(DAY0);
    assertThat(call.getClosed()).as("closed by the gap after the call itself").isTrue();
    assertThat(round("new-1")).isNotNull().isNotEqualTo(round("call-1"));
  }

  @Test
  void aMediatorDoesNotMakeTheTrack() {
    item("med-1", 0, "Qatar and Egypt say Hamas accepted the ceasefire proposal",
        "Mediators in Doha said Hamas had accepted the latest ceasefire proposal for Gaza.");
    assertThat(byGuid.get("med-1").getTrack()).isEqualTo("IL-PS");
  }

  @Test
  void aCoerciveMeasureIsOnTheTrackOfWhoActsAndWhoIsTargeted() {
    item("tariff-1", 0, "Trump doubles tariff on India over its purchases of Russian oil",
        "The United States will raise the duty on Indian goods to 50%, the White House said, citing oil bought from Russia."
            + " Pakistan welcomed the pressure on its neighbour.");
    assertThat(byGuid.get("tariff-1").getTrack()).isEqualTo("IN-US");
  }

  @Test
  void theBodyOpensNoCardWhenTheHeadlineCarriesTheNews() {
    item("deal-1", 0, "Armenia and Azerbaijan sign peace deal in Washington",
        "The leaders signed the accord at the White House on Friday. Officials said the two foreign ministers"
            + " had held several rounds of talks before.\n\nThe text sets out a corridor through southern Armenia."
            + " Azerbaijan earlier threatened sanctions on any firm that uses the old routes.");
    final List<Alert> cards = alerts.readValuesToList();
    assertThat(cards).extracting(Alert::getType, Alert::getMode)
        .contains(org.assertj.core.groups.Tuple.tuple(SignalType.AGREEMENT, SignalMode.SIGNED))
        .doesNotContain(org.assertj.core.groups.Tuple.tuple(SignalType.SANCTIONS, SignalMode.THREATENED));
  }

  @Test
  void aLongPieceWhoseNewsSitsInTheBodyStillAlerts() {
    item("feature-1", 0, "Inside the race to end the border war",
        "For months the front has barely moved. Villages on both sides have emptied.\n\n"
            + "On Tuesday, Thailand and Cambodia agreed to a ceasefire that takes effect at midnight.");
    assertThat(alerts.readValuesToList()).extracting(Alert::getType, Alert::getMode)
        .contains(org.assertj.core.groups.Tuple.tuple(SignalType.CEASEFIRE, SignalMode.AGREED));
  }

  @Test
  void roundsDoNotDependOnHowLongTheTrackHasBeenBusy() {
    // Forty days of daily coverage of one engagement after another: no round spans them all.
    for (int day = 0; day < 40; day += 5) {
      item("m-" + day, day * 24.0, "Thailand and Cambodia hold talks in Kuala Lumpur", "The ministers met for three hours.");
    }
    assertThat(byGuid.values().stream().map(Article::getRoundId).distinct().count()).isEqualTo(8);
    assertThat(Duration.between(DAY0, byGuid.get("m-35").getPublished()).toDays()).isEqualTo(35);
  }

  @Test
  void aSummitCalledOffThenBackOnIsOneEngagementWithACardForEachTurn() {
    item("off-1", 0, "Thailand calls off Geneva summit with Cambodia",
        "Bangkok cancelled the planned meeting of the two prime ministers in Geneva, citing border clashes.");
    // Nine days later, well past the gap, the same summit is back on, and then it takes place.
    item("on-1", 216, "Summit back on: Thailand and Cambodia leaders will meet in Geneva on Monday", "");
    item("held-1", 290, "Thai and Cambodian prime ministers meet in Geneva", "The two leaders talked for three hours.");
    // A month later a summit somewhere else is another engagement.
    item("bkk-1", 1000, "Thailand and Cambodia leaders to meet in Bangkok next week", "");

    assertThat(round("on-1")).as("the called-off meeting taken up again").isEqualTo(round("off-1"));
    assertThat(round("held-1")).isEqualTo(round("off-1"));
    assertThat(round("bkk-1")).isNotEqualTo(round("off-1"));
    assertThat(alerts.readValuesToList()).filteredOn(a -> a.getRoundId().equals(round("off-1")))
        .extracting(Alert::getMode).contains(SignalMode.CANCELLED, SignalMode.SCHEDULED, SignalMode.HELD);
  }

  @Test
  void aTruceOfferedThroughMediatorsAndAnsweredWeeksLaterIsOneEngagement() {
    item("t-1", 0, "Sudan's RSF accepts truce proposed by US and Saudi mediators",
        "The paramilitary Rapid Support Forces said they agreed to the humanitarian truce proposed by the United States"
            + " and Saudi Arabia.");
    // Two weeks of quiet on the track, then the army answers the same plan.
    item("t-2", 340, "Sudan's army rejects US-Saudi truce plan",
        "The army chief said the proposal from the United States and Saudi Arabia would leave the RSF in place.");
    assertThat(byGuid.get("t-1").getTrack()).isEqualTo(byGuid.get("t-2").getTrack());
    assertThat(round("t-2")).as("an answer to the round's open proposal, through its mediators").isEqualTo(round("t-1"));
  }
}
