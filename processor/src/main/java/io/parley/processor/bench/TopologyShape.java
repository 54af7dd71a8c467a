package io.parley.processor.bench;

import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * What Parley's topology asks of Kafka, with none of its work: the records' bytes take the same
 * path — 30 % straight to the articles topic (the synthetic mix has 70 % of its articles on a
 * track), the rest through a repartition by track to a processor that writes the three stores
 * Parley writes for each tracked article (a near-duplicate signature in a window store, the round
 * and, for every other article, an alert in cached key-value stores, all with changelogs under
 * exactly-once) and on to the articles and alerts topics. Its rate against the pass-through is the
 * ratio the topology could reach if decoding, normalizing, coding, dedup, rounds and alerts cost
 * nothing.
 */
final class TopologyShape {

  static final String SIGNATURES = "shape-signatures";
  static final String ROUNDS = "shape-rounds";
  static final String ALERTS = "shape-alerts";
  /** Bytes of a stored near-duplicate signature: 32 MinHash ints and the track. */
  private static final int SIGNATURE_BYTES = 140;
  /** Bytes of a stored and published alert, about those of the synthetic coverage's alerts. */
  private static final int ALERT_BYTES = 300;

  private TopologyShape() {}

  static Topology build(final String in, final String articles, final String alerts, final Duration dedupWindow,
      final Runnable settled) {
    final StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SIGNATURES, dedupWindow, dedupWindow, false),
        Serdes.String(), Serdes.ByteArray()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUNDS), Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERTS), Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled());
    final Produced<String, byte[]> out = Produced.with(Serdes.String(), Serdes.ByteArray());
    builder.stream(in, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .split(Named.as("shape-"))
        .branch((key, value) -> bucket(key) < 3, Branched.withConsumer(untracked -> untracked
            .peek((key, value) -> settled.run()).to(articles, out), "untracked"))
        .defaultBranch(Branched.withConsumer(tracked -> {
          final KStream<String, Written> written = tracked
              .selectKey((key, value) -> "track-" + bucket(key) % 6)
              .repartition(Repartitioned.<String, byte[]>as("shape-by-track").withKeySerde(Serdes.String())
                  .withValueSerde(Serdes.ByteArray()))
              .processValues(StoreWrites::new, SIGNATURES, ROUNDS, ALERTS);
          written.filter((key, w) -> w.alert() != null).mapValues(Written::alert).to(alerts, out);
          written.mapValues(Written::article).peek((key, value) -> settled.run()).to(articles, out);
        }, "tracked"));
    return builder.build();
  }

  /** Ten buckets of the item key; three of them stand for the untracked articles. */
  private static int bucket(final String key) {
    return Math.floorMod(key == null ? 0 : key.hashCode(), 10);
  }

  /** A tracked record once its stores are written: the article, and an alert or null. */
  record Written(byte[] article, byte[] alert) {}

  /** Writes the stores as Deduplicator, RoundAssigner and Alerter do; every other record raises an alert. */
  private static final class StoreWrites implements FixedKeyProcessor<String, byte[], Written> {
    private FixedKeyProcessorContext<String, Written> context;
    private WindowStore<String, byte[]> signatures;
    private KeyValueStore<String, byte[]> rounds;
    private KeyValueStore<String, byte[]> alerts;
    private long seen;

    @Override
    public void init(final FixedKeyProcessorContext<String, Written> context) {
      this.context = context;
      signatures = context.getStateStore(SIGNATURES);
      rounds = context.getStateStore(ROUNDS);
      alerts = context.getStateStore(ALERTS);
    }

    @Override
    public void process(final FixedKeyRecord<String, byte[]> record) {
      final byte[] value = record.value();
      final String id = record.key() + "/" + seen++;
      signatures.put(id, Arrays.copyOf(value, Math.min(SIGNATURE_BYTES, value.length)), record.timestamp());
      rounds.put(record.key(), value);
      byte[] alert = null;
      if (seen % 2 == 0) {
        alert = Arrays.copyOf(value, ALERT_BYTES);
        alerts.put(id, alert);
      }
      context.forward(record.withValue(new Written(value, alert)));
    }
  }
}
