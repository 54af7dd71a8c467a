package io.parley.ingest.poll;

import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each feed's polls on its own schedule. A single timer thread only hands due polls to a pool
 * of fetch threads, so a slow feed occupies one fetch thread and never delays the timer or the
 * other feeds; a feed is never polled twice at once, because its next poll is scheduled only when
 * the current one has finished.
 */
public final class PollScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

  private final FeedPoller poller;
  private final ScheduledExecutorService timer;
  private final ExecutorService fetchers;
  private final int seenCapacity;
  private final Consumer<FeedStatus> onStatus;
  private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param poller polls one feed
   * @param fetchThreads concurrent fetches at most
   * @param seenCapacity item keys remembered per feed
   * @param onStatus called after every poll (metrics, console)
   */
  public PollScheduler(final FeedPoller poller, final int fetchThreads, final int seenCapacity,
      final Consumer<FeedStatus> onStatus) {
    this.poller = poller;
    this.seenCapacity = seenCapacity;
    this.onStatus = onStatus;
    this.timer = Executors.newSingleThreadScheduledExecutor(named("parley-poll-timer"));
    this.fetchers = Executors.newFixedThreadPool(fetchThreads, named("parley-fetch"));
  }

  /** Starts polling {@code feed} after {@code initialDelay}; replaces an earlier schedule of it. */
  public void schedule(final FeedConfig feed, final Duration initialDelay) {
    cancel(feed.getFeedId());
    if (!feed.getEnabled()) {
      return;
    }
    states.computeIfAbsent(feed.getFeedId(), id -> new FeedState(seenCapacity));
    plan(feed, initialDelay);
  }

  /** Stops polling the feed with this id. */
  public void cancel(final String feedId) {
    final ScheduledFuture<?> previous = scheduled.remove(feedId);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  private void plan(final FeedConfig feed, final Duration delay) {
    if (closed) {
      return;
    }
    scheduled.put(feed.getFeedId(), timer.schedule(
        () -> fetchers.execute(() -> run(feed)), delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  private void run(final FeedConfig feed) {
    final FeedState state = states.get(feed.getFeedId());
    if (closed || state == null) {
      return;
    }
    try {
      final FeedStatus status = poller.poll(feed, state);
      onStatus.accept(status);
      plan(feed, Duration.between(status.getPolledAt(), status.getNextPollAt()));
    } catch (final RuntimeException e) {
      // A bug or a Kafka failure, not a feed fault: keep the feed scheduled, with backoff.
      LOG.error("polling feed {} failed unexpectedly", feed.getFeedId(), e);
      state.consecutiveFailures++;
      plan(feed, Duration.ofSeconds(Math.min(3600, 30L << Math.min(state.consecutiveFailures, 7))));
    }
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
