package io.parley.ingest.websub;

import java.net.URI;
import java.time.Duration;

/**
 * WebSub (W3C Recommendation, 2018) settings: where hubs reach this deployment's callback, the
 * cluster's key, and the lease asked for.
 *
 * @param baseUrl the public base URL of the ingest instances' HTTP endpoint (behind whatever load
 *     balancer spreads requests over them): callbacks are {@code baseUrl + "websub/…"}
 * @param key the deployment's WebSub key, the same on every instance: each feed's callback token
 *     and {@code hub.secret} derive from it, so any instance accepts a delivery for any feed
 * @param lease the lease asked of hubs ({@code hub.lease_seconds}); hubs may grant less, and the
 *     subscription is renewed before what they grant ends
 */
public record WebSubConfig(URI baseUrl, String key, Duration lease) {

  public WebSubConfig {
    if (baseUrl == null || baseUrl.getScheme() == null
        || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https")) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("PARLEY_WEBSUB_BASE_URL must be an http or https URL, not '" + baseUrl + "'");
    }
    if (key == null || key.length() < 16) {
      throw new IllegalArgumentException("PARLEY_WEBSUB_KEY must be set to at least 16 characters when PARLEY_WEBSUB_BASE_URL is");
    }
    if (lease.toSeconds() < 1) {
      throw new IllegalArgumentException("PARLEY_WEBSUB_LEASE_SECONDS must be at least 1");
    }
    if (!baseUrl.toString().endsWith("/")) {
      baseUrl = URI.create(baseUrl + "/");
    }
  }

  /** The callback URL of {@code feedId}: {@code baseUrl/websub/<feedId>/<token>}. */
  public URI callback(final String feedId) {
    return baseUrl.resolve(WebSubCallback.PATH.substring(1) + WebSubKeys.encode(feedId) + "/" + new WebSubKeys(key).token(feedId));
  }
}
