package io.parley.ingest.poll;

import io.parley.schemas.FeedConfig;
import io.parley.schemas.PollOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** What Parley remembers between polls of one feed. Confined to the feed's poll task. */
final class FeedState {

  /** Longest wait after repeated failures. */
  static final Duration MAX_BACKOFF = Duration.ofHours(1);

  final SeenItems seen;
  String etag;
  String lastModified;
  int consecutiveFailures;

  FeedState(final int seenCapacity) {
    this.seen = new SeenItems(seenCapacity);
  }

  /**
   * The wait before the next poll: the feed's interval with ±10% jitter (so feeds added together
   * do not stay in lock-step), doubled per consecutive failure up to {@link #MAX_BACKOFF}, and
   * never shorter than the server's Retry-After.
   */
  Duration scheduleNext(final FeedConfig feed, final PollOutcome outcome, final Optional<Duration> retryAfter) {
    final boolean ok = outcome == PollOutcome.OK || outcome == PollOutcome.NOT_MODIFIED;
    consecutiveFailures = ok ? 0 : consecutiveFailures + 1;
    final long base = Math.max(1, feed.getIntervalSeconds()) * 1000L;
    long wait = base << Math.min(consecutiveFailures, 12);
    wait = Math.min(wait, Math.max(base, MAX_BACKOFF.toMillis()));
    final double jitter = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
    Duration next = Duration.ofMillis((long) (wait * jitter));
    if (retryAfter.isPresent() && retryAfter.get().compareTo(next) > 0) {
      next = retryAfter.get();
    }
    return next;
  }
}
