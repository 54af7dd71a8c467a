package io.parley.ingest.poll;

import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.FeedPush;
import io.parley.ingest.websub.WebSubClient;
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
  private final Map<String, ScheduledFuture<?>> renewals = new ConcurrentHashMap<>();
  /** Subscribes and unsubscribes at WebSub hubs; null when WebSub is not configured. */
  private final WebSubClient webSub;
  private volatile boolean closed;

  /** How long a subscription request may go unverified before it is asked again. */
  static final Duration UNVERIFIED_RETRY = Duration.ofSeconds(60);
  /** How long the publication of one poll or push is waited for before the feed moves on. */
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

  PollScheduler(final FeedPoller poller, final Publisher publisher, final int fetchThreads, final int seenCapacity,
      final int perHost, final Consumer<FeedStatus> onStatus) {
    this(poller, publisher, fetchThreads, seenCapacity, perHost, onStatus, null);
  }

  PollScheduler(final FeedPoller poller, final Publisher publisher, final int fetchThreads, final int seenCapacity,
      final int perHost, final Consumer<FeedStatus> onStatus, final WebSubClient webSub) {
    this.webSub = webSub;
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
    if (webSub != null && state.hub != null && state.leaseUntil != null && state.leaseUntil.isAfter(Instant.now())) {
      // Taken over with a live subscription: its renewal is planned from what is left of the lease
      // (the lease the hub granted was told to the instance that subscribed, not to this one).
      state.leaseSeconds = Duration.between(Instant.now(), state.leaseUntil).toSeconds();
      planRenewal(feed.getFeedId(), state);
    }
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
    final ScheduledFuture<?> renewal = renewals.remove(feedId);
    if (renewal != null) {
      renewal.cancel(false);
    }
  }

  /**
   * A feed removed from the feeds topic (or disabled): its WebSub subscription, if it has one, is
   * cancelled at the hub (WebSub §5.1, hub.mode=unsubscribe), then polling stops. A feed merely
   * assigned to another instance keeps its subscription ({@link #cancel}).
   */
  void remove(final String feedId) {
    final FeedState state = states.get(feedId);
    if (webSub != null && state != null && state.hub != null && state.hubTopic != null && state.leaseUntil != null) {
      final String hub = state.hub;
      final String topic = state.hubTopic;
      fetchers.execute(() -> {
        final WebSubClient.Outcome outcome = webSub.request(hub, "unsubscribe", topic, feedId);
        LOG.info("feed {} removed: unsubscribe from {} at {}: {}", feedId, topic, hub, outcome.detail());
      });
    }
    cancel(feedId);
  }

  /**
   * What a hub told any instance about a feed this instance owns ({@link PushKind}): content is
   * published like a poll, under the feed's lock; a verified subscription sets the lease and plans
   * its renewal. Pushes for feeds owned elsewhere are that instance's.
   */
  void pushed(final FeedPush push) {
    final String feedId = push.getFeedId();
    final FeedState state = states.get(feedId);
    if (closed || state == null) {
      return;
    }
    switch (push.getKind()) {
      case DELIVERY -> fetchers.execute(() -> deliver(feedId, state, push));
      case VERIFIED -> {
        if ("subscribe".equals(push.getMode())) {
          final long lease = push.getLeaseSeconds() == null ? 0 : Math.max(0, push.getLeaseSeconds());
          state.verifiedAt = push.getReceivedAt();
          state.leaseSeconds = lease;
          state.leaseUntil = lease > 0 ? push.getReceivedAt().plusSeconds(lease) : null;
          LOG.info("feed {}: subscribed at its hub for {} s", feedId, lease);
          if (lease > 0) {
            planRenewal(feedId, state);
          }
        } else {
          state.verifiedAt = push.getReceivedAt();
          state.leaseUntil = null;
        }
      }
      case DENIED -> {
        state.leaseUntil = null;
        LOG.warn("feed {}: its hub denied the subscription: {}", feedId, push.getReason());
      }
      default -> { }
    }
  }

  private void deliver(final String feedId, final FeedState state, final FeedPush push) {
    final FeedConfig feed = feeds.get(feedId);
    if (closed || feed == null || states.get(feedId) != state) {
      return;
    }
    final byte[] body = new byte[push.getBody().remaining()];
    push.getBody().duplicate().get(body);
    lockQuietly(state);
    try {
      final PollResult result = poller.pushed(feed, state, body, push.getContentType(), push.getReceivedAt());
      publishAndWait(feedId, state, result, null);
    } finally {
      state.busy.unlock();
    }
  }

  /** The renewal of a verified lease, planned a quarter of the lease (at most an hour) before it ends. */
  private void planRenewal(final String feedId, final FeedState state) {
    final Duration margin = Duration.ofSeconds(Math.max(1, Math.min(3600, state.leaseSeconds / 4)));
    final Duration delay = positive(Duration.between(Instant.now(), state.leaseUntil.minus(margin)));
    final ScheduledFuture<?> previous = renewals.put(feedId,
        timer.schedule(() -> fetchers.execute(() -> subscribeIfDue(feedId, true)), delay.toMillis(), TimeUnit.MILLISECONDS));
    if (previous != null) {
      previous.cancel(false);
    }
  }

  /**
   * Asks the feed's hub for a subscription when it has none, or (renewing) when its lease ends
   * within the renewal margin — unless a request is already waiting for the hub's verification.
   */
  private void subscribeIfDue(final String feedId, final boolean renewing) {
    final FeedState state = states.get(feedId);
    if (webSub == null || closed || state == null || state.hub == null || state.hubTopic == null) {
      return;
    }
    final Instant now = Instant.now();
    final boolean active = state.leaseUntil != null && state.leaseUntil.isAfter(now);
    final Duration margin = Duration.ofSeconds(Math.max(1, Math.min(3600, state.leaseSeconds / 4)));
    if (active && !renewing && state.leaseUntil.minus(margin).isAfter(now)) {
      return;
    }
    final Instant asked = state.subscribeRequestedAt;
    final boolean waiting = asked != null && (state.verifiedAt == null || asked.isAfter(state.verifiedAt))
        && asked.plus(UNVERIFIED_RETRY).isAfter(now);
    if (waiting) {
      return;
    }
    state.subscribeRequestedAt = now;
    final WebSubClient.Outcome outcome = webSub.request(state.hub, "subscribe", state.hubTopic, feedId);
    if (outcome.accepted()) {
      LOG.info("feed {}: {} {} at {} ({})", feedId, renewing ? "renewing the subscription to" : "subscribing to",
          state.hubTopic, state.hub, outcome.detail());
    } else {
      LOG.warn("feed {}: the hub {} refused the subscription to {}: {}", feedId, state.hub, state.hubTopic, outcome.detail());
    }
  }

  /** Publishes a poll's or a push's result and waits for its transaction; true when committed. */
  private boolean publishAndWait(final String feedId, final FeedState state, final PollResult result, final FeedConfig moved) {
    final FeedStatus status = result.status();
    try {
      return publisher.submit(result, moved, () -> {
        state.apply(result);
        onStatus.accept(status);
      }, () -> states.get(feedId) == state) // cancelled (or taken over again) since: not this poll's to publish
          .get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("feed {}: publication not confirmed within {} s", feedId, COMMIT_WAIT.toSeconds());
      return false;
    }
  }

  private static void lockQuietly(final FeedState state) {
    state.busy.lock();
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
    lockQuietly(state);
    try {
      final PollResult result = poller.poll(feed, state);
      final FeedStatus status = result.status();
      FeedConfig moved = null;
      if (!status.getUrl().equals(feed.getUrl())) {
        moved = FeedConfig.newBuilder(feed).setUrl(status.getUrl()).build();
        feeds.replace(feedId, feed, moved);
        LOG.info("feed {} moved permanently to {}", feedId, status.getUrl());
      }
      state.nextPollAt = status.getNextPollAt();
      // Reported once committed: a poll whose transaction aborts is repeated, not counted. The feed's
      // lock is held until then, so a push of the same items waits and finds them published.
      final boolean committed = publishAndWait(feedId, state, result, moved);
      if (states.get(feedId) == state) {
        plan(feedId, positive(Duration.between(status.getPolledAt(), status.getNextPollAt())));
      }
      if (committed && webSub != null && status.getHub() != null) {
        fetchers.execute(() -> subscribeIfDue(feedId, false));
      }
    } catch (final RuntimeException e) {
      // A bug or a Kafka failure, not a feed fault: keep the feed scheduled, with backoff.
      LOG.error("polling feed {} failed unexpectedly: {}", feedId, e.toString());
      state.consecutiveFailures++;
      plan(feedId, Duration.ofSeconds(Math.min(3600, 30L << Math.min(state.consecutiveFailures, 7))));
    } finally {
      state.busy.unlock();
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
