package io.parley.ingest.poll;

import io.parley.schemas.DeadLetter;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topic;
import io.parley.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes polls in Kafka transactions: a poll's new items and the status that records them as
 * published are committed together or not at all, so an item is published once even if the
 * instance dies mid-poll (the next owner of the feed restores the last committed status and
 * publishes what was lost). Each transaction also commits the instance's position on the feeds
 * topic with its consumer-group metadata, so an instance that lost its feeds in a rebalance (a
 * zombie) cannot commit anymore. Polls are batched for about {@value #LINGER_MS} ms per
 * transaction.
 */
final class Publisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
  static final long LINGER_MS = 50;
  private static final int MAX_BATCH = 500;

  /** The group generation and feeds-topic positions to commit with each transaction. */
  record GroupPosition(ConsumerGroupMetadata metadata, Map<TopicPartition, OffsetAndMetadata> offsets) {}

  /** A poll to publish, or (with {@code result} null) a dead letter alone. */
  /**
   * A poll (or a dead letter) waiting for a transaction. {@code owned} says whether this instance
   * still owns the poll's feed, as it did when the poll began.
   */
  private record Pending(PollResult result, Runnable onCommitted, FeedConfig movedFeed, DeadLetter deadLetter,
      BooleanSupplier owned, CompletableFuture<Boolean> done) {}

  private final KafkaProducer<byte[], byte[]> producer;
  private final Topics topics;
  private final Supplier<GroupPosition> group;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  /** Why this instance cannot publish now, or null: readiness reports it. */
  private volatile String cannotPublish;

  Publisher(final Map<String, Object> kafka, final String transactionalId, final Topics topics,
      final Supplier<GroupPosition> group) {
    final Map<String, Object> config = new HashMap<>(kafka);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // A transaction left open by a crash blocks read_committed readers until it times out.
    config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    this.producer.initTransactions();
    this.topics = topics;
    this.group = group;
    this.thread = new Thread(this::loop, "parley-ingest-publisher");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues a poll; {@code onCommitted} runs once its transaction has committed. Dropped once
   * fenced, or when {@code owned} turns false before its transaction begins: the feed went to
   * another instance meanwhile, which takes over its last committed state and polls it again.
   */
  CompletableFuture<Boolean> submit(final PollResult result, final FeedConfig movedFeed, final Runnable onCommitted,
      final BooleanSupplier owned) {
    final CompletableFuture<Boolean> done = new CompletableFuture<>();
    if (running) {
      queue.add(new Pending(result, onCommitted, movedFeed, null, owned, done));
    } else {
      done.complete(false);
    }
    return done;
  }

  /** Queues a record for {@code parley.dlq}, published with the next transaction. */
  void deadLetter(final DeadLetter deadLetter) {
    if (running) {
      queue.add(new Pending(null, () -> { }, null, deadLetter, () -> true, new CompletableFuture<>()));
    }
  }

  /** Why this instance cannot publish now (fenced, or its last transaction failed), if so. */
  Optional<String> cannotPublish() {
    return Optional.ofNullable(cannotPublish);
  }

  KafkaProducer<byte[], byte[]> client() {
    return producer;
  }

  private void loop() {
    final List<Pending> batch = new ArrayList<>();
    while (running) {
      try {
        final Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
        while (batch.size() < MAX_BATCH) {
          final Pending next = queue.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        commit(batch);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (final RuntimeException e) {
        // Not a Kafka failure (those are handled in commit): a bug. The thread goes on, the polls
        // of the batch are repeated, and readiness says so until a transaction commits again.
        LOG.error("ingest publisher failed on a batch of {} polls; they will be repeated: {}", batch.size(), e.toString());
        cannotPublish = "ingest publisher failing: " + e;
        batch.forEach(p -> p.done().complete(false));
        try {
          producer.abortTransaction();
        } catch (final RuntimeException ignored) {
          // no transaction was open, or the producer reports it at the next begin
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(final List<Pending> batch) {
    final GroupPosition position = group.get();
    if (position == null) {
      // Not (or not yet, or no longer) a settled member: polls are dropped — their feeds are polled
      // again by whoever owns them — but a dead letter waits for the next transaction.
      batch.stream().filter(p -> p.result() == null).forEach(queue::add);
      batch.stream().filter(p -> p.result() != null).forEach(p -> p.done().complete(false));
      if (batch.stream().anyMatch(p -> p.result() == null)) {
        sleepQuietly(200);
      }
      return;
    }
    // Regression: a poll of a feed that was handed to another instance while it ran was published
    // with this instance's next position, and the new owner — which had read the feed's state
    // before it — published the same items again (ThreeBrokerIT, two ingest instances).
    batch.removeIf(p -> {
      final boolean drop = p.result() != null && !p.owned().getAsBoolean();
      if (drop) {
        p.done().complete(false);
      }
      return drop;
    });
    if (batch.isEmpty()) {
      return;
    }
    try {
      producer.beginTransaction();
      for (final Pending p : batch) {
        if (p.result() == null) {
          send(topics.dlq(), p.deadLetter().getKey() == null ? null : p.deadLetter().getKey().array(), p.deadLetter());
          continue;
        }
        for (final RawItem item : p.result().items()) {
          send(topics.rawItems(), item.getItemKey(), item);
        }
        for (final DeadLetter refused : p.result().refused()) {
          send(topics.dlq(), refused.getKey().array(), refused);
        }
        send(topics.feedStatus(), p.result().status().getFeedId(), p.result().status());
        if (p.movedFeed() != null) {
          send(topics.feeds(), p.movedFeed().getFeedId(), p.movedFeed());
        }
      }
      producer.sendOffsetsToTransaction(position.offsets(), position.metadata());
      producer.commitTransaction();
      cannotPublish = null;
      batch.forEach(p -> {
        p.onCommitted().run();
        p.done().complete(true);
      });
    } catch (final ProducerFencedException | InvalidProducerEpochException e) {
      // Another instance runs with this one's transactional id (the same PARLEY_INSTANCE_ID): it
      // publishes now. This one stops publishing and says so on /health/ready, never in silence.
      LOG.error("ingest producer fenced ({}): another instance uses the same instance id; {} polls dropped, "
          + "this instance publishes nothing more", e.getMessage(), batch.size());
      cannotPublish = "ingest producer fenced: another instance uses this instance id (PARLEY_INSTANCE_ID)";
      running = false;
      batch.forEach(p -> p.done().complete(false));
      queue.forEach(p -> p.done().complete(false));
      queue.clear();
    } catch (final KafkaException e) {
      // Nothing of the batch is visible; the feeds are polled again and publish what was lost.
      cannotPublish = "ingest transaction failed: " + e.getMessage();
      LOG.warn("ingest transaction aborted: {}; {} polls will be repeated", e.getMessage(), batch.size());
      batch.forEach(p -> p.done().complete(false));
      try {
        producer.abortTransaction();
      } catch (final KafkaException ignored) {
        // the next beginTransaction reports a producer that cannot continue
      }
    }
  }

  private static void sleepQuietly(final long ms) {
    try {
      Thread.sleep(ms);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <K, V> void send(final Topic<K, V> topic, final K key, final V value) {
    producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value)));
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.forEach(p -> p.done().complete(false));
    producer.close(Duration.ofSeconds(10));
  }
}
