package io.parley.ingest.poll;

import io.parley.schemas.DeadLetter;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the feeds among ingest instances with Kafka's own consumer-group assignment of the
 * feeds topic's partitions — no home-made coordinator. On assignment an instance reads its
 * partitions from the beginning (the topic is compacted: the latest config of each feed), takes
 * over each feed's last committed state from the feed-status topic, and polls; on revocation it
 * stops polling those feeds; later records (added, changed or removed feeds) apply at once.
 */
final class FeedAssignments implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedAssignments.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Object> kafka;
  private final Topics topics;
  private final PollScheduler scheduler;
  private final Map<TopicPartition, Long> loadingUntil = new HashMap<>();
  private final Map<TopicPartition, Map<String, FeedConfig>> loading = new HashMap<>();
  private final Map<TopicPartition, Set<String>> owned = new HashMap<>();
  private final Thread thread;
  private volatile Publisher.GroupPosition position;
  private volatile boolean running = true;
  /** Why the loop is failing now, or null: readiness reports it. */
  private volatile String failing;
  private final Consumer<DeadLetter> deadLetters;

  /**
   * @param deadLetters where a feeds record that cannot be read goes (published with the next
   *     transaction, to {@code parley.dlq})
   */
  FeedAssignments(final Map<String, Object> kafka, final Topics topics, final PollScheduler scheduler,
      final Consumer<DeadLetter> deadLetters) {
    this.deadLetters = deadLetters;
    final Map<String, Object> config = new HashMap<>(kafka);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, topics.prefix() + "ingest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "parley-ingest-feeds");
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.kafka = kafka;
    this.topics = topics;
    this.scheduler = scheduler;
    this.thread = new Thread(this::loop, "parley-ingest-assignments");
    this.thread.setDaemon(true);
  }

  /** Joins the group and starts polling what it is given. */
  FeedAssignments start() {
    consumer.subscribe(List.of(topics.feeds().name()), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
        consumer.seekToBeginning(partitions);
        consumer.endOffsets(partitions).forEach(loadingUntil::put);
        partitions.forEach(p -> loading.put(p, new HashMap<>()));
        LOG.info("ingest assigned feed partitions {}", partitions);
      }

      @Override
      public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
        position = null; // no commits until the new generation is known
        release(partitions);
      }

      @Override
      public void onPartitionsLost(final Collection<TopicPartition> partitions) {
        position = null;
        release(partitions);
      }
    });
    thread.start();
    return this;
  }

  /** What each transaction commits with, or null while not a settled member. */
  Publisher.GroupPosition position() {
    return position;
  }

  /**
   * Reads the feeds topic until closed. Supervised: a record that cannot be read is a dead letter
   * and is skipped; any other failure is logged, reported by {@link #failing()} (so readiness says
   * so) and retried with a growing pause, never a silent stop.
   */
  private void loop() {
    long pauseMs = 500;
    try {
      while (running) {
        try {
          for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            apply(r);
          }
          finishLoading();
          final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
          for (final TopicPartition tp : consumer.assignment()) {
            offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
          }
          position = offsets.isEmpty() || !loading.isEmpty() ? null
              : new Publisher.GroupPosition(consumer.groupMetadata(), offsets);
          failing = null;
          pauseMs = 500;
        } catch (final WakeupException e) {
          throw e;
        } catch (final RuntimeException e) {
          position = null;
          failing = "feed assignment failing: " + e;
          LOG.error("feed assignment failed, retrying in {} ms: {}", pauseMs, e.toString());
          Thread.sleep(pauseMs);
          pauseMs = Math.min(30_000, pauseMs * 2);
        }
      }
    } catch (final WakeupException e) {
      // closing
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      position = null;
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Why feed assignment is failing now, if it is. */
  Optional<String> failing() {
    if (running && !thread.isAlive() && thread.getState() != Thread.State.NEW) {
      return Optional.of("feed assignment thread stopped");
    }
    return Optional.ofNullable(failing);
  }

  private void apply(final ConsumerRecord<byte[], byte[]> r) {
    final TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    final String feedId;
    final FeedConfig feed;
    try {
      feedId = topics.feeds().keySerde().deserializer().deserialize(r.topic(), r.key());
      feed = topics.feeds().valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (final RuntimeException e) { // e.g. written by a newer Parley with a schema this one does not know
      LOG.warn("feeds record {}-{}@{} cannot be read, sent to the dead letters: {}", r.topic(), r.partition(), r.offset(),
          e.toString());
      deadLetters.accept(DeadLetter.newBuilder().setStage("ingest-feeds").setTopic(r.topic()).setPartition(r.partition())
          .setOffset(r.offset()).setKey(r.key() == null ? null : ByteBuffer.wrap(r.key()))
          .setValue(r.value() == null ? null : ByteBuffer.wrap(r.value()))
          .setError(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""))
          .setErrorClass(e.getClass().getName()).setFailedAt(Instant.now()).build());
      return;
    }
    if (loading.containsKey(tp)) {
      if (feed == null) {
        loading.get(tp).remove(feedId);
      } else {
        loading.get(tp).put(feedId, feed);
      }
      return;
    }
    if (feed == null || !feed.getEnabled()) {
      scheduler.remove(feedId);
      owned.getOrDefault(tp, new HashSet<>()).remove(feedId);
    } else {
      scheduler.schedule(feed, FeedStatuses.latest(kafka, topics, Set.of(feedId), Set.of()).get(feedId));
      owned.computeIfAbsent(tp, p -> new HashSet<>()).add(feedId);
    }
  }

  private void finishLoading() {
    final Set<TopicPartition> done = loading.keySet().stream()
        .filter(tp -> consumer.position(tp) >= loadingUntil.getOrDefault(tp, 0L))
        .collect(Collectors.toSet());
    if (done.isEmpty()) {
      return;
    }
    final Map<String, FeedConfig> feeds = new HashMap<>();
    done.forEach(tp -> feeds.putAll(loading.get(tp)));
    final Set<Integer> partitions = done.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    final Map<String, FeedStatus> last = FeedStatuses.latest(kafka, topics, feeds.keySet(), partitions);
    for (final TopicPartition tp : done) {
      final Map<String, FeedConfig> partitionFeeds = loading.remove(tp);
      loadingUntil.remove(tp);
      partitionFeeds.values().stream().filter(FeedConfig::getEnabled)
          .forEach(f -> scheduler.schedule(f, last.get(f.getFeedId())));
      owned.put(tp, new HashSet<>(partitionFeeds.keySet()));
    }
    LOG.info("ingest now polls {} feeds", scheduler.owned().size());
  }

  private void release(final Collection<TopicPartition> partitions) {
    for (final TopicPartition tp : partitions) {
      loading.remove(tp);
      loadingUntil.remove(tp);
      final Set<String> feeds = owned.remove(tp);
      if (feeds != null) {
        feeds.forEach(scheduler::cancel);
      }
    }
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
