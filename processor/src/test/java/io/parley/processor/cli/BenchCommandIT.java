package io.parley.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code parley bench} runs every phase and prints every figure. A smoke test on tiny sizes: the
 * figures themselves are measured by running the command (BENCHMARKS.md), never asserted here.
 */
class BenchCommandIT {

  @Test
  void printsEveryFigureAndTheRatioLine() {
    final StringWriter out = new StringWriter();
    final CommandLine cli = ParleyCommand.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));

    final int code = cli.execute("bench", "--articles", "200", "--warmup-articles", "100", "--warmup-rounds", "2", "--rate", "50", "--seconds", "2",
        "--replay-articles", "50", "--partitions", "1", "--ingest-feeds", "50", "--ingest-interval", "2", "--ingest-seconds", "3",
        "--cpu-by-thread", "--kafka", "commit.interval.ms=50", "--broker", "log.index.interval.bytes=8192");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("pass-through (consume→produce): ", "topology (Parley): ", "latency raw-item → alert at 50 items/s",
            "replay of 50 articles: ", "ingest: 50 feeds every 2 s", "run start to ready (embedded broker, demo): ",
            "Streams settings changed for every measure: {commit.interval.ms=50}",
            "µs CPU a record, all threads", "µs CPU an article, all threads", "broker settings changed: {log.index.interval.bytes=8192}",
            "topology's Kafka path, no work: ")
        .containsPattern("ratio to pass-through \\d+\\.\\d\\d: the most the topology could reach")
        .containsPattern("µs CPU a record \\( ?\\d+ % in the kernel\\), +\\d+\\.\\d KB allocated: bench-topology--StreamThread-N")
        .containsPattern("minor page faults a record")
        .containsPattern("tracked articles with no round: [\\d,]+ of [\\d,]+ \\(\\d+ %\\)")
        .containsPattern("Kafka records a record: written \\d+\\.\\d\\d \\(pass-out \\d+\\.\\d\\d\\), read \\d+\\.\\d\\d \\(pass-in ")
        .containsPattern("Kafka records a record: written \\d+\\.\\d\\d \\(.*articles-by-track-repartition \\d+\\.\\d\\d.*\\), read \\d+\\.\\d\\d \\(.*raw-items ")
        .containsPattern("stream thread time: commit \\d+ % poll \\d+ % process \\d+ %")
        .containsPattern("(?m)^warm-up 1: ")
        .doesNotContainPattern("(?m)^warm-up 3: ")
        .containsPattern("(?m)^ratio topology/pass-through = \\d+\\.\\d\\d$");
    assertThat(out.toString().strip().lines().reduce((a, b) -> b).orElseThrow())
        .as("the final line is SPEC §9's ratio").matches("ratio topology/kafka-path = \\d+\\.\\d\\d");
    if (Files.isDirectory(Path.of("/proc/self/task"))) {
      assertThat(out.toString()).contains("not Java threads, µs CPU a record:");
    }
  }

  @Test
  void freshnessComparesFixedAdaptiveAndPushAndEndsWithItsLine() {
    final StringWriter out = new StringWriter();
    final CommandLine cli = ParleyCommand.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));

    assertThat(cli.execute("bench", "--freshness", "--freshness-feeds", "20", "--freshness-pushes", "10")).isZero();
    assertThat(out.toString())
        .containsPattern("pipeline \\(signed delivery → alert committed, 10 items\\): p50 \\d+\\.\\d\\d s")
        .containsPattern("(?m)^fixed 300 s +\\d+\\.\\ds +\\d+\\.\\ds +\\d+\\.\\ds +\\d+\\.\\d\\d +0$")
        .containsPattern("(?m)^adaptive 60 s–1 h +\\d+\\.\\ds")
        .containsPattern("(?m)^adaptive \\+ WebSub on 20 % +\\d+\\.\\ds");
    assertThat(out.toString().strip().lines().reduce((a, b) -> b).orElseThrow())
        .matches("freshness adaptive/fixed = \\d+\\.\\d\\d at requests adaptive/fixed = \\d+\\.\\d\\d; push p99 = \\d+\\.\\d s");
  }
}
