package io.parley.processor.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.AvroSerde;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import io.parley.schemas.Round;
import io.parley.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the newsroom page and the HTTP API show: the committed alerts (each at its latest revision,
 * with its earlier ones), rounds, the tracked articles behind them and each feed's latest poll,
 * read from their topics by one {@code read_committed} consumer of its own (no consumer group: every
 * page server reads everything, so any number of them can run beside each other). Bounded: the
 * most recently updated {@value #MAX_ALERTS} alerts, {@value #MAX_ROUNDS} rounds and
 * {@value #MAX_ARTICLES} articles; the oldest go first.
 *
 * <p>Each alert revision is an {@link Event} whose id is the position in the alerts topic after
 * it (the next offset of every partition, {@code "12.0.7"}): a client that reconnects with the
 * last id it saw gets every later revision this server still holds, whichever server it reaches.
 */
public final class AlertBoard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertBoard.class);

  static final int MAX_ALERTS = 20_000;
  static final int MAX_ROUNDS = 20_000;
  static final int MAX_ARTICLES = 20_000;
  static final int MAX_EVENTS = 10_000;
  private static final int MAX_REVISIONS = 20;
  private static final int MAX_STATUS_CHANGES = 20;

  /** An alert revision as it was read: its place in the alerts topic and the resume id after it. */
  public record Event(int partition, long offset, String id, Alert alert) {}

  /** A round with the status changes this server saw. */
  public record RoundView(Round round, List<StatusChange> changes) {}

  /** A round's status (and closing) as of {@code at}. */
  public record StatusChange(Instant at, String status, boolean closed) {}

  private final Topics topics;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean caughtUp;

  private final AvroSerde<Alert> alertSerde = AvroSerde.of(Alert.class);
  private final AvroSerde<Round> roundSerde = AvroSerde.of(Round.class);
  private final AvroSerde<Article> articleSerde = AvroSerde.of(Article.class);
  private final AvroSerde<FeedStatus> feedSerde = AvroSerde.of(FeedStatus.class);

  // guarded by this
  private final LinkedHashMap<String, ArrayDeque<Alert>> alerts = new LinkedHashMap<>();
  private final LinkedHashMap<String, RoundView> rounds = new LinkedHashMap<>();
  private final LinkedHashMap<String, ObjectNode> articles = new LinkedHashMap<>();
  private final Map<String, FeedStatus> feeds = new TreeMap<>();
  private final Map<String, Instant> lastSuccess = new HashMap<>();
  private final ArrayDeque<Event> events = new ArrayDeque<>();
  private long[] nextOffsets = new long[0];

  private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();

  /**
   * Starts reading {@code topics} with the client settings {@code kafka} (bootstrap servers and any
   * security settings).
   */
  public AlertBoard(final Map<String, Object> kafka, final Topics topics) {
    this.topics = topics;
    final Map<String, Object> config = new HashMap<>(kafka);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "parley-web-" + Long.toHexString(System.nanoTime()));
    // A page shows an alert as soon as its transaction commits: see StreamsSettings on fetch.max.wait.ms.
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this::read, "parley-web-board");
    thread.setDaemon(true);
    thread.start();
  }

  private void read() {
    try {
      final List<TopicPartition> partitions = new ArrayList<>();
      for (final String topic : List.of(topics.feedStatus().name(), topics.articles().name(), topics.rounds().name(),
          topics.alerts().name())) {
        consumer.partitionsFor(topic, Duration.ofSeconds(30))
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      final int alertPartitions = (int) partitions.stream().filter(p -> p.topic().equals(topics.alerts().name())).count();
      synchronized (this) {
        nextOffsets = new long[alertPartitions];
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (running) {
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            apply(r);
          } catch (final RuntimeException e) {
            LOG.warn("page: record {}-{}@{} skipped: {}", r.topic(), r.partition(), r.offset(), e.toString());
          }
        }
        if (!caughtUp && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          caughtUp = true;
          LOG.info("page: caught up with {} alerts, {} rounds, {} feeds", alertCount(), roundCount(), feedCount());
        }
      }
    } catch (final WakeupException e) {
      // closing
    } catch (final RuntimeException e) {
      if (running) {
        LOG.error("page: reading the topics stopped: {}", e.toString());
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void apply(final ConsumerRecord<byte[], byte[]> r) {
    final String topic = r.topic();
    final String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    if (topic.equals(topics.alerts().name())) {
      if (r.value() != null) {
        alert(r.partition(), r.offset(), alertSerde.decode(r.value()));
      }
    } else if (topic.equals(topics.rounds().name())) {
      round(key, r.value() == null ? null : roundSerde.decode(r.value()), Instant.ofEpochMilli(r.timestamp()));
    } else if (topic.equals(topics.articles().name())) {
      if (r.value() != null) {
        article(articleSerde.decode(r.value()));
      }
    } else if (topic.equals(topics.feedStatus().name())) {
      synchronized (this) {
        if (r.value() == null) {
          feeds.remove(key);
        } else {
          final FeedStatus status = feedSerde.decode(r.value());
          feeds.put(status.getFeedId(), status);
          if (status.getOutcome() == PollOutcome.OK || status.getOutcome() == PollOutcome.NOT_MODIFIED) {
            lastSuccess.put(status.getFeedId(), status.getPolledAt());
          }
        }
      }
    }
  }

  private void alert(final int partition, final long offset, final Alert alert) {
    final Event event;
    synchronized (this) {
      ArrayDeque<Alert> revisions = alerts.remove(alert.getAlertId());
      if (revisions == null) {
        revisions = new ArrayDeque<>();
      }
      revisions.addLast(alert);
      while (revisions.size() > MAX_REVISIONS) {
        revisions.removeFirst();
      }
      alerts.put(alert.getAlertId(), revisions); // last = most recently updated
      trim(alerts, MAX_ALERTS);
      if (partition < nextOffsets.length) {
        nextOffsets[partition] = offset + 1;
      }
      event = new Event(partition, offset, position(nextOffsets), alert);
      events.addLast(event);
      while (events.size() > MAX_EVENTS) {
        events.removeFirst();
      }
    }
    for (final Consumer<Event> s : subscribers) {
      s.accept(event);
    }
  }

  private synchronized void round(final String key, final Round round, final Instant at) {
    if (round == null) {
      rounds.remove(key);
      return;
    }
    final RoundView was = rounds.remove(round.getRoundId());
    final List<StatusChange> changes = new ArrayList<>(was == null ? List.of() : was.changes());
    final String status = round.getStatus().name();
    if (changes.isEmpty() || !changes.get(changes.size() - 1).status().equals(status)
        || changes.get(changes.size() - 1).closed() != round.getClosed()) {
      changes.add(new StatusChange(at, status, round.getClosed()));
      if (changes.size() > MAX_STATUS_CHANGES) {
        changes.remove(0);
      }
    }
    rounds.put(round.getRoundId(), new RoundView(round, List.copyOf(changes)));
    trim(rounds, MAX_ROUNDS);
  }

  private synchronized void article(final Article article) {
    if (article.getRoundId() == null) {
      return; // only a round's coverage is shown
    }
    articles.remove(article.getArticleId());
    articles.put(article.getArticleId(), JsonShapes.article(article));
    trim(articles, MAX_ARTICLES);
  }

  private static void trim(final LinkedHashMap<String, ?> map, final int max) {
    final Iterator<String> oldest = map.keySet().iterator();
    while (map.size() > max && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  private static String position(final long[] offsets) {
    final StringBuilder id = new StringBuilder();
    for (int i = 0; i < offsets.length; i++) {
      id.append(i == 0 ? "" : ".").append(offsets[i]);
    }
    return id.toString();
  }

  /**
   * Parses a resume id ({@link Event#id()}); empty when it is not one of this topic's (another
   * partition count, or garbage).
   */
  synchronized Optional<long[]> parsePosition(final String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    final String[] parts = id.strip().split("\\.");
    if (parts.length != nextOffsets.length) {
      return Optional.empty();
    }
    final long[] offsets = new long[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        offsets[i] = Long.parseLong(parts[i]);
      }
    } catch (final NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(offsets);
  }

  /** The revisions held that come after {@code position} (what a client that saw up to it has not seen). */
  synchronized List<Event> since(final long[] position) {
    final List<Event> later = new ArrayList<>();
    for (final Event e : events) {
      if (e.partition() < position.length && e.offset() >= position[e.partition()]) {
        later.add(e);
      }
    }
    return later;
  }

  /** Calls {@code listener} with every revision read from now on (on the reading thread: it must not block). */
  AutoCloseable subscribe(final Consumer<Event> listener) {
    subscribers.add(listener);
    return () -> subscribers.remove(listener);
  }

  /** The latest revision of the alerts {@code filter} accepts, most recently updated first. */
  synchronized List<Alert> alerts(final Predicate<Alert> filter) {
    final List<Alert> matching = new ArrayList<>();
    for (final ArrayDeque<Alert> revisions : alerts.values()) {
      final Alert latest = revisions.getLast();
      if (filter.test(latest)) {
        matching.add(latest);
      }
    }
    matching.sort(Comparator.comparing(Alert::getUpdated).reversed().thenComparing(Alert::getAlertId));
    return matching;
  }

  /** Every revision held of an alert, oldest first. */
  synchronized List<Alert> revisions(final String alertId) {
    final ArrayDeque<Alert> revisions = alerts.get(alertId);
    return revisions == null ? List.of() : List.copyOf(revisions);
  }

  synchronized Optional<RoundView> round(final String roundId) {
    return Optional.ofNullable(rounds.get(roundId));
  }

  /** The articles held of a round, as their JSON shape, by publication time. */
  synchronized List<ObjectNode> articles(final List<String> articleIds) {
    final List<ObjectNode> found = new ArrayList<>();
    for (final String id : articleIds) {
      final ObjectNode a = articles.get(id);
      if (a != null) {
        found.add(a);
      }
    }
    found.sort(Comparator.comparing(a -> a.path("published").asText("")));
    return found;
  }

  /**
   * The last successful poll of a feed among the statuses this server has read (the feed-status
   * topic is compacted, so after compaction only a feed's latest poll is left to read at start).
   */
  synchronized Optional<Instant> lastSuccess(final String feedId) {
    return Optional.ofNullable(lastSuccess.get(feedId));
  }

  synchronized List<FeedStatus> feeds() {
    return List.copyOf(feeds.values());
  }

  /** Whether everything committed when the board started has been read. */
  boolean caughtUp() {
    return caughtUp;
  }

  synchronized int alertCount() {
    return alerts.size();
  }

  synchronized int roundCount() {
    return rounds.size();
  }

  synchronized int feedCount() {
    return feeds.size();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
