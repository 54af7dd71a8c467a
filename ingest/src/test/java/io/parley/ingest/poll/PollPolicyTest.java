package io.parley.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parley.schemas.FeedConfig;
import io.parley.schemas.PollOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Adaptive polling on a fake clock: the interval follows how often a feed publishes, within bounds. */
class PollPolicyTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final PollPolicy ADAPTIVE = PollPolicy.adaptive(Duration.ofSeconds(60), Duration.ofHours(1));

  private static FeedConfig feed(final int intervalSeconds) {
    return FeedConfig.newBuilder().setFeedId("f").setUrl("https://f.test/rss").setIntervalSeconds(intervalSeconds)
        .setAddedAt(NOW).build();
  }

  /** {@code n} items, the newest {@code sinceNewest} ago, one every {@code every}. */
  private static List<Instant> items(final int n, final Duration every, final Duration sinceNewest) {
    final List<Instant> dates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      dates.add(NOW.minus(sinceNewest).minus(every.multipliedBy(i)));
    }
    return dates;
  }

  private static Duration learned(final List<Instant> dates) {
    return ADAPTIVE.interval(feed(300), ADAPTIVE.learn(0, dates, 0, null, NOW));
  }

  @Test
  void aBusyWireIsPolledAtTheFloorAQuietBlogAtTheCeilingAnHourlyFeedInBetween() {
    assertThat(learned(items(20, Duration.ofSeconds(90), Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(60));
    assertThat(learned(items(5, Duration.ofDays(2), Duration.ofHours(20)))).isEqualTo(Duration.ofHours(1));
    assertThat(learned(items(20, Duration.ofHours(1), Duration.ofMinutes(10))).toMinutes()).isBetween(25L, 32L);
    // Quiet for three days since its last burst: not polled as if it were still bursting.
    assertThat(learned(items(20, Duration.ofMinutes(2), Duration.ofDays(3)))).isEqualTo(Duration.ofHours(1));
    // Everything it lists is older than the window.
    assertThat(learned(items(10, Duration.ofDays(3), Duration.ofDays(30)))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void beforeAnythingIsLearnedAndUnderFixedPollingAFeedKeepsItsOwnInterval() {
    assertThat(ADAPTIVE.interval(feed(300), 0)).isEqualTo(Duration.ofMinutes(5));
    assertThat(ADAPTIVE.learn(0, List.of(), 0, null, NOW)).isZero();
    final PollPolicy fixed = PollPolicy.fixed();
    assertThat(fixed.interval(feed(300), 40.0)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aFeedConfiguredFasterThanTheFloorMayBePolledThatFast() {
    assertThat(ADAPTIVE.interval(feed(5), 500.0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(ADAPTIVE.interval(feed(300), 500.0)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aFeedThatDatesNothingIsLearnedFromTheNewItemsOfEachPoll() {
    final double first = ADAPTIVE.learn(0, List.of(), 6, Duration.ofHours(1), NOW);
    assertThat(first).isCloseTo(6.0, within(1e-9));
    assertThat(ADAPTIVE.interval(feed(300), first)).isEqualTo(Duration.ofMinutes(5));
    // One quiet poll moves it a little, not all the way.
    assertThat(ADAPTIVE.learn(first, List.of(), 0, Duration.ofHours(1), NOW)).isCloseTo(4.2, within(1e-9));
  }

  @Test
  void aNewReadingOfTheDocumentOutweighsWhatWasLearnedBefore() {
    final double read = ADAPTIVE.learn(0, items(20, Duration.ofMinutes(30), Duration.ZERO), 0, null, NOW);
    assertThat(ADAPTIVE.learn(10.0, items(20, Duration.ofMinutes(30), Duration.ZERO), 0, null, NOW))
        .isCloseTo(0.7 * read + 0.3 * 10.0, within(1e-9));
  }

  @Test
  void backoffAndTheServersWaitStillApplyOnTopOfTheLearnedInterval() {
    final FeedState state = new FeedState(10);
    final Duration failed = state.scheduleNext(Duration.ofSeconds(60), PollOutcome.HTTP_ERROR, Optional.empty());
    assertThat(failed.toSeconds()).isBetween(108L, 132L); // doubled, ±10 % jitter
    final Duration asked = state.scheduleNext(Duration.ofSeconds(60), PollOutcome.OK, Optional.of(Duration.ofMinutes(10)));
    assertThat(asked).isEqualTo(Duration.ofMinutes(10));
  }

  /**
   * A day of a thousand feeds on a fake clock — 5 % wires posting every one to three minutes, 25 %
   * posting every hour or so, 70 % blogs posting two or three times a day, at uneven times — polled
   * every 300 s, then adaptively: the item-weighted median wait from posting to fetching falls to
   * at most a third, for no more requests in total.
   */
  @Test
  void overADayOfUnevenFeedsAdaptivePollingIsFresherForNoMoreRequests() {
    final Random random = new Random(7);
    final List<List<Instant>> posts = new ArrayList<>();
    final Instant start = NOW.minus(Duration.ofDays(2));
    for (int f = 0; f < 1_000; f++) {
      final double meanGapSeconds = f < 50 ? 60 + random.nextInt(120) : f < 300 ? 2_400 + random.nextInt(2_400)
          : 28_800 + random.nextInt(14_400);
      final List<Instant> times = new ArrayList<>();
      for (Instant t = start.plusSeconds((long) (random.nextDouble() * meanGapSeconds)); t.isBefore(NOW);
          t = t.plusSeconds(1 + (long) (-Math.log(1 - random.nextDouble()) * meanGapSeconds))) {
        times.add(t);
      }
      posts.add(times);
    }
    final Day fixed = simulate(posts, PollPolicy.fixed(), start);
    final Day adaptive = simulate(posts, ADAPTIVE, start);
    assertThat(adaptive.medianWaitSeconds()).as("median freshness, adaptive against fixed (%s vs %s)",
        adaptive.medianWaitSeconds(), fixed.medianWaitSeconds()).isLessThanOrEqualTo(fixed.medianWaitSeconds() / 3);
    assertThat(adaptive.requests()).as("requests in the day, adaptive against fixed").isLessThanOrEqualTo(fixed.requests());
  }

  private record Day(double medianWaitSeconds, long requests) {}

  /**
   * Polls each feed from {@code start} (the first day learns, unmeasured) to {@link #NOW}, as
   * {@link FeedPoller} does: the document lists the newest twenty posts, the rate is learned from
   * their dates, and the next poll follows the policy's interval (no jitter, no failures).
   */
  private static Day simulate(final List<List<Instant>> posts, final PollPolicy policy, final Instant start) {
    final Instant measuredFrom = start.plus(Duration.ofDays(1));
    final List<Long> waits = new ArrayList<>();
    long requests = 0;
    for (final List<Instant> feedPosts : posts) {
      double rate = 0;
      Instant previous = null;
      int seen = 0; // posts fetched so far (they come in order)
      for (Instant poll = start.plusSeconds(feedPosts.size() % 300); poll.isBefore(NOW); ) {
        int upTo = seen;
        while (upTo < feedPosts.size() && !feedPosts.get(upTo).isAfter(poll)) {
          upTo++;
        }
        if (!poll.isBefore(measuredFrom)) {
          requests++;
          for (int i = seen; i < upTo; i++) {
            if (!feedPosts.get(i).isBefore(measuredFrom)) {
              waits.add(Duration.between(feedPosts.get(i), poll).toSeconds());
            }
          }
        }
        final List<Instant> document = new ArrayList<>(feedPosts.subList(Math.max(0, upTo - 20), upTo));
        Collections.reverse(document);
        rate = policy.learn(rate, document, upTo - seen, previous == null ? null : Duration.between(previous, poll), poll);
        seen = upTo;
        previous = poll;
        poll = poll.plus(policy.interval(feed(300), rate));
      }
    }
    Collections.sort(waits);
    return new Day(waits.isEmpty() ? 0 : waits.get(waits.size() / 2), requests);
  }
}
