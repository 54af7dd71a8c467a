package io.parley.processor.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.schemas.Alert;
import io.parley.schemas.FeedStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.FutureCallback;

/**
 * The newsroom page and the alert API (README "Page and API"), served on the HTTP port beside
 * {@code /metrics} and {@code /health}: {@code GET /} (the page, whose assets ship in the jar: no
 * CDN), {@code /api/alerts} (filters and paging), {@code /api/alerts/stream} (Server-Sent Events,
 * resumable with {@code Last-Event-ID}), {@code /api/rounds/{id}} and {@code /api/feeds}. Every
 * body is the JSON of {@link JsonShapes}; feed text is data, and the page puts it in the document
 * as text, never as HTML.
 *
 * <p>A stream holds one of the server's threads while it is open, so streams are capped at
 * {@value #MAX_STREAMS} a server (a 503 beyond): more dashboards, more page servers — each reads
 * the topics on its own. A stream sends a comment line every {@value #HEARTBEAT_SECONDS} s, which
 * keeps proxies and the connection's idle timeout from closing a quiet stream and finds a client
 * that has gone.
 */
public final class WebApp extends Handler.Abstract {

  /** Streams open at once at most. */
  public static final int MAX_STREAMS = 32;
  static final int HEARTBEAT_SECONDS = 5;
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 500;
  private static final int STREAM_QUEUE = 1_000;
  private static final String JSON = "application/json; charset=utf-8";

  private static final Map<String, Asset> ASSETS = Map.of(
      "/", asset("index.html", "text/html; charset=utf-8"),
      "/index.html", asset("index.html", "text/html; charset=utf-8"),
      "/app.js", asset("app.js", "text/javascript; charset=utf-8"),
      "/app.css", asset("app.css", "text/css; charset=utf-8"));

  private final AlertBoard board;
  private final AtomicInteger streams = new AtomicInteger();
  private final AtomicBoolean open = new AtomicBoolean(true);

  public WebApp(final AlertBoard board) {
    this.board = board;
  }

  /** Paths this app answers (others are the endpoint's). */
  public static boolean serves(final String path) {
    return ASSETS.containsKey(path) || path.equals("/api/alerts") || path.equals("/api/alerts/stream")
        || path.startsWith("/api/rounds/") || path.equals("/api/feeds");
  }

