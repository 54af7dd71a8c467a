package io.parley.ingest.poll;

import io.parley.schemas.FeedConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How often a feed is polled. Fixed: every feed at its own interval. Adaptive: at half the gap
 * between the items it publishes, learned from the dates of the items its document lists (the
 * newest {@value #WINDOW_ITEMS} within {@value #WINDOW_DAYS} days: n items since the oldest of them
 * is n over the time since then) and, for a feed that dates nothing, from the new items each poll
 * finds — kept between {@code floor} (never more often; a feed configured faster than the floor
 * keeps its own interval as floor) and {@code ceiling} (never less often). A busy wire is polled
 * every minute, a blog that posts twice a week every hour: for the same requests in total, news
 * arrives sooner where most of it is. Before anything is learned, the feed's own interval. What
 * the server asks for (Retry-After, Cache-Control, ttl, skipHours) and the backoff after failures
 * still apply on top ({@link FeedState#scheduleNext}).
 *
 * @param adaptive whether the interval follows the feed's publication rate
 * @param floor the shortest interval adaptive polling chooses
 * @param ceiling the longest interval adaptive polling chooses
 */
public record PollPolicy(boolean adaptive, Duration floor, Duration ceiling) {

  static final int WINDOW_ITEMS = 20;
  static final int WINDOW_DAYS = 14;
  /** How much a new reading of the document's dates counts against what was learned before. */
  static final double DOCUMENT_WEIGHT = 0.7;
  /** How much one poll's count of new items counts, for feeds that date nothing: one poll says little. */
  static final double OBSERVED_WEIGHT = 0.3;

  public PollPolicy {
    if (floor.isNegative() || floor.isZero() || ceiling.compareTo(floor) < 0) {
      throw new IllegalArgumentException("poll floor must be positive and at most the ceiling");
    }
  }

  /** Every feed at its own interval. */
  public static PollPolicy fixed() {
    return new PollPolicy(false, Duration.ofSeconds(60), Duration.ofHours(1));
  }

  /** Adaptive between {@code floor} and {@code ceiling}. */
  public static PollPolicy adaptive(final Duration floor, final Duration ceiling) {
    return new PollPolicy(true, floor, ceiling);
  }

  /**
   * The feed's publication rate after a successful poll, in items an hour.
   *
   * @param previous the rate learned so far (0: nothing yet)
   * @param itemDates the publication dates of the items the document lists (absent ones left out)
   * @param newItems items this poll found that were not published before
   * @param sincePrevious time since the previous poll, or null for the first
   * @param now the poll's time
   */
  public double learn(final double previous, final List<Instant> itemDates, final int newItems,
      final Duration sincePrevious, final Instant now) {
    final Instant since = now.minus(Duration.ofDays(WINDOW_DAYS));
    final List<Instant> recent = new ArrayList<>();
    for (final Instant d : itemDates) {
      if (d != null && d.isAfter(since) && !d.isAfter(now.plus(Duration.ofHours(1)))) {
        recent.add(d);
      }
    }
    recent.sort(Comparator.reverseOrder());
    final List<Instant> window = recent.subList(0, Math.min(WINDOW_ITEMS, recent.size()));
    if (!window.isEmpty()) {
      final Instant oldest = window.get(window.size() - 1);
      // n items since the oldest of them, up to now: a feed quiet since its last burst slows down.
      final double hours = Math.max(Duration.between(oldest, now).toSeconds(), 60) / 3600.0;
      final double read = window.size() / hours;
      return previous <= 0 ? read : DOCUMENT_WEIGHT * read + (1 - DOCUMENT_WEIGHT) * previous;
    }
    if (!itemDates.isEmpty() && recent.isEmpty()) {
      // Everything it lists is older than the window: a feed that hardly publishes.
      final double read = 1.0 / (WINDOW_DAYS * 24);
      return previous <= 0 ? read : DOCUMENT_WEIGHT * read + (1 - DOCUMENT_WEIGHT) * previous;
    }
    if (sincePrevious == null || sincePrevious.isZero() || sincePrevious.isNegative()) {
      return previous;
    }
    final double observed = newItems / (sincePrevious.toMillis() / 3_600_000.0);
    return previous <= 0 ? observed : OBSERVED_WEIGHT * observed + (1 - OBSERVED_WEIGHT) * previous;
  }

  /** The interval before backoff and the server's waits: half the learned gap between items, within bounds. */
  public Duration interval(final FeedConfig feed, final double itemsPerHour) {
    final Duration own = Duration.ofSeconds(Math.max(1, feed.getIntervalSeconds()));
    if (!adaptive || itemsPerHour <= 0) {
      return own;
    }
    final Duration floorHere = own.compareTo(floor) < 0 ? own : floor;
    final Duration halfGap = Duration.ofMillis((long) (3_600_000.0 / (2 * itemsPerHour)));
    if (halfGap.compareTo(floorHere) < 0) {
      return floorHere;
    }
    return halfGap.compareTo(ceiling) > 0 ? ceiling : halfGap;
  }
}
