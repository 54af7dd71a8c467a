package io.parley.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedWatchTest {

  private static FeedStatus status(final String feed, final PollOutcome outcome, final String error) {
    return FeedStatus.newBuilder().setFeedId(feed).setUrl("https://" + feed + ".test/rss").setPolledAt(Instant.now())
        .setOutcome(outcome).setLatencyMs(1).setError(error).build();
  }

  @Test
  void saysWhyNoFeedHasAnsweredUntilOneDoes() {
    try (FeedWatch watch = new FeedWatch(new PrintWriter(new StringWriter()), Duration.ofHours(1), Duration.ofHours(2))) {
      assertThat(watch.line()).as("nothing polled yet").isNull();
      watch.accept(status("a", PollOutcome.NETWORK_ERROR, "host not found: a.test does not resolve (DNS)"));
      watch.accept(status("b", PollOutcome.NETWORK_ERROR, "host not found: a.test does not resolve (DNS)"));
      watch.accept(status("c", PollOutcome.TIMEOUT, "no connection within 10000 ms"));
      assertThat(watch.line()).isEqualTo("parley: no feed has answered yet — 3 polled, all failed: "
          + "2× NETWORK_ERROR host not found: a.test does not resolve (DNS); 1× TIMEOUT no connection within 10000 ms. "
          + "Check the URLs and the network, or try --demo for sample feeds.");
      watch.accept(status("c", PollOutcome.NOT_MODIFIED, null));
      assertThat(watch.line()).isNull();
    }
  }
}