  @Override
  public boolean handle(final Request request, final Response response, final Callback callback) {
    final String path = Request.getPathInContext(request);
    final boolean head = HttpMethod.HEAD.is(request.getMethod());
    if (!head && !HttpMethod.GET.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      return reply(response, callback, 405, JSON, error("method not allowed"), head);
    }
    final Asset asset = ASSETS.get(path);
    if (asset != null) {
      // The page's own scripts only; feed text never becomes markup (see app.js), and this says so to the browser too.
      response.getHeaders().put("Content-Security-Policy",
          "default-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      return reply(response, callback, 200, asset.type(), asset.body(), head);
    }
    try {
      final Fields query = Request.extractQueryParameters(request);
      switch (path) {
        case "/api/alerts" -> {
          return reply(response, callback, 200, JSON, bytes(alerts(query)), head);
        }
        case "/api/alerts/stream" -> {
          if (head) {
            return reply(response, callback, 200, "text/event-stream", new byte[0], true);
          }
          stream(request, response, callback, query);
          return true;
        }
        case "/api/feeds" -> {
          return reply(response, callback, 200, JSON, bytes(feeds()), head);
        }
        default -> {
          final String id = path.substring("/api/rounds/".length()); // decoded by the server
          final ObjectNode round = round(id);
          return round == null ? reply(response, callback, 404, JSON, error("no round " + id), head)
              : reply(response, callback, 200, JSON, bytes(round), head);
        }
      }
    } catch (final IllegalArgumentException e) {
      return reply(response, callback, 400, JSON, error(e.getMessage()), head);
    }
  }

  /** {@code /api/alerts}: the latest revision of each alert that passes the filters, most recently updated first. */
  ObjectNode alerts(final Fields query) {
    final Predicate<Alert> filter = filter(query);
    final int limit = number(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    final int offset = number(query, "offset", 0, 0, Integer.MAX_VALUE);
    final List<Alert> matching = board.alerts(filter);
    final ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("total", matching.size());
    n.put("offset", offset);
    n.put("limit", limit);
    n.put("caughtUp", board.caughtUp());
    final ArrayNode list = n.putArray("alerts");
    matching.stream().skip(offset).limit(limit).forEach(a -> list.add(JsonShapes.alert(a)));
    return n;
  }

  /** {@code /api/rounds/{id}}: the round, its status changes, its articles and its alerts with their revisions. */
  ObjectNode round(final String roundId) {
    final AlertBoard.RoundView view = board.round(roundId).orElse(null);
    final List<Alert> alerts = board.alerts(a -> a.getRoundId().equals(roundId));
    if (view == null && alerts.isEmpty()) {
      return null;
    }
    final ObjectNode n = JsonNodeFactory.instance.objectNode();
    if (view == null) {
      n.putNull("round");
    } else {
      n.set("round", JsonShapes.round(view.round()));
      final ArrayNode changes = n.putArray("statusChanges");
      view.changes().forEach(c -> changes.addObject().put("at", c.at().toString()).put("status", c.status())
          .put("closed", c.closed()));
      final ArrayNode articles = n.putArray("articles");
      board.articles(view.round().getArticleIds()).forEach(articles::add);
    }
    final ArrayNode list = n.putArray("alerts");
    for (final Alert a : alerts) {
      final ObjectNode alert = JsonShapes.alert(a);
      final ArrayNode revisions = alert.putArray("revisions");
      board.revisions(a.getAlertId()).forEach(r -> revisions.add(JsonShapes.alert(r)));
      list.add(alert);
    }
    return n;
  }

  ObjectNode feeds() {
    final ObjectNode n = JsonNodeFactory.instance.objectNode();
    final ArrayNode list = n.putArray("feeds");
    for (final FeedStatus f : board.feeds()) {
      final ObjectNode feed = JsonShapes.feedStatus(f);
      feed.put("lastSuccess", board.lastSuccess(f.getFeedId()).map(Object::toString).orElse(null));
      if (f.getNextPollAt() == null) {
        feed.putNull("intervalSeconds");
      } else {
        feed.put("intervalSeconds", Duration.between(f.getPolledAt(), f.getNextPollAt()).toSeconds());
      }
      list.add(feed);
    }
    return n;
  }

  private static Predicate<Alert> filter(final Fields query) {
    final Set<String> tracks = values(query, "track");
    final Set<String> types = values(query, "type");
    final Set<String> modes = values(query, "mode");
    final Set<String> severities = values(query, "severity");
    final String round = query.getValue("round");
    final String confirmed = query.getValue("confirmed");
    if (confirmed != null && !confirmed.equals("true") && !confirmed.equals("false")) {
      throw new IllegalArgumentException("confirmed must be true or false");
    }
    return a -> (tracks.isEmpty() || tracks.contains(a.getTrack().toUpperCase(Locale.ROOT)))
        && (types.isEmpty() || types.contains(a.getType().name()))
        && (modes.isEmpty() || modes.contains(a.getMode().name()))
        && (severities.isEmpty() || severities.contains(a.getSeverity().name()))
        && (round == null || round.equals(a.getRoundId()))
        && (confirmed == null || Boolean.parseBoolean(confirmed) == a.getConfirmed());
  }

  /** A filter's values: repeated or comma-separated, upper case; empty when not given. */
  private static Set<String> values(final Fields query, final String name) {
    final Set<String> values = new HashSet<>();
    final List<String> given = query.getValues(name);
    if (given != null) {
      for (final String v : given) {
        Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
            .forEach(s -> values.add(s.toUpperCase(Locale.ROOT)));
      }
    }
    return values;
  }

  private static int number(final Fields query, final String name, final int fallback, final int min, final int max) {
    final String v = query.getValue(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      final int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (final NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
  }

  /**
   * Server-Sent Events of every alert revision committed from now on, each {@code id:} the resume
   * position, {@code event: alert}, {@code data:} the alert's JSON. With {@code Last-Event-ID} (or
   * {@code ?lastEventId=}), the revisions after it that this server holds come first.
   */
  private void stream(final Request request, final Response response, final Callback callback, final Fields query) {
    if (streams.incrementAndGet() > MAX_STREAMS) {
      streams.decrementAndGet();
      response.getHeaders().put(HttpHeader.RETRY_AFTER, 10);
      reply(response, callback, 503, JSON, error("too many streams on this server: " + MAX_STREAMS), false);
      return;
    }
    final BlockingQueue<AlertBoard.Event> queue = new LinkedBlockingQueue<>(STREAM_QUEUE);
    final AtomicBoolean overflow = new AtomicBoolean();
    try (AutoCloseable subscription = board.subscribe(e -> {
      if (!queue.offer(e)) {
        overflow.set(true); // a reader this slow reconnects and resumes from its last id
      }
    })) {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.getHeaders().put("X-Accel-Buffering", "no");
      String last = request.getHeaders().get("Last-Event-ID");
      if (last == null) {
        last = query.getValue("lastEventId");
      }
      final long[] sent = board.parsePosition(last).orElse(null);
      write(response, "retry: 2000\n: parley alerts\n\n");
      if (sent != null) {
        // Subscribed first, so nothing falls between the backlog and the live events; what both
        // hold is sent once (the loop below skips what the backlog already sent).
        for (final AlertBoard.Event e : board.since(sent)) {
          write(response, event(e));
          sent[e.partition()] = Math.max(sent[e.partition()], e.offset() + 1);
        }
      }
      while (open.get() && !overflow.get()) {
        final AlertBoard.Event e = queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
          write(response, ": keep-alive\n\n");
        } else if (sent == null || e.partition() >= sent.length || e.offset() >= sent[e.partition()]) {
          write(response, event(e));
        }
      }
      response.write(true, null, callback);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      callback.failed(e);
    } catch (final Exception e) {
      callback.failed(e); // the client went away
    } finally {
      streams.decrementAndGet();
    }
  }

  private static String event(final AlertBoard.Event e) {
    return "id: " + e.id() + "\nevent: alert\ndata: " + JsonShapes.line(JsonShapes.alert(e.alert())) + "\n\n";
  }

  private static void write(final Response response, final String text) throws Exception {
    final FutureCallback done = new FutureCallback();
    response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), done);
    done.get(30, TimeUnit.SECONDS);
  }

  /** Ends the open streams (their clients reconnect elsewhere or later). */
  public void closeStreams() {
    open.set(false);
  }

  private static boolean reply(final Response response, final Callback callback, final int status, final String type,
      final byte[] body, final boolean head) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    return true;
  }

  private static byte[] bytes(final ObjectNode node) {
    return JsonShapes.line(node).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] error(final String message) {
    return bytes(JsonNodeFactory.instance.objectNode().put("error", message));
  }

  private record Asset(String type, byte[] body) {}

  private static Asset asset(final String name, final String type) {
    try (InputStream in = WebApp.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("page asset " + name + " missing from the jar");
      }
      return new Asset(type, in.readAllBytes());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
