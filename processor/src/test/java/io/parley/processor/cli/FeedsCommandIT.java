package io.parley.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.runtime.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code feeds add|import|list} against a real broker. */
class FeedsCommandIT {

  @TempDir static Path dir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private String run(final int expectedCode, final String... args) {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CommandLine cli = ParleyCommand.commandLine(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute(args)).as(err.toString()).isEqualTo(expectedCode);
    return out + err.toString();
  }

  @Test
  void addImportAndListTheFeedTopic() throws Exception {
    run(0, "feeds", "add", "https://wire.example/rss", "--name", "Wire", "--tags", "world,asia", "--interval", "120");
    final Path opml = Files.writeString(dir.resolve("desk.opml"), """
        <?xml version="1.0"?><opml version="2.0"><body>
        <outline text="Daily" xmlUrl="https://daily.example/feed"/>
        <outline text="Wire again" xmlUrl="https://wire.example/rss"/></body></opml>""");
    run(0, "feeds", "import", opml.toString());

    final String list = run(0, "feeds", "list");
    assertThat(list).contains("https://wire.example/rss  Wire again", "https://daily.example/feed  Daily", "2 feeds");
  }

  @Test
  void nonHttpUrlIsRefused() {
    assertThat(run(2, "feeds", "add", "file:///etc/passwd"))
        .contains("parley: feed URLs must be http or https, not file: file:///etc/passwd");
  }
}
