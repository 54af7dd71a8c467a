package io.parley.processor.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the bundled sample coverage ({@code io/parley/processor/demo/*.xml}, written for the
 * project) as RSS feeds on 127.0.0.1, so {@code parley run --demo} shows rounds and alerts within
 * seconds with no internet. Honours ETag so repeated polls are answered 304, like a real publisher.
 */
public final class DemoFeedServer implements AutoCloseable {

  private static final String BASE = "/io/parley/processor/demo/";

  private final HttpServer server;
  private final Map<String, byte[]> feeds;

  private DemoFeedServer(final HttpServer server, final Map<String, byte[]> feeds) {
    this.server = server;
    this.feeds = feeds;
  }

  /** Starts the server on a free loopback port. */
  public static DemoFeedServer start() {
    final Map<String, byte[]> feeds = load();
    try {
      final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        try (exchange) {
          final String name = exchange.getRequestURI().getPath().substring(1);
          final byte[] body = feeds.get(name);
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
          }
          final String etag = "\"" + Integer.toHexString(Arrays.hashCode(body)) + "\"";
          if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
          }
          exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
          exchange.getResponseHeaders().add("ETag", etag);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      });
      server.start();
      return new DemoFeedServer(server, feeds);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot start the demo feed server: " + e.getMessage(), e);
    }
  }

  /** The URLs of the sample feeds. */
  public List<String> feedUrls() {
    final List<String> urls = new ArrayList<>();
    for (final String name : feeds.keySet()) {
      urls.add("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }
    return urls;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static Map<String, byte[]> load() {
    final Map<String, byte[]> feeds = new LinkedHashMap<>();
    try (InputStream index = DemoFeedServer.class.getResourceAsStream(BASE + "index.txt")) {
      for (final String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        final String name = line.strip();
        if (name.isEmpty() || name.startsWith("#")) {
          continue;
        }
        try (InputStream in = DemoFeedServer.class.getResourceAsStream(BASE + name)) {
          if (in == null) {
            throw new IllegalStateException("demo feed listed but missing: " + name);
          }
          feeds.put(name, in.readAllBytes());
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the demo feeds", e);
    }
    return feeds;
  }
}
