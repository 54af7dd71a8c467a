package io.parley.processor.cli;

import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Tells the console of {@code run} and {@code ingest} when no feed has answered: readiness says
 * the process works (it does), not that any news comes in. A while after start, and again later,
 * if feeds were polled and none answered, one line says so with the reasons by count ("host not
 * found …", "connection refused …") and the hint {@code --demo}.
 */
final class FeedWatch implements Consumer<FeedStatus>, AutoCloseable {

  private final Map<String, String> lastError = new ConcurrentHashMap<>();
  private final Map<String, Boolean> answered = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    final Thread t = new Thread(r, "parley-feed-watch");
    t.setDaemon(true);
    return t;
  });
  private final PrintWriter out;

  FeedWatch(final PrintWriter out, final Duration first, final Duration again) {
    this.out = out;
    timer.schedule(this::report, first.toMillis(), TimeUnit.MILLISECONDS);
    timer.schedule(this::report, again.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void accept(final FeedStatus status) {
    if (status.getOutcome() == PollOutcome.OK || status.getOutcome() == PollOutcome.NOT_MODIFIED) {
      answered.put(status.getFeedId(), true);
      lastError.remove(status.getFeedId());
    } else {
      lastError.put(status.getFeedId(), status.getOutcome() + " " + (status.getError() == null ? "" : status.getError()));
    }
  }

  /** The line to print now, or null when some feed has answered or none was polled. */
  String line() {
    if (!answered.isEmpty() || lastError.isEmpty()) {
      return null;
    }
    final Map<String, Long> reasons = lastError.values().stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    final String top = reasons.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(3).map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining("; "));
    return "parley: no feed has answered yet — " + lastError.size() + " polled, all failed: " + top
        + (reasons.size() > 3 ? "; …" : "") + ". Check the URLs and the network, or try --demo for sample feeds.";
  }

  private void report() {
    final String line = line();
    if (line != null) {
      out.println(ConsoleText.safe(line));
      out.flush();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
