package io.parley.processor.bench;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.replay.Replayer;
import io.parley.schemas.RawItem;
import java.time.Instant;
import java.util.List;

/** Wall time of {@code parley replay} (in-memory stores, no broker) over synthetic articles. */
final class ReplayMeasure {

  private ReplayMeasure() {}

  /** Seconds to replay {@code n} articles. */
  static double seconds(final int n) {
    final List<RawItem> items = SyntheticArticles.generate(n, 11, Instant.parse("2025-03-01T00:00:00Z"));
    final long start = System.nanoTime();
    new Replayer(ProcessorConfig.defaults()).run(items, done -> { });
    return (System.nanoTime() - start) / 1e9;
  }
}
