package io.parley.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.alerts.Alerter;
import io.parley.processor.rounds.RoundAssigner;
import io.parley.schemas.Article;
import io.parley.schemas.RawItem;
import io.parley.schemas.Round;
import io.parley.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Day 30 of an operator's life: thirty simulated days of coverage on six busy tracks, a new
 * engagement every two days on each (made-up items, written for this test). The state the
 * processor keeps — rounds and alert cards — must level off, not grow with every card ever raised.
 */
class BoundedStateTest {

  private static final Instant DAY0 = Instant.parse("2025-01-06T08:00:00Z");
  private static final List<String[]> TRACKS = List.of(new String[] {"Thailand", "Cambodia"},
      new String[] {"India", "Pakistan"}, new String[] {"Armenia", "Azerbaijan"}, new String[] {"Serbia", "Kosovo"},
      new String[] {"Ethiopia", "Eritrea"}, new String[] {"Russia", "Ukraine"});
  private static final List<String> VENUES = List.of("Geneva", "Vienna", "Oslo", "Doha", "Riyadh", "Cairo", "Rome",
      "Helsinki", "Madrid", "Lisbon", "Prague", "Warsaw", "Budapest", "Jeddah", "Muscat");

  @TempDir Path stateDir;
  private final Topics topics = Topics.standard();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawItem> raw;
  private TestOutputTopic<String, Article> articles;
  private TestOutputTopic<String, Round> rounds;

  @BeforeEach
  void start() {
    driver = TopologyDrivers.start(topics, "bounded-state-test", stateDir);
    raw = driver.createInputTopic(topics.rawItems().name(), Serdes.String().serializer(),
        topics.rawItems().valueSerde().serializer());
    articles = driver.createOutputTopic(topics.articles().name(), Serdes.String().deserializer(),
        topics.articles().valueSerde().deserializer());
    rounds = driver.createOutputTopic(topics.rounds().name(), Serdes.String().deserializer(),
        topics.rounds().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void item(final String guid, final Instant published, final String title) {
    final RawItem item = RawItem.newBuilder().setItemKey("wire:" + guid).setFeedId("wire")
        .setFeedUrl("https://wire.test/rss").setFeedTitle("Test Wire").setGuid(guid)
        .setLink("https://wire.test/" + guid).setTitle(title).setSummary("").setPublished(published)
        .setFetchedAt(published.plusSeconds(30)).build();
    raw.pipeInput(item.getItemKey(), item, item.getFetchedAt());
  }

  /** Two days of coverage on every track: a meeting announced at the day's venue, then held there. */
  private void twoDays(final int day) {
    for (int t = 0; t < TRACKS.size(); t++) {
      final String[] pair = TRACKS.get(t);
      final String venue = VENUES.get((day / 2 + t) % VENUES.size());
      final Instant at = DAY0.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(10L * t));
      item(pair[0] + "-s-" + day, at, pair[0] + " and " + pair[1] + " to hold talks in " + venue + " tomorrow");
      item(pair[0] + "-h-" + day, at.plus(Duration.ofHours(26)), pair[0] + " and " + pair[1] + " hold talks in " + venue);
    }
    driver.advanceWallClockTime(RoundAssigner.PUBLISH_EVERY);
  }

  private static int size(final KeyValueStore<String, ?> store) {
    int n = 0;
    try (KeyValueIterator<String, ?> all = store.all()) {
      while (all.hasNext()) {
        all.next();
        n++;
      }
    }
    return n;
  }

  @Test
  void thirtyDaysOfCoverageLeaveStateFlat() {
    final KeyValueStore<String, Object> alertState = driver.getKeyValueStore(Alerter.STORE);
    final KeyValueStore<String, Object> roundState = driver.getKeyValueStore(RoundAssigner.STORE);
    final Set<String> roundIds = new HashSet<>();
    int alertsAtDay16 = 0;
    int roundsAtDay16 = 0;
    for (int day = 0; day < 60; day += 2) {
      twoDays(day);
      articles.readValuesToList().forEach(a -> roundIds.add(a.getRoundId()));
      if (day == 16) {
        alertsAtDay16 = size(alertState);
        roundsAtDay16 = size(roundState);
      }
    }
    final List<KeyValue<String, Round>> published = rounds.readKeyValuesToList();
    assertThat(roundIds).as("a round per engagement, and there were 30 on each track").hasSizeGreaterThan(6 * 25);
    assertThat(alertsAtDay16).isPositive();
    // Two months of coverage later than day 16, state is where it was, not three times as large.
    assertThat(size(alertState)).as("alert state, day 60 against day 16").isLessThanOrEqualTo(alertsAtDay16 * 6 / 5);
    assertThat(size(roundState)).as("rounds kept, day 60 against day 16").isLessThanOrEqualTo(roundsAtDay16 * 6 / 5);
    assertThat(published).as("a forgotten round is not published: parley.rounds keeps its last state")
        .allSatisfy(kv -> assertThat(kv.value).isNotNull());
  }
}
