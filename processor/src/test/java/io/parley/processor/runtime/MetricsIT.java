package io.parley.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.processor.cli.RuntimeForTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --demo} scraped over HTTP: readiness, every SPEC §8 metric, alerts counted, and every
 * metric the Prometheus rules and the Grafana dashboard use.
 */
class MetricsIT {

  private static final Set<String> SPEC_METRICS = Set.of("parley_feed_polls_total",
      "parley_feed_last_success_timestamp_seconds", "parley_feed_items_total", "parley_items_deduplicated_total",
      "parley_articles_total", "parley_signals_total", "parley_alerts_total", "parley_rounds_open",
      "parley_alert_latency_seconds_bucket", "parley_dlq_total");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(final int port, final String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void demoExposesEverySpecMetricAndEveryMetricThatDeployUses() throws Exception {
    try (RuntimeForTests parley = RuntimeForTests.demo(dir)) {
      final int port = parley.httpPort();
      assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(60)).until(() -> get(port, "/health/ready").statusCode() == 200);
      await().atMost(Duration.ofSeconds(60)).until(() -> names(get(port, "/metrics").body()).containsAll(SPEC_METRICS));

      final String body = get(port, "/metrics").body();
      final Set<String> names = names(body);
      assertThat(names).containsAll(SPEC_METRICS);
      assertThat(names).containsAll(DeployFiles.referencedMetrics());
      assertThat(body).contains("parley_alert_latency_seconds_bucket{from=\"ingest\"", "parley_alert_latency_seconds_bucket{from=\"published\"");
      assertThat(body).doesNotContain("articleId", "a-0");
      assertThat(body).as("feed ids joined to URLs").containsPattern("parley_feed_info\\{feed=\"[^\"]+\",url=\"http://127\\.0\\.0\\.1:");

      // The round gauges count the demo's rounds and never read NaN, not even after a collection
      // (Micrometer holds a gauge's object weakly: a collected supplier read NaN).
      await().atMost(Duration.ofSeconds(60)).until(() -> value(get(port, "/metrics").body(), "parley_rounds_open") >= 1);
      System.gc();
      // Scraped for a few seconds after the collection (past the gauges' one-second recount): never NaN.
      final long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> {
        final String after = get(port, "/metrics").body();
        assertThat(value(after, "parley_rounds_open")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "parley_rounds_closed_kept")).isNotNaN();
        assertThat(after).contains("parley_state_keys{store=\"alert-state\"}", "parley_state_keys{store=\"open-rounds\"}");
        return System.nanoTime() > until;
      });
    }
  }

  /** The value of an unlabelled metric in a Prometheus text exposition. */
  static double value(final String exposition, final String name) {
    for (final String line : exposition.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).strip());
      }
    }
    return Double.NaN;
  }

  /** Metric names of a Prometheus text exposition. */
  static Set<String> names(final String exposition) {
    final Set<String> names = new TreeSet<>();
    for (final String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      final int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
      names.add(line.substring(0, end));
    }
    return names;
  }

}
