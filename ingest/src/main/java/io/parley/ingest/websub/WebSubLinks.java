package io.parley.ingest.websub;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebSub hub and topic a feed advertises (WebSub §4): HTTP {@code Link} headers (RFC 8288)
 * first, then the document's own {@code link rel="hub"} and {@code rel="self"}.
 *
 * @param hub the hub URL, or null when the feed advertises none
 * @param self the topic URL, or null
 */
public record WebSubLinks(String hub, String self) {

  /** {@code <url>; params}, one link of a header value that may hold several, comma-separated. */
  private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
  private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,\"]+))");

  /**
   * The hub and topic of a feed whose response carried {@code linkHeaders} and whose document
   * declared {@code documentHub} and {@code documentSelf} (null when absent). The topic falls back to
   * {@code feedUrl} when a hub is advertised but no self link.
   */
  public static WebSubLinks of(final List<String> linkHeaders, final String documentHub, final String documentSelf,
      final String feedUrl) {
    String hub = null;
    String self = null;
    for (final String header : linkHeaders) {
      final Matcher link = LINK.matcher(header);
      while (link.find()) {
        final Matcher rel = REL.matcher(link.group(2));
        if (!rel.find()) {
          continue;
        }
        final String rels = (rel.group(1) != null ? rel.group(1) : rel.group(2)).toLowerCase(Locale.ROOT);
        for (final String r : rels.split("\\s+")) {
          if (r.equals("hub") && hub == null) {
            hub = link.group(1).strip();
          } else if (r.equals("self") && self == null) {
            self = link.group(1).strip();
          }
        }
      }
    }
    if (hub == null) {
      hub = documentHub;
      self = documentSelf != null ? documentSelf : self;
    } else if (self == null) {
      self = documentSelf;
    }
    if (hub == null || hub.isBlank()) {
      return new WebSubLinks(null, null);
    }
    return new WebSubLinks(hub, self == null || self.isBlank() ? feedUrl : self);
  }

  /** Whether the feed advertises a hub. */
  public boolean present() {
    return hub != null;
  }
}
