package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A real HTTP server on 127.0.0.1 (any free port) that serves feeds to the tests: the one fixture
 * every feed test uses. Routes are added before or after {@link #start()}; each request runs on a
 * thread of its own, so a handler that waits (a slow or gated feed) holds up no other.
 */
public final class LocalFeedServer implements AutoCloseable {

  /** Content type of the RSS bodies served with {@link #rss}. */
  public static final String RSS_TYPE = "application/rss+xml; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    final Thread t = new Thread(r, "local-feed-server");
    t.setDaemon(true);
    return t;
  });

  private LocalFeedServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
  }

  /** A server with no routes yet, not started. */
  public static LocalFeedServer create() {
    return new LocalFeedServer();
  }

  /** Routes every request whose path starts with {@code path} to {@code handler}. */
  public LocalFeedServer route(final String path, final HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  /** Serves {@code body} as an RSS document at {@code path}. */
  public LocalFeedServer rss(final String path, final String body) {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return route(path, ex -> {
      ex.getResponseHeaders().add("Content-Type", RSS_TYPE);
      send(ex, 200, bytes);
    });
  }

  /** Starts serving. */
  public LocalFeedServer start() {
    server.start();
    return this;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
  public String url(final String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** {@link #url} as a URI. */
  public URI uri(final String path) {
    return URI.create(url(path));
  }

  /**
   * Answers with {@code status} and {@code body} (no body when it is empty) and closes the exchange;
   * a client that hung up meanwhile is not an error of the server's.
   */
  public static void send(final HttpExchange ex, final int status, final byte[] body) {
    try (ex) {
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (final IOException clientGone) {
      // the client closed the connection first (a timeout under test): nothing to answer
    }
  }

  /** {@code data} gzip-compressed, for a body sent with {@code Content-Encoding: gzip}. */
  public static byte[] gzip(final byte[] data) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
