package io.parley.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley run --demo}: embedded broker, demo feeds, alerts on the console, clean stop. */
class RunDemoIT {

  @TempDir Path dir;

  @Test
  void demoPrintsAlertsAndStopsCleanly() throws Exception {
    final StringWriter console = new StringWriter();
    final ParleyRuntime runtime = new ParleyRuntime();
    final ParleyRuntime.Plan plan = ParleyRuntime.Plan.builder(ParleyRuntime.Role.ALL, dir)
        .topics(Topics.standard(), 2, (short) 1).demo(true)
        .feeds(kafka -> { throw new AssertionError("demo has its own feeds"); }).build();
    try {
      runtime.start(plan, new PrintWriter(console, true));
      await().atMost(Duration.ofSeconds(60)).until(() -> runtime.streamsState() == KafkaStreams.State.RUNNING);
      // Items of one poll spread over raw-items partitions, so the agreement may be processed after
      // the violation; either way the violation ends up alerted as the transition it is.
      await().atMost(Duration.ofSeconds(60)).until(() -> console.toString().contains("[CRITICAL] CEASEFIRE/VIOLATED (was AGREED)  IN-PK"));
      await().atMost(Duration.ofSeconds(30)).until(() -> console.toString().contains("(confirmed)"));
      // The newsroom page and its API on the same port as /metrics.
      final HttpClient http = HttpClient.newHttpClient();
      final String base = "http://127.0.0.1:" + runtime.httpPort();
      final HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>Parley — newsroom</title>");
      await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
          URI.create(base + "/api/alerts?type=CEASEFIRE&mode=VIOLATED")).build(), HttpResponse.BodyHandlers.ofString())
          .body().contains("\"transitionFrom\":\"AGREED\""));
    } finally {
      runtime.close();
    }
    assertThat(runtime.streamsState()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    assertThat(console.toString())
        .contains("parley: embedded Kafka broker on 127.0.0.1:")
        .contains("[HIGH] CEASEFIRE/AGREED  IN-PK", "CEASEFIRE/VIOLATED")
        .doesNotContain("climbers", "Supermarkets")
        .doesNotContain("Exception");
  }
}
