package io.parley.ingest.poll;

import io.parley.ingest.feed.FeedFetcher;
import io.parley.ingest.feed.FeedParseException;
import io.parley.ingest.feed.FeedParser;
import io.parley.ingest.feed.FetchResult;
import io.parley.ingest.feed.ParsedFeed;
import io.parley.ingest.publish.TopicProducer;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed once: fetch, parse, publish the items not seen before, publish a
 * {@link FeedStatus}. Never throws for a bad feed; every outcome becomes a status.
 */
public final class FeedPoller {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final TopicProducer producer;
  private final Topics topics;
  private final Clock clock;

  public FeedPoller(final FeedFetcher fetcher, final FeedParser parser, final TopicProducer producer,
      final Topics topics, final Clock clock) {
    this.fetcher = fetcher;
    this.parser = parser;
    this.producer = producer;
    this.topics = topics;
    this.clock = clock;
  }

  /** Polls {@code feed} and updates {@code state}; returns the status it published. */
  FeedStatus poll(final FeedConfig feed, final FeedState state) {
    final Instant polledAt = clock.instant();
    final FetchResult fetched = fetcher.fetch(URI.create(feed.getUrl()), state.etag, state.lastModified);
    PollOutcome outcome = fetched.outcome();
    String error = fetched.error();
    int itemsSeen = 0;
    int newItems = 0;
    if (outcome == PollOutcome.OK) {
      try {
        final ParsedFeed parsed = parser.parse(fetched.body(), fetched.contentType(), feed.getFeedId(),
            feed.getUrl(), polledAt);
        itemsSeen = parsed.items().size();
        for (final RawItem item : parsed.items()) {
          if (state.seen.add(item.getItemKey())) {
            producer.send(topics.rawItems(), item.getItemKey(), item);
            newItems++;
          }
        }
        state.etag = fetched.etag();
        state.lastModified = fetched.lastModified();
      } catch (final FeedParseException e) {
        outcome = e.getMessage().startsWith("refused") ? PollOutcome.REFUSED : PollOutcome.PARSE_ERROR;
        error = e.getMessage();
      }
    }
    final Duration next = state.scheduleNext(feed, outcome, fetched.retryAfter());
    final FeedStatus status = FeedStatus.newBuilder()
        .setFeedId(feed.getFeedId())
        .setUrl(feed.getUrl())
        .setPolledAt(polledAt)
        .setOutcome(outcome)
        .setHttpStatus(fetched.httpStatus().orElse(null))
        .setLatencyMs(fetched.latency().toMillis())
        .setItemsSeen(itemsSeen)
        .setNewItems(newItems)
        .setError(error)
        .setNextPollAt(polledAt.plus(next))
        .build();
    producer.send(topics.feedStatus(), feed.getFeedId(), status);
    if (outcome == PollOutcome.OK || outcome == PollOutcome.NOT_MODIFIED) {
      LOG.debug("feed {}: {} ({} new of {})", feed.getFeedId(), outcome, newItems, itemsSeen);
    } else {
      LOG.warn("feed {} ({}): {} {}", feed.getFeedId(), feed.getUrl(), outcome, error);
    }
    return status;
  }
}
