package io.parley.ingest;

import io.parley.ingest.feed.FeedFetcher;
import io.parley.ingest.feed.FeedParser;
import io.parley.ingest.poll.FeedPoller;
import io.parley.ingest.poll.PollScheduler;
import io.parley.ingest.publish.TopicProducer;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: records the feed list in {@code parley.feeds}, polls every feed on its
 * schedule, and writes items to {@code parley.raw-items} and poll outcomes to
 * {@code parley.feed-status}.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final Topics topics;
  private final TopicProducer producer;
  private final PollScheduler scheduler;

  /**
   * @param config poller settings
   * @param topics the topic catalogue
   * @param kafka bootstrap servers and pass-through client settings
   * @param onStatus called after every poll
   */
  public IngestService(final IngestConfig config, final Topics topics, final Map<String, Object> kafka,
      final Consumer<FeedStatus> onStatus) {
    this.topics = topics;
    this.producer = new TopicProducer(kafka, "parley-ingest");
    final FeedFetcher fetcher = new FeedFetcher(new FeedFetcher.FetchSettings(
        config.connectTimeout(), config.requestTimeout(), config.maxBodyBytes(), config.userAgent()));
    final FeedPoller poller = new FeedPoller(fetcher, new FeedParser(), producer, topics, Clock.systemUTC());
    this.scheduler = new PollScheduler(poller, config.fetchThreads(), config.seenCapacity(), onStatus);
  }

  /**
   * Records {@code feeds} in the feed topic and starts polling them, spread over the first few
   * seconds so that a large list does not start with a burst.
   */
  public void start(final List<FeedConfig> feeds) {
    for (final FeedConfig feed : feeds) {
      producer.send(topics.feeds(), feed.getFeedId(), feed);
    }
    producer.flush();
    final long spreadMs = Math.min(5_000, 50L * feeds.size());
    for (final FeedConfig feed : feeds) {
      final long delay = spreadMs == 0 ? 0 : ThreadLocalRandom.current().nextLong(spreadMs + 1);
      scheduler.schedule(feed, Duration.ofMillis(delay));
    }
    LOG.info("polling {} feeds", feeds.size());
  }

  /** The producer, for metrics binding. */
  public TopicProducer producer() {
    return producer;
  }

  @Override
  public void close() {
    scheduler.close();
    producer.close();
  }
}
