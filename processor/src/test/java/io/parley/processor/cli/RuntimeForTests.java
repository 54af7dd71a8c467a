package io.parley.processor.cli;

import io.parley.ingest.IngestConfig;
import io.parley.ingest.feed.FeedList;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A running {@code run --demo} for tests in other packages: embedded broker, HTTP on a free port. */
public final class RuntimeForTests implements AutoCloseable {

  private final ParleyRuntime runtime = new ParleyRuntime();
  private final StringWriter console = new StringWriter();

  private RuntimeForTests(final ParleyRuntime.Plan plan) {
    runtime.start(plan, new PrintWriter(console, true));
  }

  public static RuntimeForTests demo(final Path dir) {
    return new RuntimeForTests(ParleyRuntime.Plan.builder(ParleyRuntime.Role.ALL, dir).topics(Topics.standard(), 2, (short) 1)
        .demo(true).feeds(kafka -> { throw new AssertionError("demo feeds"); }).build());
  }

  /** {@code run} polling {@code feedUrls} every {@code intervalSeconds}, on the embedded broker. */
  public static RuntimeForTests polling(final Path dir, final List<String> feedUrls, final int intervalSeconds) {
    final List<FeedConfig> feeds = feedUrls.stream()
        .map(url -> FeedList.feed(url, null, intervalSeconds, Instant.now())).toList();
    return new RuntimeForTests(ParleyRuntime.Plan.builder(ParleyRuntime.Role.ALL, dir).topics(Topics.standard(), 2, (short) 1)
        .feeds(kafka -> feeds).build());
  }

  /**
   * {@code run} polling {@code feedUrls} (fixed, every {@code intervalSeconds}) with WebSub: the
   * callback on {@code httpPort} of 127.0.0.1, the key {@code key}, asking hubs for {@code leaseSeconds}.
   */
  public static RuntimeForTests webSub(final Path dir, final List<String> feedUrls, final int intervalSeconds,
      final int httpPort, final String key, final int leaseSeconds) {
    final List<FeedConfig> feeds = feedUrls.stream()
        .map(url -> FeedList.feed(url, null, intervalSeconds, Instant.now())).toList();
    final IngestConfig ingest = IngestConfig.fromEnv(java.util.Map.of("PARLEY_POLL_MODE", "fixed"))
        .withWebSub("http://127.0.0.1:" + httpPort + "/", key, leaseSeconds);
    return new RuntimeForTests(ParleyRuntime.Plan.builder(ParleyRuntime.Role.ALL, dir).topics(Topics.standard(), 2, (short) 1)
        .ingest(ingest).http(new java.net.InetSocketAddress("127.0.0.1", httpPort)).feeds(kafka -> feeds).build());
  }

  /** The bootstrap servers of the embedded broker. */
  public String bootstrapServers() {
    return runtime.bootstrapServers();
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
