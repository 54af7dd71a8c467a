package io.parley.processor.dedup;

import io.parley.schemas.Article;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Marks the same story arriving again — from another feed with the same canonical URL (same
 * article id), or as near-identical text from another outlet (estimated word-shingle overlap at
 * or above the threshold) — as a duplicate of the first, with the flag {@code DUPLICATE_OF:<id>}.
 * Duplicates still reach round assignment and alerting, where their source corroborates the
 * first report, but are not written to the articles topic again.
 *
 * <p>Near-duplicates are found with MinHash signatures and locality-sensitive hashing: a
 * signature is cut into bands, and only articles of the same track sharing a band are compared.
 * The signatures live in a window store, so what is older than the window expires by itself.
 */
public final class Deduplicator implements Processor<String, Article, String, Article> {

  /** Article id → its track and MinHash signature (the bands are derived from them). */
  public static final String SIGNATURES_STORE = "dedup-signatures";
  /** Flag prefix on a duplicate. */
  public static final String DUPLICATE_OF = "DUPLICATE_OF:";

  static final int BANDS = 8;
  static final int ROWS = MinHash.SIZE / BANDS;

  private final Duration window;
  private final double threshold;
  private final Runnable onDuplicate;
  private ProcessorContext<String, Article> context;
  private WindowStore<String, byte[]> signatures;
  /**
   * The LSH index in memory: bands → article ids, article id → signature. Only the signatures are
   * state (one window-store record an article, changelogged, restored after a failure); the bands
   * follow from them, so the index is rebuilt from the store whenever the task is initialised.
   * A window-store fetch opens a RocksDB iterator, and a lookup needs nine or more.
   */
  private final Index index = new Index();

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
    this.signatures = context.getStateStore(SIGNATURES_STORE);
    index.clear();
    try (KeyValueIterator<Windowed<String>, byte[]> all = signatures.all()) {
      all.forEachRemaining(kv -> remember(kv.key.key(), Stored.decode(kv.value), kv.key.window().start()));
    }
  }

  @Override
  public void process(final Record<String, Article> record) {
    final Article article = record.value();
    final long now = record.timestamp();
    final long from = now - window.toMillis();
    index.expire(from);
    if (index.signature(article.getArticleId(), from, now) != null) {
      forwardDuplicate(record, article.getArticleId());
      return;
    }
    final int[] sig = MinHash.signature(article.getTitle() + "\n" + article.getText());
    if (sig == null) {
      context.forward(record);
      return;
    }
    final String track = article.getTrack() == null ? "" : article.getTrack();
    final String original = index.firstSimilar(bandKeys(track, sig), sig, threshold, from, now);
    if (original != null) {
      forwardDuplicate(record, original);
      return;
    }
    final Stored stored = new Stored(track, sig);
    signatures.put(article.getArticleId(), stored.encode(), now);
    remember(article.getArticleId(), stored, now);
    context.forward(record);
  }

  private void remember(final String articleId, final Stored stored, final long timestamp) {
    index.signature(articleId, stored.signature(), timestamp);
    for (final BandKey key : bandKeys(stored.track(), stored.signature())) {
      index.band(key, articleId, timestamp);
    }
  }

  private static List<BandKey> bandKeys(final String track, final int[] sig) {
    final List<BandKey> keys = new ArrayList<>(BANDS);
    for (int b = 0; b < BANDS; b++) {
      keys.add(new BandKey(track, b, MinHash.bandHash(sig, b, ROWS)));
    }
    return keys;
  }

  /**
   * One band of a signature within a track: articles are compared only with those sharing one.
   * A record rather than a string key: it was built, with the hash in hex, eight times an article.
   */
  record BandKey(String track, int band, long hash) {}

  /** What the store keeps of an article: its track (empty for none) and signature. */
  record Stored(String track, int[] signature) {

    byte[] encode() {
      final byte[] t = track.getBytes(StandardCharsets.UTF_8);
      final byte[] s = MinHash.toBytes(signature);
      return ByteBuffer.allocate(2 + t.length + s.length).putShort((short) t.length).put(t).put(s).array();
    }

    static Stored decode(final byte[] bytes) {
      final ByteBuffer in = ByteBuffer.wrap(bytes);
      final byte[] t = new byte[in.getShort()];
      in.get(t);
      final byte[] s = new byte[in.remaining()];
      in.get(s);
      return new Stored(new String(t, StandardCharsets.UTF_8), MinHash.fromBytes(s));
    }
  }

  @Override
  public void close() {
    index.clear();
  }

  private void forwardDuplicate(final Record<String, Article> record, final String original) {
    onDuplicate.run();
    final List<String> flags = new ArrayList<>(record.value().getFlags());
    flags.add(DUPLICATE_OF + original);
    context.forward(record.withValue(Article.newBuilder(record.value()).setFlags(flags).build()));
  }

  /** Signatures by article id and article ids by band, with their timestamps, oldest first for expiry. */
  private static final class Index {
    /** A signature (key null) or a band's reference to an article; {@code lookup} marks a signature compared. */
    private static final class Entry {
      final BandKey key;
      final String articleId;
      final int[] signature;
      final long timestamp;
      long lookup;

      Entry(final BandKey key, final String articleId, final int[] signature, final long timestamp) {
        this.key = key;
        this.articleId = articleId;
        this.signature = signature;
        this.timestamp = timestamp;
      }
    }

    private final Map<String, Entry> signatures = new HashMap<>();
    private final Map<BandKey, List<Entry>> bands = new HashMap<>();
    private final ArrayDeque<Entry> byTime = new ArrayDeque<>();
    /** Counts lookups, so that a signature met again in another band is compared once a lookup. */
    private long lookups;

    void clear() {
      signatures.clear();
      bands.clear();
      byTime.clear();
    }

    void signature(final String articleId, final int[] signature, final long timestamp) {
      final Entry e = new Entry(null, articleId, signature, timestamp);
      signatures.merge(articleId, e, (a, b) -> b.timestamp >= a.timestamp ? b : a);
      byTime.add(e);
    }

    void band(final BandKey key, final String articleId, final long timestamp) {
      final Entry e = new Entry(key, articleId, null, timestamp);
      bands.computeIfAbsent(key, k -> new ArrayList<>(2)).add(e);
      byTime.add(e);
    }

    /** The signature of {@code articleId} stored within [from, to], as a window-store fetch would find it. */
    int[] signature(final String articleId, final long from, final long to) {
      final Entry e = signatures.get(articleId);
      return e != null && within(e, from, to) ? e.signature : null;
    }

    private static boolean within(final Entry e, final long from, final long to) {
      return e.timestamp >= from && e.timestamp <= to;
    }

    /**
     * The first article within [from, to] sharing a band with {@code sig} whose signature is at
     * least {@code threshold} similar, taking bands in order and each band's articles in arrival
     * order; null for none. No set is built per lookup: a signature met again in another band is
     * recognised by its mark.
     */
    String firstSimilar(final List<BandKey> keys, final int[] sig, final double threshold, final long from, final long to) {
      final long lookup = ++lookups;
      for (final BandKey key : keys) {
        for (final Entry e : bands.getOrDefault(key, List.of())) {
          if (!within(e, from, to)) {
            continue;
          }
          final Entry s = signatures.get(e.articleId);
          if (s == null || s.lookup == lookup) {
            continue;
          }
          s.lookup = lookup;
          if (within(s, from, to) && MinHash.similarity(sig, s.signature) >= threshold) {
            return e.articleId;
          }
        }
      }
      return null;
    }

    /**
     * Forgets what is older than {@code from}. Entries are dropped in arrival order, so one that
     * arrived late with an old timestamp may stay a little longer; lookups filter by time anyway.
     */
    void expire(final long from) {
      while (!byTime.isEmpty() && byTime.peekFirst().timestamp < from) {
        final Entry e = byTime.pollFirst();
        if (e.key == null) {
          signatures.remove(e.articleId, e);
        } else {
          final List<Entry> list = bands.get(e.key);
          if (list != null) {
            list.remove(e);
            if (list.isEmpty()) {
              bands.remove(e.key);
            }
          }
        }
      }
    }
  }
}
