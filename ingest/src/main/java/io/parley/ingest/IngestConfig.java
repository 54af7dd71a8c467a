package io.parley.ingest;

import io.parley.ingest.feed.FeedFetcher;
import io.parley.ingest.poll.PollPolicy;
import io.parley.ingest.websub.WebSubConfig;
import io.parley.schemas.Settings;
import java.net.URI;
import java.util.Optional;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the feed poller, read by {@link #from(Settings)}: defaults in code, overridden by
 * {@code PARLEY_*} environment variables, overridden in turn by command-line flags.
 *
 * @param userAgent User-Agent sent to publishers, with a contact URL
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout whole-request timeout, body included
 * @param maxBodyBytes cap on a feed body, also after decompression
 * @param fetchThreads concurrent fetches
 * @param seenCapacity item keys remembered per feed
 * @param defaultIntervalSeconds poll interval of feeds that do not set one
 * @param perHostFetches concurrent fetches to one host at most
 * @param instanceId stable name of this ingest instance: its transactional id, so that a restarted
 *     instance fences its predecessor and aborts what it left open at once
 * @param allowPrivateFeeds whether feeds may be fetched from loopback and private addresses
 * @param adaptivePolling whether each feed's interval follows its publication rate ({@link PollPolicy})
 * @param pollMinSeconds the shortest interval adaptive polling chooses
 * @param pollMaxSeconds the longest interval adaptive polling chooses
 * @param webSubBaseUrl the public base URL hubs reach this deployment's WebSub callback at; empty:
 *     WebSub off (feeds are polled only)
 * @param webSubKey the deployment's WebSub key (the same on every instance)
 * @param webSubLeaseSeconds the lease asked of hubs
 */
public record IngestConfig(
    String userAgent,
    Duration connectTimeout,
    Duration requestTimeout,
    long maxBodyBytes,
    int fetchThreads,
    int seenCapacity,
    int defaultIntervalSeconds,
    int perHostFetches,
    String instanceId,
    boolean allowPrivateFeeds,
    boolean adaptivePolling,
    int pollMinSeconds,
    int pollMaxSeconds,
    String webSubBaseUrl,
    String webSubKey,
    int webSubLeaseSeconds) {

  public static final String DEFAULT_USER_AGENT =
      "Parley/0.1 (+https://github.com/parley-news/parley; feed reader)";

  public IngestConfig {
    Settings.require(!userAgent.isBlank(), "PARLEY_USER_AGENT must not be blank");
    Settings.require(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connect timeout must be positive");
    Settings.require(!requestTimeout.isNegative() && !requestTimeout.isZero(), "request timeout must be positive");
    Settings.require(maxBodyBytes >= 1024, "PARLEY_MAX_BODY_BYTES must be at least 1024");
    Settings.require(fetchThreads >= 1 && fetchThreads <= 1024, "PARLEY_FETCH_THREADS must be between 1 and 1024");
    Settings.require(seenCapacity >= 10, "PARLEY_SEEN_ITEMS_PER_FEED must be at least 10");
    Settings.require(defaultIntervalSeconds >= 1, "PARLEY_POLL_INTERVAL_SECONDS must be at least 1");
    Settings.require(perHostFetches >= 1, "PARLEY_PER_HOST_FETCHES must be at least 1");
    Settings.require(instanceId != null && instanceId.matches("[A-Za-z0-9._-]{1,100}"),
        "PARLEY_INSTANCE_ID must be 1-100 letters, digits, '.', '_' or '-'");
    Settings.require(pollMinSeconds >= 1, "PARLEY_POLL_MIN_SECONDS must be at least 1");
    Settings.require(pollMaxSeconds >= pollMinSeconds, "PARLEY_POLL_MAX_SECONDS must be at least PARLEY_POLL_MIN_SECONDS");
    if (!webSubBaseUrl.isBlank()) {
      try {
        new WebSubConfig(URI.create(webSubBaseUrl.strip()), webSubKey, Duration.ofSeconds(webSubLeaseSeconds));
      } catch (final IllegalArgumentException e) {
        Settings.require(false, e.getMessage());
      }
    }
  }

  /** WebSub's settings, when {@code PARLEY_WEBSUB_BASE_URL} is set. */
  public Optional<WebSubConfig> webSub() {
    return webSubBaseUrl.isBlank() ? Optional.empty()
        : Optional.of(new WebSubConfig(URI.create(webSubBaseUrl.strip()), webSubKey, Duration.ofSeconds(webSubLeaseSeconds)));
  }

  /** The defaults. */
  public static IngestConfig defaults() {
    return from(Settings.defaults());
  }

  /** The settings of {@code env} alone (no flags): {@link #from(Settings)} of {@link Settings#of(Map)}. */
  public static IngestConfig fromEnv(final Map<String, String> env) {
    return from(Settings.of(env));
  }

  /**
   * Reads {@code PARLEY_USER_AGENT}, {@code PARLEY_CONNECT_TIMEOUT_MS}, {@code PARLEY_REQUEST_TIMEOUT_MS},
   * {@code PARLEY_MAX_BODY_BYTES}, {@code PARLEY_FETCH_THREADS}, {@code PARLEY_SEEN_ITEMS_PER_FEED},
   * {@code PARLEY_POLL_INTERVAL_SECONDS}, {@code PARLEY_PER_HOST_FETCHES}, {@code PARLEY_INSTANCE_ID}
   * (default: {@code HOSTNAME}), {@code PARLEY_ALLOW_PRIVATE_FEEDS} ({@code false} keeps feeds off
   * private addresses), {@code PARLEY_POLL_MODE}, {@code PARLEY_POLL_MIN_SECONDS}, {@code PARLEY_POLL_MAX_SECONDS},
   * {@code PARLEY_WEBSUB_BASE_URL} (unset: no WebSub), {@code PARLEY_WEBSUB_KEY} (required with it, at
   * least 16 characters, the same on every instance), {@code PARLEY_WEBSUB_LEASE_SECONDS} (864000).
   *
   * @throws IllegalArgumentException naming the variable (or flag) when a value is not valid
   */
  public static IngestConfig from(final Settings settings) {
    return new IngestConfig(
        settings.text("PARLEY_USER_AGENT", DEFAULT_USER_AGENT),
        Duration.ofMillis(settings.number("PARLEY_CONNECT_TIMEOUT_MS", 10_000)),
        Duration.ofMillis(settings.number("PARLEY_REQUEST_TIMEOUT_MS", 30_000)),
        settings.number("PARLEY_MAX_BODY_BYTES", 5L * 1024 * 1024),
        (int) settings.number("PARLEY_FETCH_THREADS", 16),
        (int) settings.number("PARLEY_SEEN_ITEMS_PER_FEED", 500),
        (int) settings.number("PARLEY_POLL_INTERVAL_SECONDS", DEFAULT_INTERVAL_SECONDS),
        (int) settings.number("PARLEY_PER_HOST_FETCHES", 2),
        settings.given("PARLEY_INSTANCE_ID") ? settings.text("PARLEY_INSTANCE_ID", null)
            : defaultInstanceId(settings.text("HOSTNAME", null)),
        settings.yes("PARLEY_ALLOW_PRIVATE_FEEDS", true),
        pollMode(settings.text("PARLEY_POLL_MODE", "adaptive")),
        (int) settings.number("PARLEY_POLL_MIN_SECONDS", 60),
        (int) settings.number("PARLEY_POLL_MAX_SECONDS", 3600),
        settings.text("PARLEY_WEBSUB_BASE_URL", ""),
        settings.text("PARLEY_WEBSUB_KEY", ""),
        (int) settings.number("PARLEY_WEBSUB_LEASE_SECONDS", 864_000));
  }

  private static boolean pollMode(final String mode) {
    Settings.require(mode.equalsIgnoreCase("adaptive") || mode.equalsIgnoreCase("fixed"),
        "PARLEY_POLL_MODE must be adaptive or fixed, not '" + mode + "'");
    return mode.equalsIgnoreCase("adaptive");
  }

  /** How often feeds are polled: adaptive between the bounds, or each at its own interval. */
  public PollPolicy pollPolicy() {
    return adaptivePolling
        ? PollPolicy.adaptive(Duration.ofSeconds(pollMinSeconds), Duration.ofSeconds(pollMaxSeconds))
        : PollPolicy.fixed();
  }

  /** The poll interval of feeds that set none, when {@code PARLEY_POLL_INTERVAL_SECONDS} is not set. */
  public static final int DEFAULT_INTERVAL_SECONDS = 300;

  /**
   * The host name (a pod's name in Kubernetes), which is stable across restarts of one instance:
   * {@code HOSTNAME} from the settings given (never the process's own environment), else the local host's name.
   */
  static String defaultInstanceId(final String hostname) {
    String host = hostname;
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (final UnknownHostException e) {
        host = "localhost";
      }
    }
    final String id = host.replaceAll("[^A-Za-z0-9._-]", "-");
    return id.length() > 100 ? id.substring(0, 100) : id;
  }

  /** A copy with another instance id. */
  public IngestConfig withInstanceId(final String id) {
    return new IngestConfig(userAgent, connectTimeout, requestTimeout, maxBodyBytes, fetchThreads, seenCapacity,
        defaultIntervalSeconds, perHostFetches, id, allowPrivateFeeds, adaptivePolling, pollMinSeconds, pollMaxSeconds,
        webSubBaseUrl, webSubKey, webSubLeaseSeconds);
  }

  /** A copy with another default poll interval. */
  public IngestConfig withDefaultIntervalSeconds(final int seconds) {
    return new IngestConfig(userAgent, connectTimeout, requestTimeout, maxBodyBytes, fetchThreads,
        seenCapacity, seconds, perHostFetches, instanceId, allowPrivateFeeds, adaptivePolling, pollMinSeconds, pollMaxSeconds,
        webSubBaseUrl, webSubKey, webSubLeaseSeconds);
  }

  /** A copy with WebSub at {@code baseUrl} with {@code key}, asking hubs for {@code leaseSeconds}. */
  public IngestConfig withWebSub(final String baseUrl, final String key, final int leaseSeconds) {
    return new IngestConfig(userAgent, connectTimeout, requestTimeout, maxBodyBytes, fetchThreads,
        seenCapacity, defaultIntervalSeconds, perHostFetches, instanceId, allowPrivateFeeds, adaptivePolling, pollMinSeconds,
        pollMaxSeconds, baseUrl, key, leaseSeconds);
  }

  /** What every fetch of this configuration obeys: timeouts, body cap, identity and the address guard. */
  public FeedFetcher.FetchSettings fetchSettings() {
    return new FeedFetcher.FetchSettings(connectTimeout(), requestTimeout(), maxBodyBytes(), userAgent(), allowPrivateFeeds());
  }
}
