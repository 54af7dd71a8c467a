package io.parley.processor.rounds;

import io.parley.processor.dedup.Deduplicator;
import io.parley.schemas.Article;
import io.parley.schemas.FeedIds;
import io.parley.schemas.ParleyRecords;
import io.parley.schemas.Round;
import io.parley.schemas.RoundStatus;
import io.parley.schemas.Salience;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalRef;
import io.parley.schemas.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Assigns articles to negotiation rounds (SPEC §5). Input is keyed by track, so one task sees all
 * of a track's coverage. An article joins the open round of its track, within the inactivity gap,
 * whose participants and places it shares most, then the nearest in event time (its published
 * time); it opens a new round if it carries news (a non-background signal) and no round is open,
 * or if it announces a new engagement after the round's meeting took place. A round reaches from its first coverage to its last, or to the latest
 * date its coverage anticipates if later ("the truce will take effect on Sunday"), so an
 * announcement and the event it announces are one engagement. A round closes when the event-time
 * watermark — the latest published time seen — passes its reach by the gap; a punctuator closes idle rounds, and a new
 * article closes its own track's expired rounds first, so assignment depends only on the input
 * order: replaying the same input gives the same round ids. The same scan marks a round overdue
 * when its meeting was scheduled for a date a day past, with no news that it took place.
 */
public final class RoundAssigner implements Processor<String, Article, String, RoundUpdate> {

  /** Name of the state store of open rounds, keyed {@code track|roundId}. */
  public static final String STORE = "open-rounds";

  /** How often changed rounds are published: a changed round reaches {@code parley.rounds} within this and one commit. */
  public static final Duration PUBLISH_EVERY = Duration.ofMillis(100);

  /** How long after its anticipated date a scheduled meeting with no news of it is overdue. */
  static final Duration OVERDUE_AFTER = Duration.ofHours(24);

  /**
   * How long after its engagement's outcome (the meeting held or called off, the deal signed or
   * rejected) a round takes any news of its track: the reactions and the immediate aftermath. After
   * it the round takes only coverage at its own venue that announces no new meeting; the rest of
   * the track's news opens rounds of its own.
   */
  static final Duration AFTERMATH = Duration.ofHours(72);

  /** How far after its conclusion a date the round anticipates still belongs to its outcome. */
  static final Duration OUTCOME_DATES = Duration.ofDays(4);

  /**
   * How long after its last coverage a round closed by the gap can be taken up again by news that
   * continues its engagement (see {@link #continues}).
   */
  static final Duration REVIVE_WITHIN = Duration.ofDays(30);

  /** How many closed rounds a track keeps for late coverage. */
  static final int CLOSED_KEPT = 8;

  /**
   * How long a closed round is kept after its reach, in event time (the watermark): no later than
   * this is it taken up again ({@link #REVIVE_WITHIN}) or joined by late coverage worth a card.
   * Then it is forgotten, and with it the alert state of its cards: state is bounded by the
   * tracks' recent rounds, not by every round ever seen.
   */
  static final Duration CLOSED_RETAINED = REVIVE_WITHIN;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final Duration gap;
  private final Duration punctuateEvery;
  /** Places that also name a party ("Moscow said"), with its country: not venues on its own track. */
  private final Map<String, String> partyPlaces;
  private ProcessorContext<String, RoundUpdate> context;
  private KeyValueStore<String, Round> store;
  /**
   * The open rounds of the store, as objects, by store key. The store stays the state of record
   * (changelogged, restored after a failure) and every change is written to it; reads come from
   * here, because reading the store decodes each round of the track, with all its article ids, for
   * every article. Loaded from the store whenever the task is initialised.
   */
  private final TreeMap<String, Round> open = new TreeMap<>();
  /**
   * The last {@link #CLOSED_KEPT} closed rounds of each track, by store key, kept in the store
   * with {@code closed} set: late coverage of an engagement — an item published more than the
   * gap before the watermark, from a feed's first poll or a partition read behind the others —
   * joins its closed round instead of opening a round of its own that the next article closes.
   */
  private final TreeMap<String, Round> closed = new TreeMap<>();
  /**
   * Rounds changed since they were last published, by store key. A busy round changes with every
   * article; publishing it to {@code parley.rounds} each time wrote the whole round (all its article
   * ids) per article, a cost that grows with the round — so changed rounds are published
   * once per {@link #PUBLISH_EVERY}. Not state: after a restart every open round counts as changed,
   * so a change committed before a crash but not yet published is published after it, without a
   * changelog (each changelog adds partitions to every exactly-once commit).
   */
  private final Set<String> toPublish = new TreeSet<>();
  private Instant watermark = Instant.EPOCH;
  /**
   * Per track, the earliest reach of its open rounds as last seen: a track needs no scan for
   * expired rounds until the watermark passes it by the gap. Not state: rebuilt after a restart.
   */
  private final Map<String, Instant> earliestReach = new HashMap<>();

