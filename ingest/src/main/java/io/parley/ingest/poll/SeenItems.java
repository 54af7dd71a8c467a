package io.parley.ingest.poll;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The item keys of one feed already published, bounded: the oldest are forgotten first. A feed
 * carries its latest N items, so remembering a few times N keys is enough to never republish.
 */
final class SeenItems {

  private final Map<String, Boolean> keys;

  SeenItems(final int capacity) {
    this.keys = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Records {@code key}; true when it had not been seen. */
  synchronized boolean add(final String key) {
    return keys.put(key, Boolean.TRUE) == null;
  }

  synchronized int size() {
    return keys.size();
  }
}
