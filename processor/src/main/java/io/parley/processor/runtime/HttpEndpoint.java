package io.parley.processor.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The operator endpoint of every Parley process (SPEC §8): {@code /metrics} in the Prometheus
 * text format, {@code /health/live} (200 while the process runs) and {@code /health/ready} (200
 * only when the stream is RUNNING and the producers are connected, else 503 with the reason).
 */
public final class HttpEndpoint implements AutoCloseable {

  private final HttpServer server;

  /**
   * @param port the port on all interfaces, 0 for a free one
   * @param metrics the registry to scrape
   * @param notReady empty when ready, else the reason
   */
  public HttpEndpoint(final int port, final ParleyMetrics metrics, final Supplier<Optional<String>> notReady) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port + ": " + e.getMessage(), e);
    }
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      final Thread t = new Thread(r, "parley-http");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
        metrics.registry().scrape()));
    server.createContext("/health/live", ex -> send(ex, 200, "application/json", "{\"status\":\"UP\"}"));
    server.createContext("/health/ready", ex -> {
      final Optional<String> reason = notReady.get();
      if (reason.isEmpty()) {
        send(ex, 200, "application/json", "{\"status\":\"READY\"}");
      } else {
        send(ex, 503, "application/json", "{\"status\":\"NOT_READY\",\"reason\":\"" + json(reason.get()) + "\"}");
      }
    });
    server.start();
  }

  /** The port listened on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void send(final HttpExchange ex, final int status, final String type, final String body) throws IOException {
    try (ex) {
      final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", type);
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(status, -1);
        return;
      }
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String json(final String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
