package io.parley.processor.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.schemas.Article;
import io.parley.schemas.AvroSerde;
import io.parley.schemas.Round;
import io.parley.schemas.RoundStatus;
import io.parley.schemas.Salience;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The round processor alone, with its punctuator fired by the test (MockProcessorContext). */
class RoundAssignerTest {

  private static final Instant T0 = Instant.parse("2025-04-11T12:00:00Z");
  private static final Duration GAP = Duration.ofHours(72);

  private MockProcessorContext<String, RoundUpdate> context;
  private RoundAssigner assigner;

  @BeforeEach
  void init() {
    context = new MockProcessorContext<>();
    final KeyValueStore<String, Round> store = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(RoundAssigner.STORE), Serdes.String(), AvroSerde.of(Round.class))
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    assigner = new RoundAssigner(GAP, Duration.ofSeconds(30));
    assigner.init(context);
  }

  private static Article article(final String id, final String track, final Instant published, final SignalType type,
      final SignalMode mode) {
    return Article.newBuilder().setArticleId(id).setItemKey(id).setTitle("t " + id).setText("").setSource("src-" + id)
        .setFeedId("f").setPublished(published).setIngested(published).setFingerprint("x").setTrack(track)
        .setSignals(List.of(Signal.newBuilder().setType(type).setMode(mode).setEvidence("e").setCameo("").setPlover("")
            .setSalience(Salience.HEADLINE).setConfidence(0.8).build()))
        .setRulesVersion("test").build();
  }

  /** The stream-time punctuator that closes idle rounds (the other publishes changed rounds). */
  private org.apache.kafka.streams.processor.Punctuator closer() {
    return context.scheduledPunctuators().stream()
        .filter(p -> p.getType() == org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME)
        .reduce((a, b) -> { throw new AssertionError("one stream-time punctuator expected"); })
        .orElseThrow().getPunctuator();
  }

  /** The wall-clock punctuator that publishes changed rounds. */
  private org.apache.kafka.streams.processor.Punctuator publisher() {
    return context.scheduledPunctuators().stream()
        .filter(p -> p.getType() == org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME)
        .reduce((a, b) -> { throw new AssertionError("one wall-clock punctuator expected"); })
        .orElseThrow().getPunctuator();
  }

  private void process(final Article a) {
    assigner.process(new Record<>(a.getTrack(), a, a.getPublished().toEpochMilli()));
  }

  @Test
  void punctuatorClosesRoundsThatWentQuietForTheGap() {
    process(article("a1", "IN-PK", T0, SignalType.CEASEFIRE, SignalMode.AGREED));
    // Coverage on another track moves the event-time watermark four days on.
    process(article("b1", "RU-UA", T0.plus(Duration.ofDays(4)), SignalType.MEETING, SignalMode.HELD));
    context.resetForwards();

    closer().punctuate(T0.plus(Duration.ofDays(4)).toEpochMilli());

    final List<Round> forwarded = context.forwarded().stream().map(f -> f.record().value().round()).toList();
    assertThat(forwarded).singleElement().satisfies(r -> {
      assertThat(r.getTrack()).isEqualTo("IN-PK");
      assertThat(r.getClosed()).isTrue();
    });
  }

  @Test
  void punctuatorLeavesRoundsWithinTheGapOpen() {
    process(article("a1", "IN-PK", T0, SignalType.CEASEFIRE, SignalMode.AGREED));
    process(article("b1", "RU-UA", T0.plus(Duration.ofDays(2)), SignalType.MEETING, SignalMode.HELD));
    context.resetForwards();
    closer().punctuate(T0.plus(Duration.ofDays(2)).toEpochMilli());
    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void changedRoundsArePublishedOncePerTickAndEveryOpenRoundAgainAfterARestart() {
    process(article("a1", "IN-PK", T0, SignalType.CEASEFIRE, SignalMode.AGREED));
    process(article("a2", "IN-PK", T0.plusSeconds(600), SignalType.CEASEFIRE, SignalMode.AGREED));
    process(article("b1", "RU-UA", T0.plusSeconds(900), SignalType.MEETING, SignalMode.HELD));
    context.resetForwards();

    publisher().punctuate(0);
    assertThat(published()).extracting(Round::getTrack).containsExactly("IN-PK", "RU-UA");
    assertThat(published().get(0).getArticleIds()).containsExactly("a1", "a2");
    context.resetForwards();
    publisher().punctuate(100);
    assertThat(context.forwarded()).as("nothing changed since").isEmpty();

    // A restart (or a crash after a commit, before a publishing tick) republishes what is open.
    final RoundAssigner restarted = new RoundAssigner(GAP, Duration.ofSeconds(30));
    context.resetForwards();
    restarted.init(context);
    context.scheduledPunctuators().stream()
        .filter(p -> p.getType() == org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME)
        .reduce((a, b) -> b).orElseThrow().getPunctuator().punctuate(200);
    assertThat(published()).extracting(Round::getTrack).containsExactly("IN-PK", "RU-UA");
  }

  private List<Round> published() {
    return context.forwarded().stream().filter(f -> f.record().value().article() == null)
        .map(f -> f.record().value().round()).toList();
  }

  @Test
  void statusMovesForwardOnly() {
    process(article("a1", "RU-UA", T0, SignalType.MEETING, SignalMode.PROPOSED));
    process(article("a2", "RU-UA", T0.plusSeconds(3600), SignalType.MEETING, SignalMode.SCHEDULED));
    process(article("a3", "RU-UA", T0.plusSeconds(7200), SignalType.MEETING, SignalMode.HELD));
    process(article("a4", "RU-UA", T0.plusSeconds(9000), SignalType.MEETING, SignalMode.SCHEDULED));
    process(article("a5", "RU-UA", T0.plusSeconds(10_000), SignalType.AGREEMENT, SignalMode.SIGNED));

    assertThat(context.forwarded()).extracting(f -> f.record().value().round().getStatus()).containsExactly(
        RoundStatus.PROPOSED, RoundStatus.SCHEDULED, RoundStatus.HELD, RoundStatus.HELD, RoundStatus.AGREED);
    final Round last = context.forwarded().get(4).record().value().round();
    assertThat(last.getArticleIds()).containsExactly("a1", "a2", "a3", "a4", "a5");
    assertThat(last.getSources()).hasSize(5);
  }

  @Test
  void lateArticleWithinTheGapJoinsItsRound() {
    process(article("a1", "RU-UA", T0, SignalType.MEETING, SignalMode.HELD));
    process(article("a2", "RU-UA", T0.plus(Duration.ofDays(2)), SignalType.MEETING, SignalMode.HELD));
    process(article("late", "RU-UA", T0.minus(Duration.ofDays(1)), SignalType.MEETING, SignalMode.SCHEDULED));

    final List<String> rounds = context.forwarded().stream().map(f -> f.record().value().article().getRoundId()).toList();
    assertThat(rounds).containsOnly(rounds.get(0));
    assertThat(context.forwarded().get(2).record().value().round().getStart()).isEqualTo(T0.minus(Duration.ofDays(1)));
  }

  @Test
  void lateCoverageJoinsItsClosedRoundInsteadOfOpeningOneEach() {
    // Regression: every item more than the gap behind the watermark opened a round of its own,
    // closed by the next article, with its own alerts (a feed's first poll, partitions read unevenly).
    process(article("now", "IN-PK", T0.plus(Duration.ofDays(10)), SignalType.MEETING, SignalMode.HELD));
    process(article("late1", "IN-PK", T0, SignalType.CEASEFIRE, SignalMode.AGREED));
    process(article("now2", "IN-PK", T0.plus(Duration.ofDays(10)), SignalType.MEETING, SignalMode.HELD));
    context.resetForwards();
    process(article("late2", "IN-PK", T0.plus(Duration.ofHours(6)), SignalType.CEASEFIRE, SignalMode.AGREED));

    final RoundUpdate update = context.forwarded().get(0).record().value();
    assertThat(update.article().getRoundId()).startsWith("IN-PK/" + "20250411");
    assertThat(update.round().getClosed()).isTrue();
    assertThat(update.round().getArticleIds()).containsExactly("late1", "late2");
  }

  @Test
  void backgroundOnlyArticleDoesNotOpenARound() {
    final Article background = Article.newBuilder(article("bg", "RU-UA", T0, SignalType.CEASEFIRE, SignalMode.VIOLATED))
        .setSignals(List.of(Signal.newBuilder().setType(SignalType.CEASEFIRE).setMode(SignalMode.VIOLATED).setEvidence("e")
            .setCameo("").setPlover("").setSalience(Salience.BACKGROUND).setConfidence(0.5).build())).build();
    process(background);
    assertThat(context.forwarded()).singleElement().satisfies(f -> {
      assertThat(f.record().value().round()).isNull();
      assertThat(f.record().value().article().getRoundId()).isNull();
    });
  }

  private static Article at(final Article article, final String... places) {
    return Article.newBuilder(article).setPlaces(List.of(places)).setActors(List.of("Donald Trump", "Vladimir Putin")).build();
  }

  private String roundOf(final Article a) {
    context.resetForwards();
    process(a);
    // the article's own update: rounds the article's arrival closed come before it
    return context.forwarded().stream().map(f -> f.record().value()).filter(u -> u.article() != null)
        .findFirst().orElseThrow().article().getRoundId();
  }

  @Test
  void aMeetingAnnouncedElsewhereAfterTheRoundsMeetingWasHeldOpensANewRound() {
    final String anchorage = roundOf(at(article("a1", "RU-UA", T0, SignalType.MEETING, SignalMode.HELD), "Anchorage"));
    final String budapest = roundOf(at(article("a2", "RU-UA", T0.plus(Duration.ofHours(20)), SignalType.MEETING,
        SignalMode.SCHEDULED), "Budapest"));
    assertThat(budapest).isNotEqualTo(anchorage);

    // Both rounds are open now: coverage goes to the one whose venue it names, not the nearest in time.
    assertThat(roundOf(at(article("a3", "RU-UA", T0.plus(Duration.ofHours(22)), SignalType.AGREEMENT,
        SignalMode.PROPOSED), "Anchorage"))).isEqualTo(anchorage);
    assertThat(roundOf(at(article("a4", "RU-UA", T0.plus(Duration.ofHours(23)), SignalType.MEETING,
        SignalMode.SCHEDULED), "Budapest"))).isEqualTo(budapest);
  }

  @Test
  void aMeetingAnnouncedAtTheSameVenueOrBeforeTheFirstWasHeldStaysInTheRound() {
    final String held = roundOf(at(article("a1", "RU-UA", T0, SignalType.MEETING, SignalMode.HELD), "Istanbul"));
    assertThat(roundOf(at(article("a2", "RU-UA", T0.plus(Duration.ofHours(5)), SignalType.MEETING,
        SignalMode.SCHEDULED), "Istanbul"))).isEqualTo(held);
    assertThat(roundOf(article("a3", "RU-UA", T0.plus(Duration.ofHours(6)), SignalType.MEETING,
        SignalMode.PROPOSED))).as("no venue named").isEqualTo(held);

    final String proposed = roundOf(at(article("b1", "IN-PK", T0, SignalType.MEETING, SignalMode.PROPOSED), "Geneva"));
    assertThat(roundOf(at(article("b2", "IN-PK", T0.plus(Duration.ofHours(5)), SignalType.MEETING,
        SignalMode.SCHEDULED), "Riyadh"))).as("venue changed before the meeting").isEqualTo(proposed);
  }

  private static Article with(final Article article, final List<String> actors, final String... places) {
    return Article.newBuilder(article).setActors(actors).setPlaces(List.of(places)).build();
  }

  @Test
  void aMeetingCalledOffAndThenBackOnIsOneRoundWhateverTheGap() {
    final String calledOff = roundOf(with(article("off", "KP-US", T0, SignalType.MEETING, SignalMode.CANCELLED),
        List.of("KP", "US"), "Geneva"));
    // Eight days on, past the gap: the meeting will go ahead in Geneva after all, on a date ten days
    // later, and then it is held.
    final Instant backOn = T0.plus(Duration.ofDays(8));
    context.resetForwards();
    process(Article.newBuilder(with(article("on", "KP-US", backOn, SignalType.MEETING, SignalMode.SCHEDULED),
        List.of("KP", "US"), "Geneva")).setHorizon(backOn.plus(Duration.ofDays(10))).build());
    final Round revived = context.forwarded().get(context.forwarded().size() - 1).record().value().round();
    assertThat(revived.getRoundId()).isEqualTo(calledOff);
    assertThat(revived.getClosed()).isFalse();
    assertThat(revived.getStatus()).as("back on: the status its news gives").isEqualTo(RoundStatus.SCHEDULED);
    assertThat(roundOf(with(article("held", "KP-US", backOn.plus(Duration.ofDays(10)), SignalType.MEETING,
        SignalMode.HELD), List.of("KP", "US"), "Geneva"))).isEqualTo(calledOff);

    // Another venue, or a meeting called off again, is not the same meeting taken up again.
    final String other = roundOf(with(article("x1", "IN-PK", T0, SignalType.MEETING, SignalMode.CANCELLED),
        List.of("IN", "PK"), "Geneva"));
    assertThat(roundOf(with(article("x2", "IN-PK", T0.plus(Duration.ofDays(8)), SignalType.MEETING, SignalMode.SCHEDULED),
        List.of("IN", "PK"), "Riyadh"))).isNotEqualTo(other);
  }

  @Test
  void aTruceProposedThroughMediatorsAndAnsweredWeeksLaterIsOneRound() {
    final Article proposed = Article.newBuilder(with(article("accept", "RSF-SD", T0, SignalType.CEASEFIRE,
        SignalMode.AGREED), List.of("RSF", "SD", "US", "SA"))).setSignals(List.of(
            signal(SignalType.CEASEFIRE, SignalMode.AGREED, Salience.HEADLINE),
            signal(SignalType.CEASEFIRE, SignalMode.PROPOSED, Salience.LEDE))).build();
    final String truce = roundOf(proposed);
    // Seventeen days later the other side rejects the mediators' plan: the same engagement answered.
    assertThat(roundOf(with(article("reject", "RSF-SD", T0.plus(Duration.ofDays(17)), SignalType.CEASEFIRE,
        SignalMode.REJECTED), List.of("SD", "US")))).isEqualTo(truce);
    // A new proposal is a new engagement, and so is an answer that names no go-between of the round.
    assertThat(roundOf(with(article("again", "RSF-SD", T0.plus(Duration.ofDays(40)), SignalType.CEASEFIRE,
        SignalMode.PROPOSED), List.of("SD", "US")))).isNotEqualTo(truce);
    final String bilateral = roundOf(Article.newBuilder(with(article("b1", "AM-AZ", T0, SignalType.AGREEMENT,
        SignalMode.PROPOSED), List.of("AM", "AZ"))).build());
    assertThat(roundOf(with(article("b2", "AM-AZ", T0.plus(Duration.ofDays(10)), SignalType.AGREEMENT,
        SignalMode.SIGNED), List.of("AM", "AZ")))).isNotEqualTo(bilateral);
  }

  private static Signal signal(final SignalType type, final SignalMode mode, final Salience salience) {
    return Signal.newBuilder().setType(type).setMode(mode).setEvidence("e").setCameo("").setPlover("")
        .setSalience(salience).setConfidence(0.8).build();
  }
}
