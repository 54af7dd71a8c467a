package io.parley.processor.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Canonical article URLs: tracking parameters and fragments removed, scheme and host lower-cased. */
public final class Urls {

  private static final Pattern TRACKING = Pattern.compile(
      "(?i)^(utm_[a-z_]+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|cmp|src|ref|ref_src|at_medium|at_campaign|rss|feed|taid|smid|partner|guccounter)$");

  private Urls() {}

  /**
   * The canonical form of {@code url}; null when it is not an absolute http(s) URL — a
   * {@code javascript:}, {@code data:} or {@code file:} link, a relative path, or text — so that
   * no other kind of link reaches an article or an alert card, where a dashboard would make it a
   * live link.
   */
  public static String canonical(final String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      final URI uri = new URI(url.strip());
      final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        return null;
      }
      final int port = (scheme.equals("http") && uri.getPort() == 80) || (scheme.equals("https") && uri.getPort() == 443)
          ? -1 : uri.getPort();
      final String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      final String query = keptQuery(uri.getRawQuery());
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port)
          + path + (query == null ? "" : "?" + query);
    } catch (final URISyntaxException e) {
      return null;
    }
  }

  private static String keptQuery(final String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    final List<String> kept = new ArrayList<>();
    for (final String param : rawQuery.split("&")) {
      final String name = param.split("=", 2)[0];
      if (!name.isEmpty() && !TRACKING.matcher(name).matches()) {
        kept.add(param);
      }
    }
    return kept.isEmpty() ? null : String.join("&", kept);
  }
}
