package io.parley.processor.bench;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.topology.ParleyTopology;
import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Parley's topology on the workload, each item counted once its way through it ends ({@link Completions}). */
final class TopologyMeasure {

  private final StreamsRun run;
  private final PrintWriter out;

  TopologyMeasure(final StreamsRun run, final PrintWriter out) {
    this.run = run;
    this.out = out;
  }

  StreamsRun.Throughput run(final String prefix, final Workload workload, final boolean measured)
      throws InterruptedException {
    final Topics topics = Topics.withPrefix(prefix);
    run.createTopics(topics.all());
    run.preload(topics.rawItems().name(), workload);
    final StreamsRun.Progress progress = new StreamsRun.Progress();
    final AtomicLong tracked = new AtomicLong();
    final AtomicLong roundless = new AtomicLong();
    final StreamsRun.Throughput measuredFigures = run.measure(Completions.attach(
        ParleyTopology.build(topics, ProcessorConfig.defaults()),
        article -> {
          if (article.getTrack() != null) {
            tracked.incrementAndGet();
            if (article.getRoundId() == null) {
              roundless.incrementAndGet();
            }
          }
          progress.tick();
        }, progress::tick),
        prefix.replace('.', '-') + "topology", progress, workload.size(), topics.dlq().name(), measured);
    if (measured) {
      // How much round work the measure did: the rest of the tracked articles joined or opened a
      // round (BENCHMARKS.md, items 32-33: a backlog read over partitions opens many of one article).
      out.printf(Locale.ROOT, "  tracked articles with no round: %,d of %,d (%.0f %%): background-only ones that found"
          + " no open round%n", roundless.get(), tracked.get(),
          100.0 * roundless.get() / Math.max(1, tracked.get()));
    }
    return measuredFigures;
  }
}