  public RoundAssigner(final Duration gap, final Duration punctuateEvery) {
    this(gap, punctuateEvery, Map.of());
  }

  /**
   * @param gap inactivity gap in event time after which a round closes
   * @param punctuateEvery how often idle rounds are closed
   * @param partyPlaces places that also name a party (the gazetteer's capitals used as actors)
   */
  public RoundAssigner(final Duration gap, final Duration punctuateEvery, final Map<String, String> partyPlaces) {
    this.gap = gap;
    this.punctuateEvery = punctuateEvery;
    this.partyPlaces = Map.copyOf(partyPlaces);
  }

  @Override
  public void init(final ProcessorContext<String, RoundUpdate> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    open.clear();
    closed.clear();
    earliestReach.clear();
    // After a restart the watermark is at least the newest coverage of any round kept.
    try (KeyValueIterator<String, Round> all = store.all()) {
      all.forEachRemaining(kv -> {
        watermark = max(watermark, kv.value.getEnd());
        if (kv.value.getClosed()) {
          closed.put(kv.key, kv.value);
          return;
        }
        open.put(kv.key, kv.value);
        toPublish.add(kv.key);
      });
    }
    context.schedule(punctuateEvery, PunctuationType.STREAM_TIME, ts -> closeExpired("", ts));
    context.schedule(PUBLISH_EVERY, PunctuationType.WALL_CLOCK_TIME, this::publish);
  }

  @Override
  public void process(final Record<String, Article> record) {
    final Article article = record.value();
    final String track = article.getTrack();
    if (track == null) {
      return;
    }
    final Instant published = article.getPublished();
    watermark = max(watermark, published);
    final Instant earliest = earliestReach.get(track);
    if (earliest == null || earliest.plus(gap).isBefore(watermark)) {
      closeExpired(track + "|", record.timestamp());
    }

    Round round = bestOpen(article);
    if (round == null && bornClosed(article)) {
      round = best(closedUnder(track + "|").values(), article); // late coverage: it stays closed
    }
    if (round == null && hasNews(article)) {
      round = revived(article); // the engagement of a closed round, taken up again
    }
    if (round == null) {
      if (!hasNews(article)) {
        context.forward(record.withKey(track).withValue(new RoundUpdate(article, null)));
        return;
      }
      round = open(article);
    }
    final Round updated = join(takenUp(round, article), article);
    put(key(updated), updated);
    toPublish.add(key(updated));
    if (!updated.getClosed()) {
      earliestReach.merge(track, reach(updated), (a, b) -> a.isBefore(b) ? a : b);
    }
    final Article assigned = ParleyRecords.shallowCopy(article, Article::new);
    assigned.setRoundId(updated.getRoundId());
    context.forward(record.withKey(track).withValue(new RoundUpdate(assigned, updated)));
  }

