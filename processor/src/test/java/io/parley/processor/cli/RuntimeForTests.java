package io.parley.processor.cli;

import io.parley.ingest.IngestConfig;
import io.parley.processor.ProcessorConfig;
import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/** A running {@code run --demo} for tests in other packages: embedded broker, HTTP on a free port. */
public final class RuntimeForTests implements AutoCloseable {

  private final ParleyRuntime runtime = new ParleyRuntime();
  private final StringWriter console = new StringWriter();

  private RuntimeForTests(final Path dir) {
    runtime.start(new ParleyRuntime.Plan(ParleyRuntime.Role.ALL, null, dir, Map.of(), Topics.standard(), 2, (short) 1,
        ProcessorConfig.defaults(), IngestConfig.defaults(), true, kafka -> { throw new AssertionError("demo feeds"); },
        new InetSocketAddress("127.0.0.1", 0)),
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
