package io.parley.processor.topology;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.alerts.AlertPolicy;
import io.parley.processor.alerts.Alerter;
import io.parley.processor.dedup.Deduplicator;
import io.parley.processor.normalize.Normalizer;
import io.parley.processor.rounds.BacklogOrder;
import io.parley.processor.rounds.RoundAssigner;
import io.parley.processor.rounds.RoundUpdate;
import io.parley.processor.signals.ArticleCoder;
import io.parley.processor.signals.Gazetteer;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.AvroSerde;
import io.parley.schemas.RawItem;
import io.parley.schemas.Round;
import io.parley.schemas.Topic;
import io.parley.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Parley's stream topology, built with no I/O:
 *
 * <pre>
 * raw-items ─ code-articles ─┬─ failed ─────────────────────────────────────────────▶ dlq
 *  (bytes)   decode,         └─ ok ─┬─ no track ────────────────────────────────────▶ articles
 *            normalize,             └─ by track ─▶ (repartition articles-by-track)
 *            signals                                 └─ order-backlog [backlog-held]
 *                                                       └─ mark-duplicates [dedup-signatures]
 *                                                          └─ assign-rounds ─┬─ new articles ─▶ articles
 *                                                             [open-rounds]  ├─ rounds ───▶ rounds
 *                                                                            │  (latest states, each 100 ms)
 *                                                                            └─ raise-alerts ▶ alerts
 *                                                                               [alert-state]
 * </pre>
 *
 * Articles are repartitioned by track so that every round and alert decision about a track is
 * taken in one task, in order, with its state; processors, branches, stores and the repartition
 * topic are named so internal topic names stay stable across versions.
 */
public final class ParleyTopology {

  /** Name of the repartition step by track; the internal topic is {@code <application.id>-articles-by-track-repartition}. */
  public static final String ARTICLES_BY_TRACK = "articles-by-track";

  /**
   * Names of the steps where a raw item's way through the topology ends (each forwards to its
   * sink): a failure's dead letter, an untracked article, a tracked article's round update
   * (whose alerts are raised by an earlier child of the same step). Tools that watch the topology
   * from outside, like the benchmark, attach to these names.
   */
  public static final String DEAD_LETTER_STEP = "to-dead-letter";
  public static final String UNTRACKED_STEP = "key-untracked-by-article";
  public static final String ROUNDS_STEP = "assign-rounds";
  /** The step that raises alerts; its children write them. */
  public static final String ALERTS_STEP = "raise-alerts";

  /** Places that also name a party: not venues when rounds tell engagements apart. */
  private static final Map<String, String> PARTY_PLACES = Gazetteer.bundled().partyPlaces();

  private ParleyTopology() {}

  /** Where state stores keep their data. */
  public enum StoreKind { PERSISTENT, IN_MEMORY }

  /** Builds the topology for {@code topics} with the bundled rules and gazetteer. */
  public static Topology build(final Topics topics, final ProcessorConfig config) {
    return build(topics, config, ArticleCoder.bundled(), TopologyListener.NONE);
  }

  /** Builds the service topology (RocksDB stores) with the given article coder, reporting to {@code listener}. */
  public static Topology build(final Topics topics, final ProcessorConfig config, final ArticleCoder coder,
      final TopologyListener listener) {
    return build(topics, config, coder, listener, StoreKind.PERSISTENT);
  }

