package io.parley.processor.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.processor.signals.ArticleCoder;
import io.parley.processor.topology.TopologyListener;
import io.parley.schemas.Alert;
import io.parley.schemas.Article;
import io.parley.schemas.FeedStatus;
import io.parley.schemas.PollOutcome;
import io.parley.schemas.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Every Parley metric of SPEC §8, on a Prometheus registry with JVM, process, Kafka client and
 * Kafka Streams metrics. Labels are bounded: feed ids (the operator's own list), signal types and
 * modes, poll outcomes, stages — never article or round ids.
 */
public final class ParleyMetrics implements TopologyListener, AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
  /** The feeds whose {@code parley_feed_info} series is registered. */
  private final Set<String> feedsNamed = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> interval = new ConcurrentHashMap<>();
  private final List<AutoCloseable> binders = new ArrayList<>();
  private final Counter articles;
  private final Counter duplicatesProcessor;

  public ParleyMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    final JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    binders.add(gc);
    articles = Counter.builder("parley.articles").description("Articles coded (duplicates excluded)").register(registry);
    duplicatesProcessor = deduplicated("processor");
    deduplicated("ingest");
    // Present from the start, so that rules and dashboards see a zero rather than no series.
    for (final String stage : new String[] {"decode", "normalize", "signals"}) {
      dlq(stage);
    }
  }

  /** The registry, for the HTTP endpoint and tests. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Binds the Streams client's metrics and the round gauges: rounds open, and closed rounds kept
   * for late coverage, in this instance's stores. The suppliers are held strongly: Micrometer holds
   * a gauge's object by a weak reference, and a collected lambda read NaN.
   */
  public void bind(final KafkaStreams streams, final DoubleSupplier openRounds, final DoubleSupplier closedRoundsKept) {
    final KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(registry);
    binders.add(metrics);
    Gauge.builder("parley.rounds.open", openRounds, DoubleSupplier::getAsDouble).strongReference(true)
        .description("Rounds currently open in this instance's stores").register(registry);
    Gauge.builder("parley.rounds.closed.kept", closedRoundsKept, DoubleSupplier::getAsDouble).strongReference(true)
        .description("Closed rounds kept for late coverage (at most 8 a track)").register(registry);
  }

  /**
   * Binds {@code parley_state_keys{store}}: the keys a state store of this instance holds (an
   * estimate for RocksDB), so that an operator sees state level off rather than grow. Held
   * strongly, like the round gauges.
   */
  public void bindStateKeys(final String store, final DoubleSupplier keys) {
    Gauge.builder("parley.state.keys", keys, DoubleSupplier::getAsDouble).strongReference(true).tag("store", store)
        .description("Keys in a state store of this instance (RocksDB's estimate)").register(registry);
  }

  /** Binds a producer's client metrics. */
  public void bind(final Producer<?, ?> producer) {
    final KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
    metrics.bindTo(registry);
    binders.add(metrics);
  }

  /** The items a poll or a push published, and those it refused. */
  private void items(final FeedStatus status) {
    Counter.builder("parley.feed.items").description("New items published per feed")
        .tag("feed", status.getFeedId()).register(registry).increment(status.getNewItems());
    if (status.getItemsRefused() > 0) {
      Counter.builder("parley.items.refused").description("Items refused at ingest (written to the DLQ), by why")
          .tag("reason", "too_large").register(registry).increment(status.getItemsRefused());
      dlq("ingest").increment(status.getItemsRefused()); // every record of parley.dlq counts there, ingest's too
    }
  }

  /** Records one poll of one feed, or content a hub pushed for it. */
  public void poll(final FeedStatus status) {
    final String feed = status.getFeedId();
    if (status.getPushed()) {
      // Content a WebSub hub pushed: its items count with the feed's, the push is no poll.
      Counter.builder("parley.feed.pushes").description("WebSub deliveries published per feed, by outcome")
          .tag("feed", feed).tag("outcome", status.getOutcome().name()).register(registry).increment();
      items(status);
      return;
    }
    Counter.builder("parley.feed.polls").description("Feed polls by outcome")
        .tag("feed", feed).tag("outcome", status.getOutcome().name()).register(registry).increment();
    items(status);
    Counter.builder("parley.items.deduplicated").tag("stage", "ingest").register(registry)
        .increment(Math.max(0, status.getItemsSeen() - status.getNewItems() - status.getItemsRefused()));
    // Feed ids are opaque ("127.0.0.1-608e12f8"): one info series per feed joins an id to its URL
    // (`* on (feed) group_left (url) parley_feed_info`) without a URL label on every feed metric.
    if (feedsNamed.add(feed)) {
      Gauge.builder("parley.feed.info", () -> 1).strongReference(true).description("1 for each feed polled: its id and URL")
          .tag("feed", feed).tag("url", status.getUrl() == null ? "" : status.getUrl()).register(registry);
    }
    final AtomicLong last = lastSuccess.computeIfAbsent(feed, f -> {
      final AtomicLong value = new AtomicLong();
      Gauge.builder("parley.feed.last.success.timestamp.seconds", value, AtomicLong::get)
          .description("When the feed last answered with a feed (OK or NOT_MODIFIED)").tag("feed", f).register(registry);
      return value;
    });
    if (status.getOutcome() == PollOutcome.OK || status.getOutcome() == PollOutcome.NOT_MODIFIED) {
      last.set(status.getPolledAt().getEpochSecond());
    }
    if (status.getIntervalSeconds() > 0) {
      interval.computeIfAbsent(feed, f -> {
        final AtomicLong value = new AtomicLong();
        Gauge.builder("parley.feed.poll.interval.seconds", value, AtomicLong::get)
            .description("The feed's poll interval after its last poll: learned from its publication rate (adaptive"
                + " polling) or its own, before backoff and the server's waits").tag("feed", f).register(registry);
        return value;
      }).set(status.getIntervalSeconds());
    }
  }

  @Override
  public void article(final Article article) {
    articles.increment();
    for (final Signal s : article.getSignals()) {
      Counter.builder("parley.signals").description("Signals coded by type and mode")
          .tag("type", s.getType().name()).tag("mode", s.getMode().name()).register(registry).increment();
    }
    if (article.getFlags().contains(ArticleCoder.TEXT_CUT)) {
      Counter.builder("parley.articles.text.cut")
          .description("Articles whose body was longer than " + ArticleCoder.MAX_CODED_CHARS + " characters, coded on its start")
          .register(registry).increment();
    }
    if (article.getTrack() == null && !article.getSignals().isEmpty()) {
      // A development Parley saw but could file on no track: it reaches parley.articles, no round or alert.
      Counter.builder("parley.articles.untracked").description("Articles with a signal but no track, by why")
          .tag("reason", article.getActors().isEmpty() ? "no_party" : "one_party").register(registry).increment();
    }
  }

  /**
   * A request to the WebSub callback: {@code kind} delivery, verification or request, and its
   * {@code result} (accepted, bad_signature, too_large, subscribe, unsubscribe, denied, not_found,
   * malformed, unavailable).
   */
  public void webSub(final String kind, final String result) {
    Counter.builder("parley.websub.callbacks").description("Requests to the WebSub callback, by kind and result")
        .tag("kind", kind).tag("result", result).register(registry).increment();
  }

  @Override
  public void deadLetter(final String stage) {
    dlq(stage).increment();
  }

  private Counter dlq(final String stage) {
    return Counter.builder("parley.dlq").description("Records sent to the dead-letter topic").tag("stage", stage)
        .register(registry);
  }

  @Override
  public void duplicate() {
    duplicatesProcessor.increment();
  }

  @Override
  public void alert(final Alert alert, final Instant published, final Instant ingested) {
    Counter.builder("parley.alerts").description("Alert revisions by type and mode")
        .tag("type", alert.getType().name()).tag("mode", alert.getMode().name()).register(registry).increment();
    if (ingested == null || published == null) {
      return; // raised by event time passing (an overdue meeting), not by an item
    }
    final Instant now = Instant.now();
    latency("ingest").record(Duration.between(ingested, now));
    latency("published").record(Duration.between(published, now));
  }

  private Timer latency(final String from) {
    return Timer.builder("parley.alert.latency")
        .description("From the item's ingest or published time to its alert being produced")
        .tag("from", from).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofDays(30))
        .register(registry);
  }

  private Counter deduplicated(final String stage) {
    return Counter.builder("parley.items.deduplicated").description("The same item or story seen again and kept once")
        .tag("stage", stage).register(registry);
  }

  @Override
  public void close() {
    for (final AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (final Exception ignored) {
        // closing on shutdown
      }
    }
    registry.close();
  }
}
