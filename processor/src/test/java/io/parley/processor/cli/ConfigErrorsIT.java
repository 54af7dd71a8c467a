package io.parley.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad configuration stops startup with one clear line and exit code 2. */
class ConfigErrorsIT {

  @TempDir Path dir;

  @Test
  void unreachableClusterIsOneLineAndExitCodeTwo() {
    final StringWriter err = new StringWriter();
    final CommandLine cli = ParleyCommand.commandLine(Map.of());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));

    final int code = cli.execute("process", "--bootstrap-servers", "127.0.0.1:1", "--http-port", "0",
        "--data-dir", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("parley: Kafka at 127.0.0.1:1: cannot describe the cluster: no answer from Kafka")
        .hasLineCount(1);
  }

  @Test
  void processWithoutAClusterAndBadPortAreRefusedAtOnce() {
    final StringWriter err = new StringWriter();
    final CommandLine cli = ParleyCommand.commandLine(Map.of());
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("process")).isEqualTo(2);
    assertThat(cli.execute("run", "--http-port", "70000", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(
        "parley: process needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS (only run embeds a broker)",
        "parley: --http-port must be between 0 and 65535, not 70000");
  }

  @Test
  void busyHttpPortIsOneLineAndExitCodeTwo() throws Exception {
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
      final StringWriter err = new StringWriter();
      final CommandLine cli = ParleyCommand.commandLine(Map.of());
      cli.setErr(new PrintWriter(err, true));
      cli.setOut(new PrintWriter(new StringWriter(), true));

      assertThat(cli.execute("run", "--demo", "--http-port", Integer.toString(busy.getLocalPort()))).isEqualTo(2);
      assertThat(err.toString()).startsWith("parley: cannot listen on port " + busy.getLocalPort())
          .contains("--http-port").hasLineCount(1);
    }
  }

  @Test
  void aSecondRunOnTheSameDataDirIsOneLineAndExitCodeTwo() throws Exception {
    try (RuntimeForTests first = RuntimeForTests.demo(dir)) {
      final StringWriter err = new StringWriter();
      final CommandLine cli = ParleyCommand.commandLine(Map.of());
      cli.setErr(new PrintWriter(err, true));
      cli.setOut(new PrintWriter(new StringWriter(), true));

      assertThat(cli.execute("run", "--demo", "--data-dir", dir.toString(), "--http-port", "0")).isEqualTo(2);
      assertThat(err.toString()).startsWith("parley: data dir " + dir + " is in use by ")
          .contains("another --data-dir").hasLineCount(1);
    }
  }

  @Test
  void aDamagedDataDirIsOneLineAndExitCodeTwo() throws Exception {
    try (io.parley.processor.runtime.EmbeddedKafka kafka = io.parley.processor.runtime.EmbeddedKafka.start(dir.resolve("kafka"));
        org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic("parley.alerts", 1, (short) 1)))
          .all().get();
    }
    java.nio.file.Files.delete(dir.resolve("kafka/meta/meta.properties"));
    final StringWriter err = new StringWriter();
    final CommandLine cli = ParleyCommand.commandLine(Map.of());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));

    assertThat(cli.execute("run", "--data-dir", dir.toString(), "--http-port", "0")).isEqualTo(2);
    assertThat(err.toString()).startsWith("parley: the embedded broker's data in " + dir.resolve("kafka") + " is damaged: ")
        .contains("move it aside").hasLineCount(1);
  }
}
