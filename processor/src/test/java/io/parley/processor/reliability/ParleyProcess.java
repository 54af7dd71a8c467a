package io.parley.processor.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code parley.jar} running a command in its own JVM, so that a test can kill it with
 * SIGKILL — no shutdown hook, no flush, no transaction commit — the way a node dies.
 */
final class ParleyProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target", "parley.jar");

  private final Process process;
  private final Path log;

  private ParleyProcess(final Process process, final Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -jar target/parley.jar args…} with {@code env} added; output goes to {@code log}. */
  static ParleyProcess start(final Path log, final Map<String, String> env, final String... args) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: integration tests run after 'mvn package'");
    }
    final List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith("PARLEY_") || k.startsWith("KAFKA_"));
    builder.environment().putAll(env);
    try {
      return new ParleyProcess(builder.start(), log);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL, and wait until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The child's output so far, for failure messages. */
  String output() {
    try {
      return Files.readString(log);
    } catch (final IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM — a clean stop — and wait. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
