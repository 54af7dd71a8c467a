package io.parley.processor.replay;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.rounds.RoundAssigner;
import io.parley.processor.signals.ArticleCoder;
import io.parley.processor.topology.DeadLetterHandlers;
import io.parley.processor.topology.ParleyTopology;
import io.parley.processor.topology.TopologyListener;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.DeadLetter;
import io.parley.schemas.RawItem;
import io.parley.schemas.Round;
import io.parley.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Runs items through the production {@code Topology} with Kafka Streams' {@link TopologyTestDriver}:
 * the same processors, stores and repartitioning as the service — the stores in memory, since the
 * driver commits after every record — driven synchronously in one thread with event time = the
 * items' published time. That makes replay deterministic (same input,
 * same round ids), fast (no broker round trips) and runnable anywhere without a cluster.
 */
public final class Replayer {

  private final Topics topics = Topics.standard();
  private final ProcessorConfig config;

  public Replayer(final ProcessorConfig config) {
    this.config = config;
  }

  /**
   * Replays {@code items} in order.
   *
   * @param progress called with the number of items done, every 1,000 items and at the end
   */
  public ReplayResult run(final Iterable<RawItem> items, final IntConsumer progress) {
    final Path stateDir = tempDir();
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "parley-replay");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    DeadLetterHandlers.configure(props, topics.dlq().name(),
        TopologyListener.NONE);
    final Map<String, Article> articles = new LinkedHashMap<>();
    final Map<String, Round> rounds = new LinkedHashMap<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(ParleyTopology.build(topics, config,
        ArticleCoder.bundled(), TopologyListener.NONE,
        ParleyTopology.StoreKind.IN_MEMORY), props)) {
      final TestInputTopic<String, RawItem> in = driver.createInputTopic(
          topics.rawItems().name(), topics.rawItems().keySerde().serializer(), topics.rawItems().valueSerde().serializer());
      final TestOutputTopic<String, Article> articleOut = driver.createOutputTopic(
          topics.articles().name(), Serdes.String().deserializer(), topics.articles().valueSerde().deserializer());
      final TestOutputTopic<String, Round> roundOut = driver.createOutputTopic(
          topics.rounds().name(), Serdes.String().deserializer(), topics.rounds().valueSerde().deserializer());
      final TestOutputTopic<String, Alert> alertOut = driver.createOutputTopic(
          topics.alerts().name(), Serdes.String().deserializer(), topics.alerts().valueSerde().deserializer());
      final TestOutputTopic<byte[], DeadLetter> dlqOut = driver.createOutputTopic(
          topics.dlq().name(), Serdes.ByteArray().deserializer(), topics.dlq().valueSerde().deserializer());
      // The driver keeps what the topology writes to its internal topic until it is read.
      final TestOutputTopic<byte[], byte[]> internal = driver.createOutputTopic(
          "parley-replay-" + ParleyTopology.ARTICLES_BY_TRACK + "-repartition",
          Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
      int done = 0;
      for (final RawItem item : items) {
        final Instant eventTime = item.getPublished() != null ? item.getPublished() : item.getFetchedAt();
        // A Kafka timestamp cannot be before 1970: such an item is stamped 1970 and its date judged
        // by the normalizer (which refuses it to the dead letters as implausible).
        in.pipeInput(item.getItemKey(), item, eventTime.isBefore(Instant.EPOCH) ? Instant.EPOCH : eventTime);
        // Rounds are published on a wall-clock schedule; each item's changes are published right
        // after it, so rounds.jsonl lists rounds in the order they first appeared.
        driver.advanceWallClockTime(RoundAssigner.PUBLISH_EVERY);
        done++;
        if (done % 1_000 == 0) {
          internal.readRecordsToList();
          drain(articleOut, roundOut, alertOut, dlqOut, articles, rounds, alerts, deadLetters);
          progress.accept(done);
        }
      }
      drain(articleOut, roundOut, alertOut, dlqOut, articles, rounds, alerts, deadLetters);
      progress.accept(done);
    } finally {
      deleteQuietly(stateDir);
    }
    return new ReplayResult(new ArrayList<>(articles.values()), new ArrayList<>(rounds.values()), alerts, deadLetters);
  }

  private static void drain(final TestOutputTopic<String, Article> articleOut,
      final TestOutputTopic<String, Round> roundOut, final TestOutputTopic<String, Alert> alertOut,
      final TestOutputTopic<byte[], DeadLetter> dlqOut, final Map<String, Article> articles,
      final Map<String, Round> rounds, final List<Alert> alerts, final List<DeadLetter> deadLetters) {
    // Later versions of an article (one per feed that carried it) replace earlier ones.
    articleOut.readValuesToList().forEach(a -> articles.put(a.getArticleId(), a));
    // The rounds topic is compacted: the latest state of each round is what a reader keeps.
    roundOut.readValuesToList().forEach(r -> rounds.put(r.getRoundId(), r));
    alerts.addAll(alertOut.readValuesToList());
    deadLetters.addAll(dlqOut.readValuesToList());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("parley-replay-");
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot create a temporary state directory: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(final Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (final IOException ignored) {
      // a temporary directory; the OS cleans up what is left
    }
  }

  /**
   * What a replay produced.
   *
   * @param articles one per article id, latest version, in order of first output
   * @param rounds latest state of each round, in order of first output
   * @param alerts every alert revision, in output order
   * @param deadLetters items that could not be processed
   */
  public record ReplayResult(List<Article> articles, List<Round> rounds, List<Alert> alerts,
      List<DeadLetter> deadLetters) {}
}
