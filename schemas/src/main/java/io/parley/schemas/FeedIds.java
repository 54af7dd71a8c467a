package io.parley.schemas;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Stable identifiers for feeds and items, and the feed URL policy (http/https only). */
public final class FeedIds {

  private FeedIds() {}

  /**
   * Checks that {@code url} is an absolute http or https URL with a host.
   *
   * @return the parsed URI
   * @throws IllegalArgumentException with a one-line reason otherwise
   */
  public static URI requireHttpUrl(final String url) {
    final URI uri;
    try {
      uri = new URI(url == null ? "" : url.strip());
    } catch (final URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + url + " (" + e.getReason() + ")");
    }
    final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "feed URLs must be http or https, not " + (scheme.isEmpty() ? "a relative URL" : scheme + ":") + " " + url);
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("feed URL has no host: " + url);
    }
    return uri;
  }

  /** A short stable feed id derived from its URL: {@code host-<8 hex>}. */
  public static String feedIdFor(final String url) {
    final URI uri = requireHttpUrl(url);
    final String host = uri.getHost().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "");
    return host + "-" + sha256Hex(uri.toString()).substring(0, 8);
  }

  /** The item key: {@code feedId:<16 hex of the identity>}. */
  public static String itemKey(final String feedId, final String identity) {
    return feedId + ":" + sha256Hex(identity).substring(0, 16);
  }

  /** SHA-256 of the UTF-8 bytes of {@code s}, as hex. */
  public static String sha256Hex(final String s) {
    try {
      final MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
