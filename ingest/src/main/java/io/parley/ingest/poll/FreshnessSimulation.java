package io.parley.ingest.poll;

import io.parley.ingest.feed.FeedFetcher;
import io.parley.ingest.feed.FeedParser;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.RawItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A compressed simulated day of polling: the real {@link FeedPoller} (HTTP fetch, parse, dedup,
 * {@link PollPolicy}, backoff and jitter of {@link FeedState}) against feeds served on 127.0.0.1
 * whose items appear in simulated time, on a simulated clock that jumps from one due poll to the
 * next. Each feed has at most one poll at a time, so the server shows each feed as of its own poll's
 * simulated time ({@code asOf}); polls due within the same {@value #WINDOW_SECONDS} simulated
 * seconds run in parallel. What it measures is what the schedule adds: for every item posted in
 * the day, the simulated time from its posting to the poll that fetched it, and the requests made.
 */
public final class FreshnessSimulation {

  /** Polls due within this many simulated seconds of each other run together: less than the shortest interval (the 60 s floor less its jitter), so one feed is never due twice in a window. */
  static final int WINDOW_SECONDS = 30;

  /** The simulated time each poll runs at, per thread: the poller's clock. */
  private static final ThreadLocal<Instant> NOW = new ThreadLocal<>();

  private static final Clock SIMULATED = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return NOW.get();
    }
  };

  /**
   * What one scenario gave.
   *
   * @param waitsSeconds for each item posted in the day and fetched, simulated seconds from posting to fetching
   * @param requests polls made within the day
   * @param missed items posted in the day never fetched by the end of the run
   */
  public record Result(double[] waitsSeconds, long requests, long missed) {}

  private FreshnessSimulation() {}

  /**
   * Runs one scenario.
   *
   * @param feeds the feeds' configs, index {@code i} served at {@code urls.apply(i)}
   * @param asOf where the server reads, per feed index, the simulated time a request is answered at
   * @param posted per feed index, the simulated times its items are posted, ascending
   * @param policy fixed or adaptive
   * @param subscribed per feed index, whether a hub pushes its items (it is then polled at the
   *     ceiling, as a subscribed feed is; its items' waits are not counted here)
   * @param start the day's start; {@code end} its end; polls go on for the ceiling after it
   * @param fetcher the fetcher (real HTTP)
   * @param threads parallel polls
   */
  public static Result run(final List<FeedConfig> feeds, final long[] asOf, final IntFunction<List<Instant>> posted,
      final PollPolicy policy, final IntFunction<Boolean> subscribed, final Instant start, final Instant end,
      final FeedFetcher fetcher, final int threads) throws InterruptedException {
    final FeedPoller poller = new FeedPoller(fetcher, new FeedParser(), SIMULATED, 500, policy, true);
    final FeedState[] states = new FeedState[feeds.size()];
    final PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    final java.util.Random spread = new java.util.Random(7);
    for (int i = 0; i < feeds.size(); i++) {
      states[i] = new FeedState(500);
      if (subscribed.apply(i)) {
        states[i].leaseUntil = end.plus(Duration.ofDays(1));
      }
      // First polls spread over the feed's first interval, as feeds added together are.
      due.add(new long[] {start.toEpochMilli() + (long) (spread.nextDouble() * feeds.get(i).getIntervalSeconds() * 1000L), i});
    }
    final Instant stop = end.plus(policy.ceiling()).plus(Duration.ofMinutes(10));
    final List<Double> waits = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicLong requests = new AtomicLong();
    final ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      while (!due.isEmpty() && due.peek()[0] < stop.toEpochMilli()) {
        final long windowEnd = due.peek()[0] + WINDOW_SECONDS * 1000L;
        final List<long[]> batch = new ArrayList<>();
        while (!due.isEmpty() && due.peek()[0] < windowEnd) {
          batch.add(due.poll());
        }
        final List<Future<long[]>> done = new ArrayList<>();
        for (final long[] event : batch) {
          done.add(pool.submit(() -> {
            final int i = (int) event[1];
            final Instant at = Instant.ofEpochMilli(event[0]);
            asOf[i] = event[0];
            NOW.set(at);
            final PollResult result = poller.poll(feeds.get(i), states[i]);
            states[i].apply(result);
            if (!at.isAfter(end)) {
              requests.incrementAndGet();
            }
            if (!subscribed.apply(i)) {
              for (final RawItem item : result.items()) {
                if (item.getPublished() != null && !item.getPublished().isBefore(start) && !item.getPublished().isAfter(end)) {
                  waits.add(Duration.between(item.getPublished(), at).toMillis() / 1000.0);
                }
              }
            }
            return new long[] {result.status().getNextPollAt().toEpochMilli(), i};
          }));
        }
        for (final Future<long[]> f : done) {
          try {
            due.add(f.get());
          } catch (final java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a simulated poll failed", e.getCause());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    long postedInDay = 0;
    for (int i = 0; i < feeds.size(); i++) {
      if (!subscribed.apply(i)) {
        postedInDay += posted.apply(i).stream().filter(t -> !t.isBefore(start) && !t.isAfter(end)).count();
      }
    }
    final double[] out = waits.stream().mapToDouble(Double::doubleValue).toArray();
    return new Result(out, requests.get(), Math.max(0, postedInDay - out.length));
  }
}
