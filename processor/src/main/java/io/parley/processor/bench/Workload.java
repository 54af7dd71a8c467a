package io.parley.processor.bench;

import io.parley.schemas.AvroSerde;
import io.parley.schemas.RawItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Synthetic raw items and their encoded values, as a measure sends them. */
record Workload(List<RawItem> items, List<byte[]> values) {

  private static final AvroSerde<RawItem> SERDE = AvroSerde.of(RawItem.class);

  /** {@code n} {@link SyntheticArticles} of {@code seed}, published from {@code start}, encoded. */
  static Workload generate(final int n, final long seed, final Instant start) {
    final List<RawItem> items = SyntheticArticles.generate(n, seed, start);
    final List<byte[]> values = new ArrayList<>(items.size());
    items.forEach(i -> values.add(SERDE.encode(i)));
    return new Workload(items, values);
  }

  int size() {
    return items.size();
  }
}
