package io.parley.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.signals.ArticleCoder;
import io.parley.processor.topology.ParleyTopology;
import io.parley.processor.topology.TopologyListener;
import io.parley.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.io.TempDir;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.RawItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5/§6 "live and replay agree": what an editor sees — which items make one round, and each
 * card's type, mode, transition, severity, confirmation and sources — does not depend on the order
 * in which feeds deliver the items (replay delivers them by published time; a live poll in whatever
 * order its feeds answer). Made-up coverage, written for this test.
 */
class ArrivalOrderTest {

  private static final Instant DAY0 = Instant.parse("2025-06-02T08:00:00Z");

  static RawItem item(final String source, final String guid, final double hours, final String title, final String text) {
    final Instant published = DAY0.plusSeconds((long) (hours * 3600));
    return RawItem.newBuilder().setItemKey(source + ":" + guid).setFeedId(source)
        .setFeedUrl("https://" + source + ".test/rss").setFeedTitle(source).setGuid(guid)
        .setLink("https://" + source + ".test/" + guid).setTitle(title).setSummary(text).setPublished(published)
        .setFetchedAt(published.plusSeconds(60)).build();
  }

  /** A border truce: offered, agreed, reported agreed by a second outlet, broken, then talks on it. */
  static List<RawItem> truce() {
    return List.of(
        item("andes-wire", "t1", 0, "Peru offers Ecuador a ceasefire along the disputed border",
            "Lima proposed a truce after a week of clashes near the border, officials said."),
        item("andes-wire", "t2", 20, "Peru and Ecuador agree to a border ceasefire from Sunday",
            "The two governments agreed to halt fighting along the border from Sunday, the foreign ministers said."),
        item("pacific-post", "t3", 22, "Ecuador and Peru reach ceasefire deal",
            "Ecuador and Peru agreed to a ceasefire along their border starting Sunday."),
        item("andes-wire", "t4", 80, "Ecuador accuses Peru of violating border ceasefire",
            "Quito said Peruvian troops broke the truce overnight, shelling two border posts."),
        item("pacific-post", "t5", 96, "Peru and Ecuador to hold talks in Brasilia on shaky truce",
            "Foreign ministers of Peru and Ecuador will meet in Brasilia on Friday, Brazil said."));
  }

  /** What an editor sees, with round ids replaced by the items each round holds. */
  static String seen(final Replayer.ReplayResult result) {
    final Map<String, TreeSet<String>> members = new TreeMap<>();
    for (final Article a : result.articles()) {
      if (a.getRoundId() != null) {
        members.computeIfAbsent(a.getRoundId(), k -> new TreeSet<>()).add(a.getGuid());
      }
    }
    final Map<String, Alert> latest = new LinkedHashMap<>();
    result.alerts().forEach(a -> latest.merge(a.getAlertId(), a, (x, y) -> y.getRevision() >= x.getRevision() ? y : x));
    final TreeSet<String> lines = new TreeSet<>();
    members.values().forEach(m -> lines.add("round " + m));
    for (final Alert a : latest.values()) {
      lines.add("card " + members.get(a.getRoundId()) + " " + a.getType() + "/" + a.getMode()
          + (a.getTransitionFrom() == null ? "" : " from " + a.getTransitionFrom()) + " " + a.getSeverity()
          + (a.getConfirmed() ? " confirmed" : "") + " " + new TreeSet<>(a.getSources()));
    }
    return String.join("\n", lines);
  }

  static String replay(final List<RawItem> items) {
    return seen(new Replayer(ProcessorConfig.defaults()).run(items, n -> { }));
  }

  /**
   * The items as a live poll delivers them: fetched together at {@code fetchedAt}, in {@code arrival}
   * order, through the service topology; then the wall clock moves on {@code wait}.
   */
  static String live(final List<RawItem> arrival, final Instant fetchedAt, final Duration wait) {
    final Topics topics = Topics.standard();
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "arrival-order-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("s" + runs++).toString());
    final List<Article> articles = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(ParleyTopology.build(topics, ProcessorConfig.defaults(),
        ArticleCoder.bundled(), TopologyListener.NONE, ParleyTopology.StoreKind.IN_MEMORY), props, fetchedAt)) {
      final TestInputTopic<String, RawItem> in = driver.createInputTopic(topics.rawItems().name(),
          topics.rawItems().keySerde().serializer(), topics.rawItems().valueSerde().serializer());
      final TestOutputTopic<String, Article> articleOut = driver.createOutputTopic(topics.articles().name(),
          Serdes.String().deserializer(), topics.articles().valueSerde().deserializer());
      final TestOutputTopic<String, Alert> alertOut = driver.createOutputTopic(topics.alerts().name(),
          Serdes.String().deserializer(), topics.alerts().valueSerde().deserializer());
      for (final RawItem item : arrival) {
        in.pipeInput(item.getItemKey(), RawItem.newBuilder(item).setFetchedAt(fetchedAt).build(), fetchedAt);
        driver.advanceWallClockTime(Duration.ofMillis(200));
      }
      driver.advanceWallClockTime(wait);
      articles.addAll(articleOut.readValuesToList());
      alerts.addAll(alertOut.readValuesToList());
    }
    final Map<String, Article> latest = new LinkedHashMap<>();
    articles.forEach(a -> latest.put(a.getArticleId(), a));
    return seen(new Replayer.ReplayResult(new ArrayList<>(latest.values()), List.of(), alerts, List.of()));
  }

  @TempDir static Path stateDir;
  private static int runs;

  @Test
  void aBacklogLooksTheSameInAnyArrivalOrderAsItsReplay() {
    final List<RawItem> items = truce();
    final String replayed = replay(items);
    assertThat(replayed).contains("CEASEFIRE/VIOLATED from AGREED CRITICAL");
    final Instant fetched = DAY0.plus(Duration.ofDays(9));
    final Random random = new Random(7);
    final Map<String, String> differ = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      final List<RawItem> order = new ArrayList<>(items);
      Collections.shuffle(order, random);
      final String seen = live(order, fetched, Duration.ofSeconds(10));
      if (!seen.equals(replayed)) {
        differ.put(order.stream().map(RawItem::getGuid).collect(Collectors.joining(",")), seen);
      }
    }
    assertThat(differ).as("arrival orders that give the editor something else than the replay:\n" + replayed).isEmpty();
  }

  @Test
  void aBacklogIsHeldUntilItsTrackIsQuietAndFreshNewsIsNot() {
    final List<RawItem> items = truce();
    final Instant fetched = DAY0.plus(Duration.ofDays(9));
    assertThat(live(List.of(items.get(4), items.get(0)), fetched, Duration.ZERO))
        .as("old coverage waits for the rest of its backlog").isEmpty();
    assertThat(live(List.of(items.get(4), items.get(0)), fetched, Duration.ofSeconds(6))).contains("round [t1]", "round [t5]");
    final RawItem t1 = items.get(0);
    assertThat(live(List.of(t1), t1.getPublished().plusSeconds(60), Duration.ZERO))
        .as("news fetched a minute after it was posted passes at once").contains("card [t1] CEASEFIRE/PROPOSED");
  }
}
