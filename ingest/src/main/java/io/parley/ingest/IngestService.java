package io.parley.ingest;

import io.parley.ingest.feed.FeedFetcher;
import io.parley.ingest.feed.FeedParser;
import io.parley.ingest.poll.IngestEngine;
import io.parley.ingest.websub.PushSink;
import io.parley.ingest.websub.WebSubCallback;
import io.parley.ingest.websub.WebSubKeys;
import io.parley.ingest.publish.TopicProducer;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: adds the given feeds to the compacted feeds topic (the source of truth),
 * joins the ingest consumer group to be assigned its share of the feeds, polls them, and writes
 * items to {@code parley.raw-items} and each poll's status and state to {@code parley.feed-status}
 * in Kafka transactions.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final Topics topics;
  private final Map<String, Object> kafka;
  private final IngestEngine engine;
  private final PushSink pushSink;
  private final WebSubCallback callback;

  /**
   * @param config poller settings
   * @param topics the topic catalogue
   * @param kafka bootstrap servers and pass-through client settings
   * @param onStatus called after every poll
   */
  public IngestService(final IngestConfig config, final Topics topics, final Map<String, Object> kafka,
      final Consumer<FeedStatus> onStatus) {
    this(config, topics, kafka, onStatus, stage -> { });
  }

  /**
   * As above, with {@code onDeadLetter} told the stage of every record ingest sends to the
   * dead-letter topic itself (an unreadable feeds record: {@code ingest-feeds}); refused items are
   * in their poll's status ({@code itemsRefused}).
   */
  public IngestService(final IngestConfig config, final Topics topics, final Map<String, Object> kafka,
      final Consumer<FeedStatus> onStatus, final Consumer<String> onDeadLetter) {
    this(config, topics, kafka, onStatus, onDeadLetter, WebSubCallback.Listener.NONE);
  }

  /**
   * As above, with {@code webSubEvents} told what became of each request to the WebSub callback
   * (when {@code PARLEY_WEBSUB_BASE_URL} is set).
   */
  public IngestService(final IngestConfig config, final Topics topics, final Map<String, Object> kafka,
      final Consumer<FeedStatus> onStatus, final Consumer<String> onDeadLetter, final WebSubCallback.Listener webSubEvents) {
    this.topics = topics;
    this.pushSink = config.webSub().isPresent() ? new PushSink(kafka, topics.feedPushes()) : null;
    this.callback = config.webSub().map(w -> new WebSubCallback(new WebSubKeys(w.key()), pushSink, webSubEvents,
        Clock.systemUTC())).orElse(null);
    this.kafka = kafka;
    final FeedFetcher fetcher = new FeedFetcher(config.fetchSettings());
    this.engine = new IngestEngine(config, fetcher, new FeedParser(), Clock.systemUTC(), topics, kafka, onStatus,
        onDeadLetter);
  }

  /** Adds {@code feeds} to the feeds topic (if any) and starts polling this instance's share of all feeds. */
  public void start(final List<FeedConfig> feeds) {
    if (!feeds.isEmpty()) {
      try (TopicProducer producer = new TopicProducer(kafka, "parley-ingest-feeds")) {
        for (final FeedConfig feed : feeds) {
          producer.send(topics.feeds(), feed.getFeedId(), feed);
        }
        producer.flush();
      }
      LOG.info("{} feeds added to {}", feeds.size(), topics.feeds().name());
    }
    engine.start();
  }

  /** The WebSub callback to serve at {@link WebSubCallback#PATH}, when WebSub is configured. */
  public Optional<WebSubCallback> webSubCallback() {
    return Optional.ofNullable(callback);
  }

  /** The transactional producer, for metrics and readiness. */
  public Producer<byte[], byte[]> producer() {
    return engine.producer();
  }

  /** Why this instance cannot take or publish feeds now, if so (for readiness). */
  public Optional<String> notPublishing() {
    return engine.notPublishing();
  }

  /** Feed ids this instance polls now. */
  public Set<String> ownedFeeds() {
    return engine.owned();
  }

  @Override
  public void close() {
    engine.close();
    if (pushSink != null) {
      pushSink.close();
    }
  }
}