  /**
   * Builds the topology. {@link StoreKind#IN_MEMORY} gives the same processors on in-memory stores,
   * for replay: the test driver commits after every record, which would flush RocksDB each time.
   */
  public static Topology build(final Topics topics, final ProcessorConfig config, final ArticleCoder coder,
      final TopologyListener listener, final StoreKind stores) {
    final boolean disk = stores == StoreKind.PERSISTENT;
    final StreamsBuilder builder = new StreamsBuilder();
    final AvroSerde<Article> articleSerde = AvroSerde.of(Article.class);

    // Cached: a busy round or alert is rewritten by every article, and the cache sends only its
    // latest state per commit to RocksDB and the changelog.
    builder.addStateStore(logged(Stores.keyValueStoreBuilder(keyValue(RoundAssigner.STORE, disk),
        Serdes.String(), AvroSerde.of(Round.class)).withCachingEnabled(), disk));
    builder.addStateStore(logged(Stores.keyValueStoreBuilder(keyValue(BacklogOrder.STORE, disk),
        Serdes.String(), articleSerde), disk));
    builder.addStateStore(logged(Stores.keyValueStoreBuilder(keyValue(Alerter.STORE, disk),
        Serdes.String(), AvroSerde.of(Alert.class)).withCachingEnabled(), disk));
    builder.addStateStore(logged(Stores.windowStoreBuilder(
        window(Deduplicator.SIGNATURES_STORE, config, false, disk), Serdes.String(), Serdes.ByteArray()), disk));

    final KStream<String, Attempt<Article>> coded = builder
        .stream(topics.rawItems().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-items-source"))
        .processValues(() -> new CodeArticles(AvroSerde.of(RawItem.class), new Normalizer(), coder, listener),
            Named.as("code-articles"));

    coded.split(Named.as("coded-"))
        .branch((key, attempt) -> attempt.isFailure(), Branched.withConsumer(failed -> failed
            .map((key, attempt) -> KeyValue.pair(key == null ? null : key.getBytes(StandardCharsets.UTF_8), attempt.failure()),
                Named.as(DEAD_LETTER_STEP))
            .to(topics.dlq().name(), produced(topics.dlq()).withName("dlq-sink")), "failed"))
        .defaultBranch(Branched.withConsumer(ok -> routeArticles(
            ok.mapValues(Attempt::value, Named.as("unwrap-article")), topics, config, articleSerde, listener), "ok"));

    return builder.build();
  }

  /**
   * The service's stores keep changelogs, so that state survives the loss of a node. Replay's
   * in-memory stores live for one run and keep none: the test driver would hold every changelog
   * record in memory until the end.
   */
  private static <S extends StateStore> StoreBuilder<S> logged(
      final StoreBuilder<S> store, final boolean disk) {
    return disk ? store : store.withLoggingDisabled();
  }

  private static KeyValueBytesStoreSupplier keyValue(final String name, final boolean disk) {
    return disk ? Stores.persistentKeyValueStore(name)
        : Stores.inMemoryKeyValueStore(name);
  }

  private static WindowBytesStoreSupplier window(final String name,
      final ProcessorConfig config, final boolean duplicates, final boolean disk) {
    return disk
        ? Stores.persistentWindowStore(name, config.dedupWindow(), config.dedupWindow(), duplicates)
        : Stores.inMemoryWindowStore(name, config.dedupWindow(), config.dedupWindow(), duplicates);
  }

  private static void routeArticles(final KStream<String, Article> articles, final Topics topics,
      final ProcessorConfig config, final AvroSerde<Article> articleSerde, final TopologyListener listener) {
    articles.split(Named.as("tracked-"))
        .branch((key, article) -> article.getTrack() == null, Branched.withConsumer(untracked -> untracked
            .selectKey((key, article) -> article.getArticleId(), Named.as(UNTRACKED_STEP))
            .to(topics.articles().name(), produced(topics.articles()).withName("untracked-articles-sink")), "no"))
        .defaultBranch(Branched.withConsumer(
            tracked -> assignRoundsAndAlert(tracked, topics, config, articleSerde, listener), "yes"));
  }

  private static void assignRoundsAndAlert(final KStream<String, Article> tracked, final Topics topics,
      final ProcessorConfig config, final AvroSerde<Article> articleSerde, final TopologyListener listener) {
    final KStream<String, RoundUpdate> updates = tracked
        .selectKey((key, article) -> article.getTrack(), Named.as("key-by-track"))
        .repartition(Repartitioned.<String, Article>as(ARTICLES_BY_TRACK)
            .withKeySerde(Serdes.String()).withValueSerde(articleSerde))
        .process(() -> new BacklogOrder(config.backlogAge(), config.backlogQuiet(), config.backlogMaxHold()),
            Named.as("order-backlog"), BacklogOrder.STORE)
        .process(() -> new Deduplicator(config.dedupWindow(), config.dedupThreshold(), listener::duplicate),
            Named.as("mark-duplicates"), Deduplicator.SIGNATURES_STORE)
        .process(() -> new RoundAssigner(config.roundGap(), config.punctuateEvery(), PARTY_PLACES),
            Named.as(ROUNDS_STEP), RoundAssigner.STORE);

    updates
        // The same story again is corroboration for rounds and alerts, not a new article.
        .filter((track, update) -> update.article() != null && !Deduplicator.isDuplicate(update.article()),
            Named.as("with-new-article"))
        .map((track, update) -> KeyValue.pair(update.article().getArticleId(), update.article()), Named.as("key-by-article"))
        .to(topics.articles().name(), produced(topics.articles()).withName("articles-sink"));

    updates
        // Rounds alone: their latest states, closings and overdue marks, not every article's change.
        .filter((track, update) -> update.article() == null && update.round() != null && !update.forgotten(),
            Named.as("with-round"))
        .map((track, update) -> KeyValue.pair(update.round().getRoundId(), update.round()), Named.as("key-by-round"))
        .to(topics.rounds().name(), produced(topics.rounds()).withName("rounds-sink"));

    updates
        .process(() -> new Alerter(new AlertPolicy(config.backgroundMaxAge()), config.confirmSources(), listener),
            Named.as(ALERTS_STEP), Alerter.STORE)
        .to(topics.alerts().name(), produced(topics.alerts()).withName("alerts-sink"));
  }

  /** {@code Produced} with the topic's own serdes (the contract module knows no Streams types). */
  private static <K, V> Produced<K, V> produced(final Topic<K, V> topic) {
    return Produced.with(topic.keySerde(), topic.valueSerde());
  }
}
