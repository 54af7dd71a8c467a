package io.parley.ingest.feed;

import io.parley.schemas.RawItem;
import java.util.List;

/**
 * What one feed document held.
 *
 * @param title the channel/feed title, or null
 * @param format the wire format ROME recognised, e.g. {@code rss_2.0}, {@code atom_1.0}
 * @param items the entries, in document order
 * @param ttlMinutes the RSS {@code ttl}, when the channel declares one
 * @param skipHours the RSS {@code skipHours} (0–23, UTC), possibly empty
 * @param hub the WebSub hub the document advertises ({@code link rel="hub"}, Atom's or an
 *     {@code atom:link} in RSS), or null
 * @param self the document's own URL ({@code link rel="self"}), the WebSub topic, or null
 */
public record ParsedFeed(String title, String format, List<RawItem> items, Integer ttlMinutes, List<Integer> skipHours,
    String hub, String self) {

  public ParsedFeed(final String title, final String format, final List<RawItem> items, final Integer ttlMinutes,
      final List<Integer> skipHours) {
    this(title, format, items, ttlMinutes, skipHours, null, null);
  }
}
