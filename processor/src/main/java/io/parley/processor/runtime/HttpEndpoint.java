package io.parley.processor.runtime;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The operator endpoint of every Parley process (SPEC §8): {@code /metrics} in the Prometheus
 * text format, {@code /health/live} (200 while the process runs) and {@code /health/ready} (200
 * only when the stream is RUNNING and the producers are connected, else 503 with the reason).
 * Exact paths only (404 otherwise), {@code GET} and {@code HEAD} only (405 otherwise).
 *
 * <p>Served by Jetty, whose connections are read without a thread of their own: clients that send
 * their request a byte at a time, or open connections and send nothing, hold no worker, so a
 * liveness probe is answered however many of them there are; a connection silent for
 * {@link #IDLE_TIMEOUT_MS} is closed, and a request head is at most 8 KiB.
 */
public final class HttpEndpoint implements AutoCloseable {

  /** Workers beyond the operator endpoint's own, for an app's streams. */
  public static final int APP_THREADS = 40;

  /** A connection with no bytes for this long is closed. */
  static final long IDLE_TIMEOUT_MS = 10_000;

  private static final String JSON = "application/json";

  private final Server server;
  private final ServerConnector connector;
  /** The hook answering paths under its prefix (the WebSub callback), set once its service runs; null until then. */
  private volatile Hook hook;
  private volatile String hookPrefix;

  /**
   * A request answered by a service other than the endpoint's own: the method, the path, the query
   * parameters (first values), the headers by name and the body (null when longer than the hook's limit).
   */
  public interface Hook {
    /** The longest body read; a longer one is passed as null. */
    int maxBodyBytes();

    HookReply handle(String method, String path, Map<String, String> query, java.util.function.Function<String, String> header,
        byte[] body);
  }

  /** A hook's reply. */
  public record HookReply(int status, String contentType, String body) {}

  /** Serves {@code hook} at the paths starting with {@code prefix} from now on (any method). */
  public void hook(final String prefix, final Hook hook) {
    this.hookPrefix = prefix;
    this.hook = hook;
  }

  /**
   * @param address where to listen; port 0 picks a free one
   * @param metrics the registry to scrape
   * @param notReady empty when ready, else the reason
   */
  public HttpEndpoint(final InetSocketAddress address, final ParleyMetrics metrics,
      final Supplier<Optional<String>> notReady) {
    this(address, metrics, notReady, null, path -> false);
  }

  /**
   * As above, with {@code app} answering the paths {@code appPaths} accepts (the newsroom page and
   * its API); {@code app} may block a worker while it streams, so the pool holds
   * {@link #APP_THREADS} more.
   */
  public HttpEndpoint(final InetSocketAddress address, final ParleyMetrics metrics,
      final Supplier<Optional<String>> notReady, final Handler app, final Predicate<String> appPaths) {
    final QueuedThreadPool threads = new QueuedThreadPool(16 + (app == null ? 0 : APP_THREADS), 2, 60_000);
    threads.setName("parley-http");
    threads.setDaemon(true);
    server = new Server(threads);
    final HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(8 * 1024);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(IDLE_TIMEOUT_MS);
    server.addConnector(connector);
    final Map<String, Supplier<Reply>> routes = Map.of(
        "/metrics", () -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.registry().scrape()),
        "/health/live", () -> new Reply(200, JSON, "{\"status\":\"UP\"}"),
        "/health/ready", () -> notReady.get()
            .map(reason -> new Reply(503, JSON, "{\"status\":\"NOT_READY\",\"reason\":\"" + json(reason) + "\"}"))
            .orElse(new Reply(200, JSON, "{\"status\":\"READY\"}")));
    if (app != null) {
      app.setServer(server);
      server.addBean(app);
    }
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(final Request request, final Response response, final Callback callback) throws Exception {
        final String path = Request.getPathInContext(request);
        final Hook h = hook;
        if (h != null && path.startsWith(hookPrefix)) {
          return serveHook(h, path, request, response, callback);
        }
        if (app != null && !routes.containsKey(path) && appPaths.test(path)) {
          return app.handle(request, response, callback);
        }
        final Supplier<Reply> route = routes.get(path);
        final String method = request.getMethod();
        final boolean head = HttpMethod.HEAD.is(method);
        final Reply reply;
        if (route == null) {
          reply = new Reply(404, JSON, "{\"error\":\"not found\"}");
        } else if (!head && !HttpMethod.GET.is(method)) {
          response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
          reply = new Reply(405, JSON, "{\"error\":\"method not allowed\"}");
        } else {
          reply = route.get();
        }
        final byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.type());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
        return true;
      }
    });
    try {
      server.start();
    } catch (final Exception e) {
      close();
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalStateException("cannot listen on port " + address.getPort() + " of " + address.getHostString() + ": "
          + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), e);
    }
  }

  private static boolean serveHook(final Hook hook, final String path, final Request request, final Response response,
      final Callback callback) throws java.io.IOException {
    byte[] body = new byte[0];
    if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
      try (java.io.InputStream in = Request.asInputStream(request)) {
        body = in.readNBytes(hook.maxBodyBytes() + 1);
        if (body.length > hook.maxBodyBytes()) {
          body = null;
        }
      }
    }
    final Map<String, String> query = new java.util.LinkedHashMap<>();
    Request.extractQueryParameters(request, StandardCharsets.UTF_8).forEach(f -> query.putIfAbsent(f.getName(), f.getValue()));
    final HookReply reply = hook.handle(request.getMethod(), path, query, name -> request.getHeaders().get(name), body);
    final byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }

  /** The port listened on. */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (final Exception e) {
      // stopping: nothing left to serve
    }
  }

  private static String json(final String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private record Reply(int status, String type, String body) {}
}
