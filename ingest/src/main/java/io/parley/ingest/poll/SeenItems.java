package io.parley.ingest.poll;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The item keys of one feed already published, as 64-bit hashes, bounded: the oldest are
 * forgotten first. Every key the feed's document lists is kept (refreshed at every poll), plus
 * {@code history} keys of items it no longer lists, so an item still listed never looks new,
 * however many the feed lists — up to {@link #MAX_KEPT} keys. Serialised into each
 * {@code FeedStatus} (8 bytes a key), so an instance that takes the feed over — after a restart or
 * a rebalance — knows what was published.
 */
final class SeenItems {

  /** The most keys kept for one feed: 512 KiB in its status, under Kafka's default 1 MB record. */
  static final int MAX_KEPT = 65_536;

  private final int history;
  private int capacity;
  private final LinkedHashSet<Long> hashes = new LinkedHashSet<>();

  /** @param history keys kept beyond those the feed lists now (PARLEY_SEEN_ITEMS_PER_FEED) */
  SeenItems(final int history) {
    this.history = history;
    this.capacity = history;
  }

  /**
   * Records the keys the feed's document lists now, oldest first: all of them become the newest,
   * and the capacity grows to hold them all plus the history.
   */
  synchronized void remember(final List<Long> listedOldestFirst) {
    capacity = Math.min(MAX_KEPT, Math.max(capacity, listedOldestFirst.size() + history));
    addAll(listedOldestFirst);
  }

  /**
   * Adds keys without forgetting any kept now (the capacity grows to hold them): a push carries new
   * entries only, and the keys of the document a poll last listed must stay.
   */
  synchronized void keep(final List<Long> keysOldestFirst) {
    capacity = Math.min(MAX_KEPT, Math.max(capacity, hashes.size() + keysOldestFirst.size()));
    addAll(keysOldestFirst);
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

  /** Replaces the content with serialised hashes, all of them (up to {@link #MAX_KEPT}). */
  synchronized void restore(final ByteBuffer bytes) {
    hashes.clear();
    final ByteBuffer buf = bytes.duplicate();
    final List<Long> restored = new ArrayList<>();
    while (buf.remaining() >= Long.BYTES) {
      restored.add(buf.getLong());
    }
    capacity = Math.min(MAX_KEPT, Math.max(history, restored.size()));
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
