package io.parley.processor.rounds;

import io.parley.schemas.Article;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Puts a backlog in the order its events happened before it meets rounds (SPEC §5, "live and
 * replay agree"). Rounds and transitions are decided article by article, so they depend on the
 * order articles arrive in. News arrives in order; a backlog does not: a feed's first poll, a
 * feed back after an outage or a feed added late delivers days of items at once, spread over
 * partitions and feeds answering in any order — where a replay of the same items reads them by
 * published time.
 *
 * <p>An article published more than {@code backlogAge} before it was fetched is backlog: it is held, with everything that arrives for its track while it is held, until the track
 * has had no new arrival for {@code quiet} (or has held articles for {@code maxHold}), then
 * released in published order. Fresh news on a track with nothing held passes at once, so holding
 * costs freshness only for coverage that was hours old when Parley first saw it. Input is keyed by
 * track. Held articles live in a changelogged store, so a failure loses none.
 *
 * <p>Store {@value #STORE}: {@code track|publishedMillis (13 digits)|articleId} → the article.
 */
public final class BacklogOrder implements Processor<String, Article, String, Article> {

  /** Name of the state store of held articles. */
  public static final String STORE = "backlog-held";

  /** How often held tracks are checked for release. */
  static final Duration CHECK_EVERY = Duration.ofMillis(500);

  private final Duration backlogAge;
  private final Duration quiet;
  private final Duration maxHold;
  private ProcessorContext<String, Article> context;
  private KeyValueStore<String, Article> store;
  /** Per held track, wall-clock millis of its first and latest arrival. Rebuilt from the store on init. */
  private final Map<String, long[]> held = new HashMap<>();

  /**
   * @param backlogAge how long before its fetch an article must have been published to be backlog
   * @param quiet how long a track with held articles waits for more before releasing them
   * @param maxHold the longest any article is held, however busy its track
   */
  public BacklogOrder(final Duration backlogAge, final Duration quiet, final Duration maxHold) {
    this.backlogAge = backlogAge;
    this.quiet = quiet;
    this.maxHold = maxHold;
  }

  @Override
  public void init(final ProcessorContext<String, Article> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    held.clear();
    final long now = context.currentSystemTimeMs();
    try (KeyValueIterator<String, Article> all = store.all()) {
      all.forEachRemaining(kv -> held.putIfAbsent(track(kv.key), new long[] {now, now}));
    }
    context.schedule(CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::release);
  }

  @Override
  public void process(final Record<String, Article> record) {
    final Article article = record.value();
    final String track = record.key();
    final long[] arrivals = held.get(track);
    if (arrivals == null && !isBacklog(article, record.timestamp())) {
      context.forward(record);
      return;
    }
    final long now = context.currentSystemTimeMs();
    store.put(key(track, article), article);
    if (arrivals == null) {
      held.put(track, new long[] {now, now});
    } else {
      arrivals[1] = now;
    }
  }

  /**
   * Published more than the backlog age before it was fetched and before its record's time. Live,
   * both are the poll's time; a replay stamps each record with its published time, so nothing in
   * a replay is backlog: it is read in published order already.
   */
  boolean isBacklog(final Article article, final long recordTime) {
    if (article.getPublished() == null) {
      return false;
    }
    final long seen = Math.min(recordTime, article.getIngested().toEpochMilli());
    return article.getPublished().toEpochMilli() < seen - backlogAge.toMillis();
  }

  private void release(final long now) {
    final List<String> ready = new ArrayList<>();
    held.forEach((track, arrivals) -> {
      if (now - arrivals[1] >= quiet.toMillis() || now - arrivals[0] >= maxHold.toMillis()) {
        ready.add(track);
      }
    });
    ready.sort(null); // the same order of tracks every time, for the same output order
    for (final String track : ready) {
      final List<KeyValue<String, Article>> articles = new ArrayList<>();
      try (KeyValueIterator<String, Article> range = store.range(track + "|", track + "|\uffff")) {
        range.forEachRemaining(articles::add);
      }
      for (final KeyValue<String, Article> kv : articles) {
        store.delete(kv.key);
        context.forward(new Record<>(track, kv.value, now));
      }
      held.remove(track);
    }
  }

  static String key(final String track, final Article article) {
    final long millis = Math.max(0, article.getPublished() == null ? 0 : article.getPublished().toEpochMilli());
    return track + "|" + String.format("%013d", millis) + "|" + article.getArticleId();
  }

  private static String track(final String key) {
    return key.substring(0, key.indexOf('|'));
  }
}
