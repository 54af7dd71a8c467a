package io.parley.processor.cli;

import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** A running {@code run --demo} for tests in other packages: embedded broker, HTTP on a free port. */
public final class RuntimeForTests implements AutoCloseable {

  private final ParleyRuntime runtime = new ParleyRuntime();
  private final StringWriter console = new StringWriter();

  private RuntimeForTests(final Path dir) {
    runtime.start(ParleyRuntime.Plan.builder(ParleyRuntime.Role.ALL, dir).topics(Topics.standard(), 2, (short) 1)
        .demo(true).feeds(kafka -> { throw new AssertionError("demo feeds"); }).build(),
        new PrintWriter(console, true));
  }

  public static RuntimeForTests demo(final Path dir) {
    return new RuntimeForTests(dir);
  }

  public int httpPort() {
    return runtime.httpPort();
  }

  public String console() {
    return console.toString();
  }

  @Override
  public void close() {
    runtime.close();
  }
}
