package io.parley.processor.dedup;

import io.parley.schemas.Article;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Marks the same story arriving again — from another feed with the same canonical URL (same
 * article id), or as near-identical text from another outlet (estimated word-shingle overlap at
 * or above the threshold) — as a duplicate of the first, with the flag {@code DUPLICATE_OF:<id>}.
 * Duplicates still reach round assignment and alerting, where their source corroborates the
 * first report, but are not written to the articles topic again.
 *
 * <p>Near-duplicates are found with MinHash signatures and locality-sensitive hashing: a
 * signature is cut into bands, and only articles of the same track sharing a band are compared.
 * Both stores are window stores, so what is older than the window expires by itself.
 */
public final class Deduplicator implements Processor<String, Article, String, Article> {

  /** Band → article ids, per track. */
  public static final String BANDS_STORE = "dedup-bands";
  /** Article id → MinHash signature. */
  public static final String SIGNATURES_STORE = "dedup-signatures";
  /** Flag prefix on a duplicate. */
  public static final String DUPLICATE_OF = "DUPLICATE_OF:";

  static final int BANDS = 8;
  static final int ROWS = MinHash.SIZE / BANDS;

  private final Duration window;
  private final double threshold;
  private final Runnable onDuplicate;
  private ProcessorContext<String, Article> context;
  private WindowStore<String, String> bands;
  private WindowStore<String, byte[]> signatures;

  /**
   * @param window how long an article is remembered
   * @param threshold estimated shingle overlap from which two texts are one story
   * @param onDuplicate called once per duplicate (the drop counter)
   */
  public Deduplicator(final Duration window, final double threshold, final Runnable onDuplicate) {
    this.window = window;
    this.threshold = threshold;
    this.onDuplicate = onDuplicate;
  }

  /** Whether {@code article} was marked as a duplicate. */
  public static boolean isDuplicate(final Article article) {
    return article.getFlags().stream().anyMatch(f -> f.startsWith(DUPLICATE_OF));
  }

  @Override
  public void init(final ProcessorContext<String, Article> context) {
    this.context = context;
    this.bands = context.getStateStore(BANDS_STORE);
    this.signatures = context.getStateStore(SIGNATURES_STORE);
  }

  @Override
  public void process(final Record<String, Article> record) {
    final Article article = record.value();
    final long now = record.timestamp();
    final Instant from = Instant.ofEpochMilli(now).minus(window);
    final Instant to = Instant.ofEpochMilli(now);
    if (latest(signatures.fetch(article.getArticleId(), from, to)) != null) {
      forwardDuplicate(record, article.getArticleId());
      return;
    }
    final int[] sig = MinHash.signature(article.getTitle() + "\n" + article.getText());
    if (sig == null) {
      context.forward(record);
      return;
    }
    final String track = article.getTrack() == null ? "" : article.getTrack();
    final Set<String> candidates = new LinkedHashSet<>();
    final List<String> bandKeys = new ArrayList<>(BANDS);
    for (int b = 0; b < BANDS; b++) {
      final String key = track + "|" + MinHash.band(sig, b, ROWS);
      bandKeys.add(key);
      try (WindowStoreIterator<String> it = bands.fetch(key, from, to)) {
        it.forEachRemaining(kv -> candidates.add(kv.value));
      }
    }
    for (final String candidate : candidates) {
      final byte[] other = latest(signatures.fetch(candidate, from, to));
      if (other != null && MinHash.similarity(sig, MinHash.fromBytes(other)) >= threshold) {
        forwardDuplicate(record, candidate);
        return;
      }
    }
    for (final String key : bandKeys) {
      bands.put(key, article.getArticleId(), now);
    }
    signatures.put(article.getArticleId(), MinHash.toBytes(sig), now);
    context.forward(record);
  }

  private void forwardDuplicate(final Record<String, Article> record, final String original) {
    onDuplicate.run();
    final List<String> flags = new ArrayList<>(record.value().getFlags());
    flags.add(DUPLICATE_OF + original);
    context.forward(record.withValue(Article.newBuilder(record.value()).setFlags(flags).build()));
  }

  private static <V> V latest(final WindowStoreIterator<V> it) {
    try (it) {
      V last = null;
      while (it.hasNext()) {
        last = it.next().value;
      }
      return last;
    }
  }
}
