package io.parley.processor.alerts;

import io.parley.processor.dedup.Deduplicator;
import io.parley.processor.rounds.RoundUpdate;
import io.parley.processor.topology.TopologyListener;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.Round;
import io.parley.schemas.Salience;
import io.parley.schemas.Severity;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Raises alerts (SPEC §6): one per (round, type, mode) on first detection, then a new revision of
 * the same alert each time another independent source reports it, {@code confirmed} from the
 * configured number of sources. Input is keyed by track, so the state of a track — which types and
 * modes it has alerted, for transitions and for background mentions — lives in one task.
 *
 * <p>State (store {@value #STORE}): the latest revision of each alert under its alert id, until its
 * round is forgotten (see {@code RoundAssigner.CLOSED_RETAINED}), and the latest alert of each
 * (track, type, mode) under {@code track|TYPE|MODE}.
 */
public final class Alerter implements Processor<String, RoundUpdate, String, Alert> {

  /** Name of the state store. */
  public static final String STORE = "alert-state";

  private final AlertPolicy policy;
  private final int confirmSources;
  private final TopologyListener listener;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, Alert> store;

  public Alerter(final AlertPolicy policy, final int confirmSources, final TopologyListener listener) {
    this.policy = policy;
    this.confirmSources = confirmSources;
    this.listener = listener;
  }

  @Override
  public void init(final ProcessorContext<String, Alert> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
  }

  @Override
  public void process(final Record<String, RoundUpdate> record) {
    final Article article = record.value().article();
    final Round round = record.value().round();
    if (record.value().forgotten()) {
      forget(round);
      return;
    }
    if (article == null && round != null && round.getOverdue()) {
      overdue(record, round);
      return;
    }
    if (article == null || round == null) {
      return;
    }
    for (final Signal signal : article.getSignals()) {
      if (!policy.backgroundMayAlert(signal, article.getPublished())) {
        continue;
      }
      final String trackKey = trackKey(round.getTrack(), signal, signal.getMode());
      if (signal.getSalience() == Salience.BACKGROUND && store.get(trackKey) != null) {
        continue; // a background mention of something the track has already alerted
      }
      final String alertId = round.getRoundId() + "/" + signal.getType() + "/" + signal.getMode();
      final Alert existing = store.get(alertId);
      if (existing == null && !policy.opensCard(signal, article)) {
        continue; // the body's context: it corroborates a card, never opens one
      }
      final Alert alert = existing == null
          ? first(alertId, round, article, signal, record.timestamp())
          : corroborated(existing, article, record.timestamp());
      if (alert != null) {
        emit(record, alert, article);
        if (existing == null) {
          reviseLaterTransition(record, round, signal, article);
        }
      }
    }
  }

  /**
   * SPEC §6 "meeting scheduled → overdue": the round's meeting was alerted as scheduled, its date
   * has passed and nothing says it was held or cancelled. Once per round, with the scheduling's
   * evidence and sources.
   */
  private void overdue(final Record<String, RoundUpdate> record, final Round round) {
    final String alertId = round.getRoundId() + "/MEETING/OVERDUE";
    final Alert scheduled = store.get(round.getRoundId() + "/MEETING/SCHEDULED");
    if (scheduled == null || store.get(alertId) != null) {
      return;
    }
    final Instant now = Instant.ofEpochMilli(record.timestamp());
    final Alert alert = Alert.newBuilder(scheduled)
        .setAlertId(alertId)
        .setRevision(1)
        .setTransitionFrom(SignalMode.SCHEDULED)
        .setOverdue(true)
        .setTitle("Meeting overdue (was scheduled) — " + round.getTitle())
        .setFirstSeen(now)
        .setEventTime(round.getHorizon())
        .setUpdated(now)
        .setSeverity(Severity.MEDIUM)
        .build();
    store.put(alertId, alert);
    context.forward(record.withKey(alert.getRoundId()).withValue(alert));
    listener.alert(alert, null, null);
  }

  /**
   * Drops the latest revisions of a forgotten round's cards: no coverage can join the round again,
   * so none of them can be revised. The latest card of each (track, type, mode) stays, for
   * transitions and background mentions — a bounded set.
   */
  private void forget(final Round round) {
    final List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, Alert> cards = store.prefixScan(round.getRoundId() + "/", new StringSerializer())) {
      cards.forEachRemaining(kv -> ids.add(kv.key));
    }
    ids.forEach(store::delete);
  }

  private void emit(final Record<String, RoundUpdate> record, final Alert alert, final Article article) {
    store.put(alert.getAlertId(), alert);
    store.put(alert.getTrack() + "|" + alert.getType() + "|" + alert.getMode(), alert);
    context.forward(record.withKey(alert.getRoundId()).withValue(alert));
    listener.alert(alert, article.getPublished(), article.getIngested());
  }

  /**
   * Reports can arrive out of order (items of one poll spread over partitions, a late feed): when
   * the earlier development ("ceasefire agreed") is alerted after the later one ("violated") that
   * it precedes in event time, the later alert is revised into the transition it is.
   */
  private void reviseLaterTransition(final Record<String, RoundUpdate> record, final Round round, final Signal signal,
      final Article article) {
    final SignalMode to = AlertPolicy.transitionTo(signal.getType(), signal.getMode());
    if (to == null) {
      return;
    }
    final Alert later = store.get(trackKey(round.getTrack(), signal, to));
    if (later == null || later.getTransitionFrom() != null || later.getEventTime() == null
        || later.getEventTime().isBefore(article.getPublished())) {
      return;
    }
    final Alert current = store.get(later.getAlertId());
    final Alert base = current == null ? later : current;
    emit(record, Alert.newBuilder(base)
        .setRevision(base.getRevision() + 1)
        .setTransitionFrom(signal.getMode())
        .setSeverity(AlertPolicy.severity(signal.getType(), to, true))
        .setTitle(base.getTitle().replaceFirst(" — ", " (was " + signal.getMode().name().toLowerCase(Locale.ROOT) + ") — "))
        .setUpdated(Instant.ofEpochMilli(record.timestamp()))
        .build(), article);
  }

  private Alert first(final String alertId, final Round round, final Article article, final Signal signal,
      final long now) {
    final SignalMode from = AlertPolicy.transitionFrom(signal.getType(), signal.getMode());
    final Alert earlier = from == null ? null : store.get(trackKey(round.getTrack(), signal, from));
    final boolean transition = earlier != null
        && (earlier.getEventTime() == null || !earlier.getEventTime().isAfter(article.getPublished()));
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setRevision(1)
        .setType(signal.getType())
        .setMode(signal.getMode())
        .setTransitionFrom(transition ? from : null)
        .setRoundId(round.getRoundId())
        .setTrack(round.getTrack())
        .setTitle(AlertPolicy.label(signal.getType(), signal.getMode())
            + (transition ? " (was " + from.name().toLowerCase(Locale.ROOT) + ")" : "")
            + " — " + round.getTitle())
        .setEvidence(signal.getEvidence())
        .setArticleIds(List.of(storyId(article)))
        .setSources(List.of(article.getSource()))
        .setLinks(article.getUrl() == null ? List.of() : List.of(article.getUrl()))
        .setFirstSeen(Instant.ofEpochMilli(now))
        .setEventTime(article.getPublished())
        .setUpdated(Instant.ofEpochMilli(now))
        .setSeverity(AlertPolicy.severity(signal.getType(), signal.getMode(), transition))
        .setConfirmed(confirmSources <= 1)
        .build();
  }

  /**
   * A new revision when the article is another source; null when it adds nothing. The same story
   * republished by another outlet (a duplicate) corroborates under the id of the first article.
   */
  private Alert corroborated(final Alert existing, final Article article, final long now) {
    final String articleId = storyId(article);
    // The same article again (same canonical URL, e.g. in two feeds of one publisher) is not a
    // second source; the same story from another outlet is.
    if (existing.getSources().contains(article.getSource()) || existing.getArticleIds().contains(article.getArticleId())) {
      return null;
    }
    final List<String> articleIds = new ArrayList<>(existing.getArticleIds());
    if (!articleIds.contains(articleId)) {
      articleIds.add(articleId);
    }
    final List<String> sources = new ArrayList<>(existing.getSources());
    sources.add(article.getSource());
    final List<String> links = new ArrayList<>(existing.getLinks());
    if (article.getUrl() != null && !links.contains(article.getUrl())) {
      links.add(article.getUrl());
    }
    return Alert.newBuilder(existing)
        .setRevision(existing.getRevision() + 1)
        .setArticleIds(articleIds)
        .setSources(sources)
        .setLinks(links)
        .setUpdated(Instant.ofEpochMilli(now))
        .setConfirmed(sources.size() >= confirmSources)
        .build();
  }

  /** The id under which an article is kept: its own, or that of the story it duplicates. */
  private static String storyId(final Article article) {
    return article.getFlags().stream().filter(f -> f.startsWith(Deduplicator.DUPLICATE_OF))
        .map(f -> f.substring(Deduplicator.DUPLICATE_OF.length())).findFirst().orElse(article.getArticleId());
  }

  private static String trackKey(final String track, final Signal signal, final SignalMode mode) {
    return track + "|" + signal.getType() + "|" + mode;
  }
}
