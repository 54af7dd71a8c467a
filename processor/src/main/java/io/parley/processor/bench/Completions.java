package io.parley.processor.bench;

import io.parley.processor.rounds.RoundUpdate;
import io.parley.processor.topology.ParleyTopology;
import io.parley.schemas.Article;
import io.parley.schemas.DeadLetter;
import java.util.function.Consumer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sees each raw item once, at the end of its way through Parley's topology, from outside it: a
 * counting processor is added as the last child of the steps where a way ends
 * ({@link ParleyTopology#UNTRACKED_STEP}, {@link ParleyTopology#ROUNDS_STEP} — after the alerter,
 * added before it — and {@link ParleyTopology#DEAD_LETTER_STEP}). Forwarding is synchronous, so
 * by then the record has reached its sink and its alerts have been raised. The production
 * processors carry no hook for the benchmark.
 */
final class Completions {

  private Completions() {}

  /**
   * Adds the counting processors to {@code topology} (built by {@link ParleyTopology}, not yet
   * started): {@code settled} is called with each article, after its round and alerts when it has
   * a track, {@code dead} with each item that failed.
   */
  static Topology attach(final Topology topology, final Consumer<Article> settled, final Runnable dead) {
    topology.addProcessor("bench-settled-untracked",
        () -> (Processor<String, Article, Void, Void>) record -> settled.accept(record.value()),
        ParleyTopology.UNTRACKED_STEP);
    topology.addProcessor("bench-settled-tracked", () -> new Processor<String, RoundUpdate, Void, Void>() {
      @Override
      public void process(final Record<String, RoundUpdate> record) {
        if (record.value().article() != null) {
          settled.accept(record.value().article());
        }
      }
    }, ParleyTopology.ROUNDS_STEP);
    topology.addProcessor("bench-dead-letter",
        () -> (Processor<byte[], DeadLetter, Void, Void>) record -> dead.run(), ParleyTopology.DEAD_LETTER_STEP);
    return topology;
  }
}
