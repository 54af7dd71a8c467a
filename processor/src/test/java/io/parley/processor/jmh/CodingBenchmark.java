package io.parley.processor.jmh;

import io.parley.processor.bench.SyntheticArticles;
import io.parley.processor.normalize.Normalizer;
import io.parley.processor.signals.ArticleCoder;
import io.parley.schemas.Article;
import io.parley.schemas.AvroSerde;
import io.parley.schemas.ParleySchemaStore;
import io.parley.schemas.RawItem;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH microbenchmarks of the per-article work: normalization, signal coding, and the Avro serde.
 * Not part of the test run; see BENCHMARKS.md for the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodingBenchmark {

  private List<RawItem> items;
  private List<Article> normalized;
  private List<byte[]> encoded;
  private final Normalizer normalizer = new Normalizer();
  private ArticleCoder coder;
  private final AvroSerde<RawItem> serde = AvroSerde.of(RawItem.class);
  private int next;

  @Setup
  public void setUp() {
    ParleySchemaStore.trustGeneratedClasses();
    coder = ArticleCoder.bundled();
    items = SyntheticArticles.generate(2_000, 42, Instant.parse("2025-01-01T00:00:00Z"));
    normalized = items.stream().map(normalizer::normalize).toList();
    encoded = items.stream().map(serde::encode).toList();
  }

  private int index() {
    next = (next + 1) % items.size();
    return next;
  }

  /** Articles normalized per second (HTML to text, URL, language, fingerprint). */
  @Benchmark
  public Article normalize() {
    return normalizer.normalize(items.get(index()));
  }

  /** Articles coded per second (actors, track, signals, horizon). */
  @Benchmark
  public Article code() {
    return coder.code(normalized.get(index()));
  }

  /** Raw items decoded and re-encoded per second (single-object encoding). */
  @Benchmark
  public byte[] serdeRoundTrip() {
    return serde.encode(serde.decode(encoded.get(index())));
  }

  public static void main(final String[] args) throws Exception {
    new Runner(new OptionsBuilder().include(CodingBenchmark.class.getSimpleName()).build()).run();
  }
}
