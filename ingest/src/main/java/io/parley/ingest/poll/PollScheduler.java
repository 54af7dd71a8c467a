package io.parley.ingest.poll;

import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each owned feed's polls on its own schedule. A single timer thread only hands due polls to
 * a pool of fetch threads, so a slow feed occupies one fetch thread and never delays the timer or
 * the other feeds; a feed is never polled twice at once, because its next poll is planned only
 * when the current one has finished; at most {@code perHost} fetches go to one host at a time.
 */
public final class PollScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

  private final FeedPoller poller;
  private final Publisher publisher;
  private final ScheduledExecutorService timer;
  private final ExecutorService fetchers;
  private final int seenCapacity;
  private final int perHost;
  private final Consumer<FeedStatus> onStatus;
  private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
  private final Map<String, FeedConfig> feeds = new ConcurrentHashMap<>();
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
  private volatile boolean closed;

  PollScheduler(final FeedPoller poller, final Publisher publisher, final int fetchThreads, final int seenCapacity,
      final int perHost, final Consumer<FeedStatus> onStatus) {
    this.poller = poller;
    this.publisher = publisher;
    this.seenCapacity = seenCapacity;
    this.perHost = perHost;
    this.onStatus = onStatus;
    this.timer = Executors.newSingleThreadScheduledExecutor(named("parley-poll-timer"));
    this.fetchers = Executors.newFixedThreadPool(fetchThreads, named("parley-fetch"));
  }

  /**
   * Starts (or replaces) the schedule of {@code feed}, taking over its last committed state.
   *
   * @param last the feed's latest status on the topic, or null for a new feed
   */
  void schedule(final FeedConfig feed, final FeedStatus last) {
    cancel(feed.getFeedId());
    if (!feed.getEnabled()) {
      return;
    }
    final FeedState state = new FeedState(seenCapacity);
    if (last != null) {
      state.restore(last);
    }
    states.put(feed.getFeedId(), state);
    feeds.put(feed.getFeedId(), feed);
    // Keep the feed's schedule across owners; spread new feeds over their first interval's tenth.
    final Duration delay = last != null && last.getNextPollAt() != null
        ? positive(Duration.between(Instant.now(), last.getNextPollAt()))
        : Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.min(5_000, feed.getIntervalSeconds() * 100L) + 1));
    plan(feed.getFeedId(), delay);
  }

  /** Stops polling a feed (removed, or assigned to another instance). */
  void cancel(final String feedId) {
    feeds.remove(feedId);
    states.remove(feedId);
    final ScheduledFuture<?> previous = scheduled.remove(feedId);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  /** Feed ids currently owned by this instance. */
  Set<String> owned() {
    return Set.copyOf(feeds.keySet());
  }

  private void plan(final String feedId, final Duration delay) {
    if (closed) {
      return;
    }
    scheduled.put(feedId, timer.schedule(() -> fetchers.execute(() -> run(feedId)), delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  private void run(final String feedId) {
    final FeedConfig feed = feeds.get(feedId);
    final FeedState state = states.get(feedId);
    if (closed || feed == null || state == null) {
      return;
    }
    final Semaphore host = hosts.computeIfAbsent(host(feed.getUrl()), h -> new Semaphore(perHost));
    if (!host.tryAcquire()) {
      plan(feedId, Duration.ofMillis(500 + ThreadLocalRandom.current().nextLong(1500)));
      return;
    }
    try {
      final PollResult result = poller.poll(feed, state);
      final FeedStatus status = result.status();
      FeedConfig moved = null;
      if (!status.getUrl().equals(feed.getUrl())) {
        moved = FeedConfig.newBuilder(feed).setUrl(status.getUrl()).build();
        feeds.replace(feedId, feed, moved);
        LOG.info("feed {} moved permanently to {}", feedId, status.getUrl());
      }
      // Reported once committed: a poll whose transaction aborts is repeated, not counted.
      publisher.submit(result, moved, () -> {
        state.apply(result);
        onStatus.accept(status);
      }, () -> states.get(feedId) == state); // cancelled (or taken over again) since: not this poll's to publish
      if (states.get(feedId) == state) {
        plan(feedId, positive(Duration.between(status.getPolledAt(), status.getNextPollAt())));
      }
    } catch (final RuntimeException e) {
      // A bug or a Kafka failure, not a feed fault: keep the feed scheduled, with backoff.
      LOG.error("polling feed {} failed unexpectedly: {}", feedId, e.toString());
      state.consecutiveFailures++;
      plan(feedId, Duration.ofSeconds(Math.min(3600, 30L << Math.min(state.consecutiveFailures, 7))));
    } finally {
      host.release();
    }
  }

  private static String host(final String url) {
    final String host = URI.create(url).getHost();
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }

  private static Duration positive(final Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    fetchers.shutdownNow();
    try {
      fetchers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(final String prefix) {
    final AtomicInteger n = new AtomicInteger();
    return r -> {
      final Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
