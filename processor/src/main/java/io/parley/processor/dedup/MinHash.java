package io.parley.processor.dedup;

import io.parley.processor.text.Words;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * MinHash signatures of word 4-shingles: two texts whose signatures agree in a fraction f of
 * positions have a shingle overlap (Jaccard) of about f. Cheap enough to compute per article and
 * small enough (32 ints) to keep in a state store.
 */
public final class MinHash {

  /** Hash functions, i.e. ints per signature. */
  public static final int SIZE = 32;
  static final int SHINGLE = 4;

  // Fixed odd multipliers and offsets: signatures must be identical across restarts and instances.
  private static final long[] A = new long[SIZE];
  private static final long[] B = new long[SIZE];

  static {
    long seed = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < SIZE; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      A[i] = seed | 1;
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      B[i] = seed;
    }
  }

  private MinHash() {}

  /** The signature of {@code text}; null when it has fewer words than one shingle. */
  public static int[] signature(final String text) {
    // The words' hash codes are all a shingle needs (words are never empty).
    final int[] words = Words.hashCodes(text);
    final int[] sig = new int[SIZE];
    Arrays.fill(sig, Integer.MAX_VALUE);
    int shingles = 0;
    for (int i = 0; i + SHINGLE <= words.length; i++) {
      long h = 1125899906842597L;
      for (int j = i; j < i + SHINGLE; j++) {
        h = 31 * h + words[j];
      }
      shingles++;
      for (int k = 0; k < SIZE; k++) {
        final int v = (int) ((A[k] * h + B[k]) >>> 32);
        if (v < sig[k]) {
          sig[k] = v;
        }
      }
    }
    return shingles == 0 ? null : sig;
  }

  /** The estimated shingle overlap of two signatures, 0..1. */
  public static double similarity(final int[] a, final int[] b) {
    int same = 0;
    for (int i = 0; i < SIZE; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / SIZE;
  }

  /** A hash of band {@code band} of {@code rows} rows. */
  public static long bandHash(final int[] sig, final int band, final int rows) {
    long h = band;
    for (int i = band * rows; i < (band + 1) * rows; i++) {
      h = h * 1_000_003L + sig[i];
    }
    return h;
  }

  static byte[] toBytes(final int[] sig) {
    final ByteBuffer buf = ByteBuffer.allocate(SIZE * 4);
    for (final int v : sig) {
      buf.putInt(v);
    }
    return buf.array();
  }

  static int[] fromBytes(final byte[] bytes) {
    final ByteBuffer buf = ByteBuffer.wrap(bytes);
    final int[] sig = new int[SIZE];
    for (int i = 0; i < SIZE; i++) {
      sig[i] = buf.getInt();
    }
    return sig;
  }
}
