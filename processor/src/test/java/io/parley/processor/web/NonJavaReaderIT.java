package io.parley.processor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.processor.cli.ParleyCommand;
import io.parley.processor.cli.RuntimeForTests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts topic decoded by a reader that is not Java, using only what the README says: its
 * Python block (python3-avro and python3-confluent-kafka, Debian's) run as it is printed there,
 * with the schemas {@code parley schemas --out} writes, against {@code run --demo}. Every alert it
 * prints must be one the API shows, field for field where the two shapes share a field.
 */
class NonJavaReaderIT {

  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final String MARKER = "<!-- python-decoder -->";

  @TempDir Path dir;

  /** The README's Python block. */
  static String readmeBlock() throws IOException {
    final String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    final int marker = readme.indexOf(MARKER);
    assertThat(marker).as("README marks its Python decoder with " + MARKER).isNotNegative();
    final int start = readme.indexOf("```python\n", marker) + "```python\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  private static boolean pythonHasModules() throws Exception {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    final Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import avro.io, avro.schema, confluent_kafka")
        .redirectErrorStream(true).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void pythonDecodesTheAlertsTopicWithTheReadmesCodeAndTheExportedSchemas() throws Exception {
    final boolean present = pythonHasModules();
    // CI (.ci/run) installs them and sets PARLEY_BROWSER_REQUIRED: there, missing readers fail the build.
    assertThat(present || System.getenv("PARLEY_BROWSER_REQUIRED") == null)
        .as("python3-avro and python3-confluent-kafka are required here").isTrue();
    Assumptions.assumeTrue(present, () -> {
      System.err.println("NOTICE: /usr/bin/python3 with python3-avro and python3-confluent-kafka missing"
          + " (.ci/run installs them) — skipping the non-Java reader test");
      return "no python3-avro";
    });
    final Path schemas = dir.resolve("schemas");
    assertThat(ParleyCommand.execute(Map.of(), "schemas", "--out", schemas.toString())).isZero();
    final Path script = dir.resolve("decode_alerts.py");
    Files.writeString(script, readmeBlock(), StandardCharsets.UTF_8);

    try (RuntimeForTests parley = RuntimeForTests.demo(dir.resolve("parley"))) {
      final HttpClient http = HttpClient.newHttpClient();
      final ObjectMapper json = new ObjectMapper();
      final URI api = URI.create("http://127.0.0.1:" + parley.httpPort() + "/api/alerts?limit=500");
      await().atMost(Duration.ofSeconds(90)).until(() ->
          json.readTree(http.send(HttpRequest.newBuilder(api).build(), HttpResponse.BodyHandlers.ofString()).body())
              .path("total").asInt() >= 3);

      final Process python = new ProcessBuilder(PYTHON.toString(), script.toString(), schemas.toString(),
          parley.bootstrapServers(), "3").redirectError(dir.resolve("python.err").toFile()).start();
      final List<JsonNode> decoded = new ArrayList<>();
      final String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(python.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(python.exitValue()).as(Files.readString(dir.resolve("python.err"))).isZero();
      for (final String line : out.lines().toList()) {
        decoded.add(json.readTree(line));
      }
      assertThat(decoded).hasSize(3);

      final JsonNode served = json.readTree(http.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + parley.httpPort() + "/api/rounds/" + decoded.get(0).path("roundId").asText())).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      for (final JsonNode alert : decoded) {
        assertThat(alert.path("alertId").asText()).contains("/");
        assertThat(alert.path("type").asText()).isIn("CEASEFIRE", "SANCTIONS", "MEETING", "MILITARY_AID", "AGREEMENT");
        assertThat(alert.path("title").asText()).isNotBlank();
      }
      // The first decoded revision is one the API shows in its round, with the same title and evidence.
      final JsonNode first = decoded.get(0);
      final List<JsonNode> revisions = served.path("alerts").findValues("revisions").stream()
          .flatMap(r -> { final List<JsonNode> l = new ArrayList<>(); r.forEach(l::add); return l.stream(); }).toList();
      assertThat(revisions).anySatisfy(r -> {
        assertThat(r.path("alertId").asText()).isEqualTo(first.path("alertId").asText());
        assertThat(r.path("revision").asInt()).isEqualTo(first.path("revision").asInt());
        assertThat(r.path("title").asText()).isEqualTo(first.path("title").asText());
        assertThat(r.path("evidence").asText()).isEqualTo(first.path("evidence").asText());
        assertThat(r.path("sources")).isEqualTo(first.path("sources"));
      });
    }
  }
}
