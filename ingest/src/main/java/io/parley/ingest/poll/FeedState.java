package io.parley.ingest.poll;

import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What Parley remembers between polls of one feed: validators, published item keys, failures.
 * Restored from the feed's latest {@link FeedStatus}; advanced only when a poll's items and status
 * are committed.
 */
final class FeedState {

  /** Longest wait after repeated failures. */
  static final Duration MAX_BACKOFF = Duration.ofHours(1);

  final SeenItems seen;
  volatile String etag;
  volatile String lastModified;
  volatile int consecutiveFailures;
  /** The publication rate learned so far, items an hour (0: nothing yet). */
  volatile double itemsPerHour;
  /** When the feed was last polled, by any instance; null before its first poll. */
  volatile Instant lastPolledAt;
  /** The WebSub hub the feed advertises and its topic, when Parley subscribes; else null. */
  volatile String hub;
  volatile String hubTopic;
  /** When the WebSub lease the hub granted ends; null: no active subscription. */
  volatile Instant leaseUntil;
  /** The lease the hub last granted, in seconds (0: none yet): renewals are planned from it. */
  volatile long leaseSeconds;
  /** When this instance last asked the hub to subscribe, and when the hub last verified: a request is outstanding between the two. */
  volatile Instant subscribeRequestedAt;
  volatile Instant verifiedAt;
  /** When the next poll is planned: a status written for a push carries it, so a new owner keeps the schedule. */
  volatile Instant nextPollAt;
  /**
   * Held while a poll or a push of this feed is read, published and committed: the two never read
   * the same published items at once, so an item a hub pushes while a poll runs is published once.
   */
  final java.util.concurrent.locks.ReentrantLock busy = new java.util.concurrent.locks.ReentrantLock();

  FeedState(final int seenCapacity) {
    this.seen = new SeenItems(seenCapacity);
  }

  /** Takes over the state recorded by the last committed poll of this feed, by any instance. */
  void restore(final FeedStatus status) {
    etag = status.getEtag();
    lastModified = status.getLastModified();
    seen.restore(status.getSeen());
    itemsPerHour = status.getItemsPerHour();
    lastPolledAt = status.getPolledAt();
    hub = status.getHub();
    hubTopic = status.getHubTopic();
    leaseUntil = status.getLeaseUntil();
    nextPollAt = status.getNextPollAt();
  }

  /** Applies a committed poll. */
  void apply(final PollResult result) {
    seen.restore(result.status().getSeen()); // what the committed status records: the document and the history
    itemsPerHour = result.status().getItemsPerHour();
    if (!result.status().getPushed()) {
      lastPolledAt = result.status().getPolledAt();
      hub = result.status().getHub();
      hubTopic = result.status().getHubTopic();
    }
    if (result.validatorsChanged()) {
      etag = result.etag();
      lastModified = result.lastModified();
    }
  }

  /**
   * The wait before the next poll: {@code base} (the feed's interval, or the learned one) with ±10%
   * jitter (so feeds added together do not stay in lock-step), doubled per consecutive failure up
   * to {@link #MAX_BACKOFF}, and never shorter than what the server asked for (Retry-After,
   * Cache-Control max-age).
   */
  Duration scheduleNext(final FeedConfig feed, final PollOutcome outcome, final Optional<Duration> serverWait) {
    return scheduleNext(Duration.ofSeconds(Math.max(1, feed.getIntervalSeconds())), outcome, serverWait);
  }

  Duration scheduleNext(final Duration interval, final PollOutcome outcome, final Optional<Duration> serverWait) {
    final boolean ok = outcome == PollOutcome.OK || outcome == PollOutcome.NOT_MODIFIED;
    consecutiveFailures = ok ? 0 : consecutiveFailures + 1;
    final long base = Math.max(1_000, interval.toMillis());
    long wait = base << Math.min(consecutiveFailures, 12);
    wait = Math.min(wait, Math.max(base, MAX_BACKOFF.toMillis()));
    final double jitter = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
    Duration next = Duration.ofMillis((long) (wait * jitter));
    if (serverWait.isPresent() && serverWait.get().compareTo(next) > 0) {
      next = serverWait.get().compareTo(MAX_BACKOFF.multipliedBy(6)) > 0 ? MAX_BACKOFF.multipliedBy(6) : serverWait.get();
    }
    return next;
  }
}
