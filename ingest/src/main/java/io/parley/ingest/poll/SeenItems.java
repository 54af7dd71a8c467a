package io.parley.ingest.poll;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The item keys of one feed already published, as 64-bit hashes, bounded: the oldest are
 * forgotten first. A feed carries its latest N items, so remembering a few times N is enough to
 * never publish an item twice. Serialised into each {@code FeedStatus} (8 bytes a key), so an
 * instance that takes the feed over — after a restart or a rebalance — knows what was published.
 */
final class SeenItems {

  private final int capacity;
  private final LinkedHashSet<Long> hashes = new LinkedHashSet<>();

  SeenItems(final int capacity) {
    this.capacity = capacity;
  }

  synchronized boolean contains(final long hash) {
    return hashes.contains(hash);
  }

  /** Adds hashes, newest last, dropping the oldest beyond capacity. */
  synchronized void addAll(final Collection<Long> added) {
    for (final Long h : added) {
      hashes.remove(h);
      hashes.add(h);
    }
    final Iterator<Long> oldest = hashes.iterator();
    while (hashes.size() > capacity && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  synchronized int size() {
    return hashes.size();
  }

  /** The hashes, oldest first, 8 bytes each. */
  synchronized ByteBuffer toBytes() {
    final ByteBuffer buf = ByteBuffer.allocate(hashes.size() * Long.BYTES);
    hashes.forEach(buf::putLong);
    buf.flip();
    return buf;
  }

  /** Replaces the content with serialised hashes. */
  synchronized void restore(final ByteBuffer bytes) {
    hashes.clear();
    final ByteBuffer buf = bytes.duplicate();
    final List<Long> restored = new ArrayList<>();
    while (buf.remaining() >= Long.BYTES) {
      restored.add(buf.getLong());
    }
    addAll(restored);
  }

  /** The 64-bit hash of an item key. */
  static long hash(final String itemKey) {
    long h = 0xcbf29ce484222325L; // FNV-1a: stable across JVMs and versions
    for (int i = 0; i < itemKey.length(); i++) {
      h ^= itemKey.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