  /**
   * The open round of the article's track within the gap whose participants and places it shares
   * most (a shared venue counts double: "talks in Istanbul" is the Istanbul round), then the nearest
   * in event time, then the smallest id; null when there is none, or when the article announces a
   * new engagement (see {@link #newEngagement}).
   */
  private Round bestOpen(final Article article) {
    final Round best = best(openUnder(article.getTrack() + "|").values(), article);
    return best != null && newEngagement(best, article) ? null : best;
  }

  /** Of {@code rounds}, the one within the gap of the article that it matches best (see {@link #bestOpen}). */
  private Round best(final Collection<Round> rounds, final Article article) {
    final Instant t = article.getPublished();
    Round best = null;
    int bestOverlap = -1;
    long bestDistance = Long.MAX_VALUE;
    for (final Round r : rounds) {
      final long distance = distance(r, t);
      if (distance > gap.toMillis() || !takes(r, article)) {
        continue;
      }
      final int overlap = overlap(r, article);
      if (overlap > bestOverlap || overlap == bestOverlap && (distance < bestDistance
          || distance == bestDistance && r.getRoundId().compareTo(best.getRoundId()) < 0)) {
        best = r;
        bestOverlap = overlap;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * Whether the round's engagement can still take the article: any coverage of the track until
   * {@link #AFTERMATH} after its outcome (or after the latest date its coverage anticipates, if later); after that, only news at its own venue that reports no
   * meeting (the prisoner exchange agreed at the talks, carried out a week later; talks held there
   * again are a new round of talks). Coverage with
   * no news of its own joins only a round at its venue or one still under way.
   */
  boolean takes(final Round round, final Article article) {
    final Instant concluded = round.getConcluded();
    // the outcome's own dates count: a truce agreed on Wednesday to take effect on Sunday
    if (concluded == null || !article.getPublished().isAfter(outcomeDate(round).plus(AFTERMATH))) {
      return true;
    }
    if (round.getStatus() == RoundStatus.CANCELLED && continues(round, article)) {
      return true; // the meeting called off is back on
    }
    return sharesVenue(round, article) && !reportsMeeting(article);
  }

  /** A meeting of any kind as the article's news (headline or lede): after the aftermath, another engagement. */
  private static boolean reportsMeeting(final Article article) {
    return article.getSignals().stream().anyMatch(s -> isLead(s) && s.getType() == SignalType.MEETING);
  }

  /**
   * When the round's outcome plays out: its conclusion, or the date its coverage anticipates if
   * that comes soon after ("the truce takes effect on Sunday"); a far deadline ("50 days") is
   * another engagement's date, not this one's.
   */
  private static Instant outcomeDate(final Round round) {
    final Instant concluded = round.getConcluded();
    final Instant horizon = round.getHorizon();
    return horizon != null && horizon.isAfter(concluded) && !horizon.isAfter(concluded.plus(OUTCOME_DATES))
        ? horizon : concluded;
  }

  /** Whether the article names a place of the round that is a venue, not a party's capital. */
  private boolean sharesVenue(final Round round, final Article article) {
    for (final String place : article.getPlaces()) {
      if (isVenue(place, round.getTrack()) && round.getPlaces().contains(place)) {
        return true;
      }
    }
    return false;
  }

  /** A meeting proposed or scheduled as the article's news. */
  private static boolean announcesMeeting(final Article article) {
    return article.getSignals().stream().anyMatch(s -> s.getSalience() != Salience.BACKGROUND
        && s.getType() == SignalType.MEETING && (s.getMode() == SignalMode.PROPOSED || s.getMode() == SignalMode.SCHEDULED));
  }

  /** Whether the article reports the outcome of an engagement: a meeting held or called off, a deal signed or rejected. */
  private static boolean reportsOutcome(final Article article) {
    return article.getSignals().stream().anyMatch(s -> s.getSalience() != Salience.BACKGROUND
        && (s.getType() == SignalType.MEETING && (s.getMode() == SignalMode.HELD || s.getMode() == SignalMode.CANCELLED)
            || s.getType() == SignalType.AGREEMENT && (s.getMode() == SignalMode.SIGNED || s.getMode() == SignalMode.REJECTED)));
  }

  /**
   * Whether a round opened by {@code article} would be past its gap at once — its coverage and
   * what it anticipates more than the gap behind the watermark: late coverage.
   */
  private boolean bornClosed(final Article article) {
    return later(article.getPublished(), article.getHorizon()).plus(gap).isBefore(watermark);
  }

  /**
   * The closed round of the article's track, within {@link #REVIVE_WITHIN}, whose engagement the
   * article's news takes up again, reopened (see {@link #continues}); null when there is none. A
   * meeting called off and then back on is taken up with the status its news gives (the only way
   * a round's status moves back), so its next news — the meeting held — moves it on.
   */
  private Round revived(final Article article) {
    Round best = null;
    int bestOverlap = -1;
    for (final Round r : closedUnder(article.getTrack() + "|").values()) {
      if (!continues(r, article) || distance(r, article.getPublished()) > REVIVE_WITHIN.toMillis()) {
        continue;
      }
      final int overlap = overlap(r, article);
      if (overlap > bestOverlap || overlap == bestOverlap && r.getRoundId().compareTo(best.getRoundId()) < 0) {
        best = r;
        bestOverlap = overlap;
      }
    }
    if (best == null) {
      return null;
    }
    final Round reopened = ParleyRecords.shallowCopy(best, Round::new);
    reopened.setClosed(false);
    reopened.setOverdue(false);
    return reopened;
  }

  /**
   * The round as the article takes it up: a meeting called off whose news is that it is back on
   * starts again from PROPOSED (the only way a round's status moves back), so that the status its
   * news gives — scheduled, then held — shows; any other round as it is.
   */
  private static Round takenUp(final Round round, final Article article) {
    if (round.getStatus() != RoundStatus.CANCELLED || !backOn(article)) {
      return round;
    }
    final Round again = ParleyRecords.shallowCopy(round, Round::new);
    again.setStatus(RoundStatus.PROPOSED);
    again.setConcluded(null);
    return again;
  }

  /** A meeting as the article's news that is not called off: proposed, scheduled or held. */
  private static boolean backOn(final Article article) {
    return article.getSignals().stream().anyMatch(s -> isLead(s) && s.getType() == SignalType.MEETING
        && s.getMode() != SignalMode.CANCELLED);
  }

  /**
   * Whether the article's news (headline or lede) continues the engagement of a round that the gap
   * closed, rather than starting one: the meeting the round called off is back on at the round's
   * venue ("the Singapore summit will go ahead after all"), or a truce or deal the round proposed
   * (or one side accepted) and never concluded is answered — accepted or rejected — through a
   * go-between of the round
   * ("the army rejects the mediators' truce plan" two weeks after the other side accepted it).
   * A new proposal is a new engagement, and so is any news of a round that ended in a meeting held
   * or a deal signed or rejected.
   */
  boolean continues(final Round round, final Article article) {
    if (round.getStatus() == RoundStatus.CANCELLED) {
      return sharesVenue(round, article) && backOn(article);
    }
    if (round.getConcluded() != null || !sharesGoBetween(round, article)) {
      return false;
    }
    for (final Signal s : article.getSignals()) {
      if (isLead(s) && (s.getType() == SignalType.CEASEFIRE || s.getType() == SignalType.AGREEMENT)
          && (s.getMode() == SignalMode.AGREED || s.getMode() == SignalMode.SIGNED || s.getMode() == SignalMode.REJECTED)
          && (round.getSignals().contains(new SignalRef(s.getType(), SignalMode.PROPOSED))
              || round.getSignals().contains(new SignalRef(s.getType(), SignalMode.AGREED)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the article names a participant of the round that is not one of the track's parties: its mediator or host. */
  private static boolean sharesGoBetween(final Round round, final Article article) {
    final List<String> parties = List.of(round.getTrack().split("-"));
    return article.getActors().stream().anyMatch(a -> !parties.contains(a) && round.getParticipants().contains(a));
  }

  /** Shared participants, plus twice the shared places. */
  static int overlap(final Round round, final Article article) {
    int overlap = 0;
    for (final String actor : article.getActors()) {
      overlap += round.getParticipants().contains(actor) ? 1 : 0;
    }
    for (final String place : article.getPlaces()) {
      overlap += round.getPlaces().contains(place) ? 2 : 0;
    }
    return overlap;
  }

  /**
   * Whether the article announces another engagement rather than covering this round: the round's
   * meeting has already taken place (or the round has ended in a deal, no deal or a cancellation),
   * the article's news is a meeting proposed or scheduled, and it names venues, none of them the
   * round's. "Zelensky will meet Trump in Washington on Monday", days after the Anchorage summit,
   * opens the Washington round. (A meeting reported held at another venue is not enough: the same
   * envoy's visit is "in St Petersburg" for one outlet and "in Russia" for another.)
   */
  boolean newEngagement(final Round round, final Article article) {
    if (RoundStatuses.rank(round.getStatus()) < RoundStatuses.rank(RoundStatus.HELD)) {
      return false;
    }
    final List<String> venues = venues(article.getPlaces(), round.getTrack());
    final List<String> roundVenues = venues(round.getPlaces(), round.getTrack());
    if (venues.isEmpty() || venues.stream().anyMatch(roundVenues::contains)) {
      return false;
    }
    return article.getSignals().stream().anyMatch(s -> isLead(s) && s.getType() == SignalType.MEETING
        && (s.getMode() == SignalMode.PROPOSED || s.getMode() == SignalMode.SCHEDULED));
  }

  /** The places that are venues on {@code track}: not the capital of one of its parties, speaking for it. */
  private List<String> venues(final List<String> places, final String track) {
    return places.stream().filter(p -> isVenue(p, track)).toList();
  }

  private boolean isVenue(final String place, final String track) {
    final String country = partyPlaces.get(place);
    return country == null || !List.of(track.split("-")).contains(country);
  }

  /** A signal of the article's headline or lede: its news, not its body's context. */
  private static boolean isLead(final Signal s) {
    return s.getSalience() == Salience.HEADLINE || s.getSalience() == Salience.LEDE;
  }

  private static long distance(final Round r, final Instant t) {
    if (t.isBefore(r.getStart())) {
      return r.getStart().toEpochMilli() - t.toEpochMilli();
    }
    final Instant reach = reach(r);
    if (t.isAfter(reach)) {
      return t.toEpochMilli() - reach.toEpochMilli();
    }
    return 0;
  }

  /** The later of the round's last coverage and the latest date its coverage anticipates. */
  private static Instant reach(final Round r) {
    return r.getHorizon() != null && r.getHorizon().isAfter(r.getEnd()) ? r.getHorizon() : r.getEnd();
  }

  private Round open(final Article article) {
    final String id = article.getTrack() + "/" + DAY.format(article.getPublished()) + "/"
        + FeedIds.sha256Hex(article.getArticleId()).substring(0, 6);
    return Round.newBuilder()
        .setRoundId(id)
        .setTrack(article.getTrack())
        .setTitle(article.getTitle())
        .setStatus(RoundStatus.PROPOSED)
        .setStart(article.getPublished())
        .setEnd(article.getPublished())
        .build();
  }

  private static Round join(final Round round, final Article article) {
    final boolean news = hasNews(article);
    // A duplicate counts as a source, not as coverage.
    final List<String> articleIds = Deduplicator.isDuplicate(article) ? round.getArticleIds()
        : union(round.getArticleIds(), List.of(article.getArticleId()));
    final List<SignalRef> signals = new ArrayList<>(round.getSignals());
    for (final Signal s : article.getSignals()) {
      final SignalRef ref = new SignalRef(s.getType(), s.getMode());
      if (s.getSalience() != Salience.BACKGROUND && !signals.contains(ref)) {
        signals.add(ref);
      }
    }
    // Every list is replaced: a builder's deep copy of the round's lists would be thrown away.
    final Round joined = ParleyRecords.shallowCopy(round, Round::new);
    if (news) { // nor does it lend the round its places and parties
      joined.setParticipants(union(round.getParticipants(), article.getActors()));
      joined.setPlaces(union(round.getPlaces(), article.getPlaces()));
    }
    joined.setArticleIds(articleIds);
    joined.setSources(union(round.getSources(), List.of(article.getSource())));
    joined.setSignals(signals);
    if (news) { // coverage with no news of its own neither extends a round nor keeps it open
      joined.setStart(min(round.getStart(), article.getPublished()));
      joined.setEnd(max(round.getEnd(), article.getPublished()));
      joined.setHorizon(later(round.getHorizon(), article.getHorizon()));
    }
    joined.setStatus(RoundStatuses.advance(round.getStatus(), article.getSignals()));
    if (reportsOutcome(article)) { // the earliest report of the outcome, in whatever order reports arrive
      joined.setConcluded(round.getConcluded() == null ? article.getPublished() : min(round.getConcluded(), article.getPublished()));
    }
    return joined;
  }

  /**
   * {@code old} with the elements of {@code more} it lacks appended, in order — what a
   * {@code LinkedHashSet} of both gave, as a round's lists hold no repeats (every one is built
   * here) — and {@code old} itself when nothing is new. A round's article ids run to hundreds,
   * and a set of them was built for every article joined.
   */
  static List<String> union(final List<String> old, final Collection<String> more) {
    List<String> out = null;
    for (final String x : more) {
      if (!old.contains(x) && (out == null || !out.subList(old.size(), out.size()).contains(x))) {
        if (out == null) {
          out = new ArrayList<>(old.size() + more.size());
          out.addAll(old);
        }
        out.add(x);
      }
    }
    return out == null ? old : out;
  }

  /**
   * Closes the open rounds under {@code prefix} whose last coverage (or anticipated date, if
   * later) is more than the gap behind the watermark. The record timestamp stays the stream's own (ingest time when live), never
   * the possibly old event time, so that topic retention does not delete fresh output.
   */
  private void closeExpired(final String prefix, final long timestamp) {
    final List<KeyValue<String, Round>> expired = new ArrayList<>();
    final List<KeyValue<String, Round>> overdue = new ArrayList<>();
    final Map<String, Instant> remaining = new HashMap<>();
    for (final Map.Entry<String, Round> entry : openUnder(prefix).entrySet()) {
      final KeyValue<String, Round> kv = KeyValue.pair(entry.getKey(), entry.getValue());
      if (reach(kv.value).plus(gap).isBefore(watermark)) {
        expired.add(kv);
      } else {
        remaining.merge(kv.value.getTrack(), reach(kv.value), (a, b) -> a.isBefore(b) ? a : b);
        if (isOverdue(kv.value)) {
          overdue.add(kv);
        }
      }
    }
    if (prefix.isEmpty()) {
      forgetRetired(timestamp);
      earliestReach.clear();
    } else {
      earliestReach.remove(prefix.substring(0, prefix.length() - 1));
    }
    earliestReach.putAll(remaining);
    for (final KeyValue<String, Round> kv : overdue) {
      final Round marked = Round.newBuilder(kv.value).setOverdue(true).build();
      put(kv.key, marked);
      toPublish.remove(kv.key);
      context.forward(new Record<>(marked.getTrack(), new RoundUpdate(null, marked), timestamp));
    }
    for (final KeyValue<String, Round> kv : expired) {
      toPublish.remove(kv.key);
      final Round ended = Round.newBuilder(kv.value).setClosed(true).setOverdue(kv.value.getOverdue() || isOverdue(kv.value)).build();
      put(kv.key, ended);
      forgetOldestClosed(ended.getTrack(), timestamp);
      context.forward(new Record<>(ended.getTrack(), new RoundUpdate(null, ended), timestamp));
    }
  }

  /** Deletes a track's closed rounds beyond the {@link #CLOSED_KEPT} that reach latest. */
  private void forgetOldestClosed(final String track, final long timestamp) {
    final SortedMap<String, Round> kept = closedUnder(track + "|");
    if (kept.size() <= CLOSED_KEPT) {
      return;
    }
    final List<Map.Entry<String, Round>> byReach = new ArrayList<>(kept.entrySet());
    byReach.sort(Comparator.comparing((Map.Entry<String, Round> e) -> reach(e.getValue()))
        .thenComparing(Map.Entry::getKey));
    for (final Map.Entry<String, Round> e : byReach.subList(0, byReach.size() - CLOSED_KEPT)) {
      forget(e.getKey(), e.getValue(), timestamp);
    }
  }

  /** Forgets the closed rounds whose reach is more than {@link #CLOSED_RETAINED} behind the watermark. */
  private void forgetRetired(final long timestamp) {
    final Instant horizon = watermark.minus(CLOSED_RETAINED);
    final List<Map.Entry<String, Round>> retired = closed.entrySet().stream()
        .filter(e -> reach(e.getValue()).isBefore(horizon)).toList();
    for (final Map.Entry<String, Round> e : retired) {
      forget(e.getKey(), e.getValue(), timestamp);
    }
  }

  /** Drops a closed round from the store, and tells the alerter, which drops its cards' state. */
  private void forget(final String key, final Round round, final long timestamp) {
    store.delete(key);
    closed.remove(key);
    toPublish.remove(key);
    context.forward(new Record<>(round.getTrack(), RoundUpdate.forgotten(round), timestamp));
  }

  private SortedMap<String, Round> closedUnder(final String prefix) {
    return closed.subMap(prefix, prefix + Character.MAX_VALUE);
  }

  /** The open rounds whose store key starts with {@code prefix} (all for an empty one), in key order. */
  private SortedMap<String, Round> openUnder(final String prefix) {
    return prefix.isEmpty() ? open : open.subMap(prefix, prefix + Character.MAX_VALUE);
  }

  /** Writes a round to the store and to the mirror it belongs in, open or closed. */
  private void put(final String key, final Round round) {
    store.put(key, round);
    if (round.getClosed()) {
      open.remove(key);
      closed.put(key, round);
    } else {
      open.put(key, round);
    }
  }

  /** Publishes the rounds changed since the last call: each once, in its latest state. */
  private void publish(final long timestamp) {
    for (final String key : toPublish) {
      final Round round = open.containsKey(key) ? open.get(key) : closed.get(key);
      if (round != null) {
        context.forward(new Record<>(round.getTrack(), new RoundUpdate(null, round), timestamp));
      }
    }
    toPublish.clear();
  }

  /**
   * A round whose meeting was scheduled for a date that passed {@link #OVERDUE_AFTER} ago in event
   * time with no report that it was held, ended or cancelled, and not yet marked.
   */
  private boolean isOverdue(final Round round) {
    return !round.getOverdue() && round.getStatus() == RoundStatus.SCHEDULED && round.getHorizon() != null
        && round.getHorizon().plus(OVERDUE_AFTER).isBefore(watermark);
  }

  private static boolean hasNews(final Article article) {
    return article.getSignals().stream().anyMatch(s -> s.getSalience() != Salience.BACKGROUND);
  }

  private static String key(final Round round) {
    return round.getTrack() + "|" + round.getRoundId();
  }

  private static Instant later(final Instant a, final Instant b) {
    return a == null ? b : b == null ? a : max(a, b);
  }

  private static Instant max(final Instant a, final Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(final Instant a, final Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
