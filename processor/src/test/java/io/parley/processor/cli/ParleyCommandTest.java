package io.parley.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ParleyCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(final Map<String, String> env, final String... args) {
    final CommandLine cli = ParleyCommand.commandLine(env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "ingest", "process", "replay", "feed check", "feeds add", "feeds import", "feeds list",
      "eval", "bench", "alerts", "alerts tail"})
  void everyCommandHasHelp(final String command) {
    final String[] args = (command + " --help").split(" ");
    // picocli reports a description it cannot format (a lone '%') on System.err, not on the command's err.
    final java.io.PrintStream systemErr = System.err;
    final java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertThat(run(Map.of(), args)).isZero();
    } finally {
      System.setErr(systemErr);
    }
    assertThat(out.toString()).startsWith("Usage: parley " + command);
    assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void alertsTailWithoutAClusterIsExitCodeTwo() {
    assertThat(run(Map.of(), "alerts", "tail")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("parley: alerts tail needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS"
        + System.lineSeparator());
  }

  @Test
  void topLevelHelpListsTheCommands() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString()).contains("run", "replay", "eval", "alerts");
  }

  @Test
  void unknownOptionIsExitCodeTwo() {
    assertThat(run(Map.of(), "run", "--no-such-flag")).isEqualTo(2);
    assertThat(err.toString()).startsWith("parley: Unknown option: '--no-such-flag'").hasLineCount(1);
  }

  @Test
  void mistypedOptionIsOneLineWithTheSuggestion() {
    assertThat(run(Map.of(), "process", "--bootstrap-server", "x:1")).isEqualTo(2);
    assertThat(err.toString()).isEqualToIgnoringNewLines("parley: Unknown options: '--bootstrap-server', 'x:1'"
        + " (did you mean --bootstrap-servers?); see 'parley process --help'");
  }

  @Test
  void unreadableReplayInputIsOneClearLineAndExitCodeTwo() {
    final Path missing = dir.resolve("nope.xml");
    assertThat(run(Map.of(), "replay", "--input", missing.toString(), "--out", dir.resolve("out").toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("parley: no such file or folder: " + missing + System.lineSeparator());
  }

  @Test
  void badEnvironmentValueIsExitCodeTwo() throws Exception {
    final Path feed = Files.writeString(dir.resolve("f.xml"), "<rss version=\"2.0\"><channel><title>t</title></channel></rss>");
    assertThat(run(Map.of("PARLEY_ROUND_GAP_HOURS", "soon"), "replay", "--input", feed.toString(), "--out", dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("parley: PARLEY_ROUND_GAP_HOURS must be a whole number, not 'soon'");
  }

  @Test
  void replaySkipsBadLinesWithTheirNumbersAndSaysSoInItsExitCode() throws Exception {
    final Path jsonl = Files.writeString(dir.resolve("mixed.jsonl"), String.join("\n",
        "{\"id\":\"1\",\"title\":\"India and Pakistan agree to a ceasefire\",\"date\":\"2025-05-10T12:00:00Z\"}",
        "{not json",
        "{\"id\":\"3\",\"title\":\"Far future\",\"date\":\"+999999999-01-01T00:00:00Z\"}",
        "{\"id\":\"4\",\"title\":\"No date\"}",
        "{\"id\":\"5\",\"title\":\"Year zero\",\"date\":\"0000-01-01T00:00:00Z\"}",
        "{\"id\":\"6\",\"title\":\"India and Pakistan hold talks\",\"date\":\"2025-05-11T12:00:00Z\"}") + "\n");
    assertThat(run(Map.of(), "replay", "--input", jsonl.toString(), "--out", dir.resolve("out").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("mixed.jsonl:2: ", "mixed.jsonl:3: date out of range: +999999999-01-01T00:00:00Z",
        "mixed.jsonl:4: missing 'published' or 'date'", "replay: 3 lines or files could not be read and were skipped",
        "replay: 3 items → 2 articles", "1 dead letters").doesNotContain("Exception");
    err.getBuffer().setLength(0);
    assertThat(run(Map.of(), "replay", "--strict", "--input", jsonl.toString(), "--out", dir.resolve("out2").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("parley: " + jsonl + ":2: ");
  }

  @Test
  void replayWritesTheThreeFiles() throws Exception {
    final Path feed = Files.writeString(dir.resolve("wire.xml"), """
        <rss version="2.0"><channel><title>Wire</title>
        <item><title>India and Pakistan agree to a ceasefire</title><link>https://wire.test/1?utm_source=rss</link>
        <guid>urn:wire:1</guid><pubDate>Sat, 10 May 2025 12:00:00 GMT</pubDate>
        <description>The truce took effect at five.</description></item></channel></rss>""");
    final Path outDir = dir.resolve("out");

    assertThat(run(Map.of(), "replay", "--input", feed.toString(), "--out", outDir.toString())).isZero();

    final ObjectMapper json = new ObjectMapper();
    final List<String> articles = Files.readAllLines(outDir.resolve("articles.jsonl"));
    assertThat(articles).hasSize(1);
    final JsonNode article = json.readTree(articles.get(0));
    assertThat(article.get("guid").asText()).isEqualTo("urn:wire:1");
    assertThat(article.get("url").asText()).isEqualTo("https://wire.test/1");
    assertThat(article.get("published").asText()).isEqualTo("2025-05-10T12:00:00Z");
    assertThat(article.get("signals").get(0).get("type").asText()).isEqualTo("CEASEFIRE");
    assertThat(Files.readAllLines(outDir.resolve("rounds.jsonl"))).hasSize(1);
    final JsonNode alert = json.readTree(Files.readAllLines(outDir.resolve("alerts.jsonl")).get(0));
    assertThat(alert.get("alertId").asText()).endsWith("/CEASEFIRE/AGREED");
    assertThat(err.toString()).contains("replay: 1 items → 1 articles, 1 rounds, 1 alerts");
  }

  @Test
  void alertLinesNeverCarryControlCharacters() {
    assertThat(ConsoleText.safe("Talks\u001b[31m end\r\nnow\u202e")).isEqualTo("Talks\\u001B[31m end  now\\u202E");
  }

  @Test
  void feedCheckPrintsItemsSummarisesManyAndExitsByVerdict() throws Exception {
    final Path good = Files.writeString(dir.resolve("good.xml"), """
        <rss version="2.0"><channel><title>Wire</title><item><title>Talks in Doha</title>
        <guid>g1</guid><link>https://wire.test/1</link></item></channel></rss>""");
    assertThat(run(Map.of(), "feed", "check", good.toString())).isZero();
    assertThat(out.toString()).contains("PARSED", "rss_2.0, 1 items", "- Talks in Doha", "guid g1");

    final Path evil = Files.writeString(dir.resolve("evil.xml"),
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"></rss>");
    Files.writeString(dir.resolve("page.html"), "<html><body>sorry</body></html>");
    out.getBuffer().setLength(0);
    assertThat(run(Map.of(), "feed", "check", dir.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("checked 3: parsed 1, refused 1, failed 1", "reasons:",
        "REFUSED  refused: the document declares a DOCTYPE");
    assertThat(run(Map.of(), "feed", "check", dir.resolve("missing.xml").toString())).isEqualTo(2);
    assertThat(evil).exists();
  }

  @Test
  void feedCheckObeysTheAddressGuardAsIngestDoes() {
    assertThat(run(Map.of("PARLEY_ALLOW_PRIVATE_FEEDS", "false"), "feed", "check", "http://127.0.0.1:9/feed.xml"))
        .isEqualTo(1);
    assertThat(out.toString()).contains("REFUSED", "127.0.0.1 resolves to the loopback address 127.0.0.1");
  }
}
