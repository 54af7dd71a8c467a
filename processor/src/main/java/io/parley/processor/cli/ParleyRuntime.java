package io.parley.processor.cli;

import io.parley.ingest.IngestConfig;
import io.parley.ingest.IngestService;
import io.parley.ingest.websub.WebSubCallback;
import io.parley.ingest.feed.FeedList;
import io.parley.processor.ProcessorConfig;
import io.parley.processor.StreamsSettings;
import io.parley.processor.demo.DemoFeedServer;
import io.parley.processor.alerts.Alerter;
import io.parley.processor.rounds.BacklogOrder;
import io.parley.processor.rounds.RoundAssigner;
import io.parley.processor.runtime.DataDirCheck;
import io.parley.processor.runtime.DataDirLock;
import io.parley.processor.runtime.EmbeddedKafka;
import io.parley.processor.runtime.HttpEndpoint;
import io.parley.processor.runtime.ParleyMetrics;
import io.parley.processor.runtime.Readiness;
import io.parley.processor.runtime.TopicAdmin;
import io.parley.processor.signals.ArticleCoder;
import io.parley.processor.topology.DeadLetterHandlers;
import io.parley.processor.topology.ParleyTopology;
import io.parley.processor.web.AlertBoard;
import io.parley.processor.web.AlertsJsonMirror;
import io.parley.processor.web.WebApp;
import io.parley.schemas.FeedConfig;
import io.parley.schemas.Round;
import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code parley run}, {@code ingest} and {@code process} start, in order, and stop in reverse
 * order: the embedded broker (run without a cluster), topics, metrics and the HTTP endpoint, the
 * alert console, the Streams processor, the demo feed server and ingest.
 */
final class ParleyRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParleyRuntime.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private volatile KafkaStreams streams;
  private volatile IngestService ingest;
  private String bootstrap;
  /** The replication factor topics are created with: the plan's, or the one chosen for the cluster. */
  private short replication = 1;
  private HttpEndpoint http;
  private ParleyMetrics metrics;

  /** Which parts run in this process. */
  enum Role {
    ALL, INGEST, PROCESS, WEB;

    /** Whether this role serves the newsroom page and the alert API on its HTTP port. */
    boolean servesPage() {
      return this != INGEST;
    }
  }

  /**
   * What to start; built with {@link #builder(Role, Path)}.
   *
   * @param bootstrapServers the cluster, or null to start the embedded broker
   * @param kafka client settings passed to every Kafka client (the bootstrap servers are added)
   * @param partitions partitions of the topics Parley creates
   * @param replication replication factor of the topics Parley creates and of Streams' internal topics
   * @param demo serve the bundled sample coverage from a local feed server and poll it
   * @param feeds the feeds to poll, given the Kafka client settings (they may be read from the feeds topic)
   * @param http where the HTTP endpoint listens
   * @param kafkaPort the embedded broker's client port when it is free (0: any free port)
   * @param alertsJson also write each alert's JSON to {@code <prefix>alerts-json}
   */
  record Plan(Role role, String bootstrapServers, Path dataDir, Map<String, Object> kafka, Topics topics,
      int partitions, short replication, ProcessorConfig processor, IngestConfig ingest, boolean demo,
      Function<Map<String, Object>, List<FeedConfig>> feeds, InetSocketAddress http, int kafkaPort,
      boolean alertsJson) {

    /** A plan of {@code role} with its state under {@code dataDir}, and defaults for the rest. */
    static Builder builder(final Role role, final Path dataDir) {
      return new Builder(role, dataDir);
    }

    /**
     * The defaults: the embedded broker, standard topics of 3 partitions and replication 1, default
     * processor and ingest settings, no feeds, HTTP on a free port of the loopback address.
     */
    static final class Builder {
      private final Role role;
      private final Path dataDir;
      private String bootstrapServers;
      private Map<String, Object> kafka = Map.of();
      private Topics topics = Topics.standard();
      private int partitions = 3;
      private short replication = TopicAdmin.AUTO_REPLICATION;
      private ProcessorConfig processor = ProcessorConfig.defaults();
      private IngestConfig ingest = IngestConfig.defaults();
      private boolean demo;
      private Function<Map<String, Object>, List<FeedConfig>> feeds = kafka -> List.of();
      private InetSocketAddress http = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
      private int kafkaPort;
      private boolean alertsJson;

      private Builder(final Role role, final Path dataDir) {
        this.role = role;
        this.dataDir = dataDir;
      }

      Builder bootstrapServers(final String servers) {
        this.bootstrapServers = servers;
        return this;
      }

      Builder kafka(final Map<String, Object> settings) {
        this.kafka = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        return this;
      }

      Builder topics(final Topics t, final int partitionCount, final short replicationFactor) {
        this.topics = t;
        this.partitions = partitionCount;
        this.replication = replicationFactor;
        return this;
      }

      Builder processor(final ProcessorConfig config) {
        this.processor = config;
        return this;
      }

      Builder ingest(final IngestConfig config) {
        this.ingest = config;
        return this;
      }

      Builder demo(final boolean on) {
        this.demo = on;
        return this;
      }

      Builder feeds(final Function<Map<String, Object>, List<FeedConfig>> source) {
        this.feeds = source;
        return this;
      }

      Builder http(final InetSocketAddress address) {
        this.http = address;
        return this;
      }

      /** The embedded broker's port, when it is free; else a free one, said on the console. */
      Builder kafkaPort(final int port) {
        this.kafkaPort = port;
        return this;
      }

      /** Whether the JSON mirror of the alerts topic is written. */
      Builder alertsJson(final boolean on) {
        this.alertsJson = on;
        return this;
      }

      Plan build() {
        return new Plan(role, bootstrapServers, dataDir, kafka, topics, partitions, replication, processor, ingest,
            demo, feeds, http, kafkaPort, alertsJson);
      }
    }
  }

  /** Starts everything of {@code plan}; on failure, stops what was started and rethrows. */
  ParleyRuntime start(final Plan plan, final PrintWriter out) {
    try {
      try {
        started.push(DataDirLock.acquire(plan.dataDir()));
      } catch (final IllegalStateException e) {
        throw new ConfigError(e.getMessage());
      }
      bootstrap = plan.bootstrapServers();
      if (bootstrap == null) {
        final boolean portFree = plan.kafkaPort() == 0 || EmbeddedKafka.portFree(plan.kafkaPort());
        final EmbeddedKafka kafka;
        try {
          kafka = EmbeddedKafka.start(plan.dataDir().resolve("kafka"), portFree ? plan.kafkaPort() : 0, Map.of());
        } catch (final DataDirCheck.Damaged e) {
          throw new ConfigError(e.getMessage());
        }
        started.push(kafka);
        bootstrap = kafka.bootstrapServers();
        if (!portFree) {
          out.println("parley: port " + plan.kafkaPort() + " is busy; the embedded broker takes a free one instead"
              + " (choose one with --kafka-port or PARLEY_KAFKA_PORT)");
        }
        out.println("parley: embedded Kafka broker on " + bootstrap + " (data in " + plan.dataDir() + ")"
            + " — connect clients and dashboards with bootstrap.servers=" + bootstrap);
        out.flush();
      }
      final Map<String, Object> kafka = new LinkedHashMap<>(plan.kafka());
      kafka.put("bootstrap.servers", bootstrap);
      ensureTopics(plan, kafka);

      metrics = new ParleyMetrics();
      started.push(metrics);
      WebApp page = null;
      if (plan.role().servesPage()) {
        final AlertBoard board = new AlertBoard(kafka, plan.topics());
        started.push(board);
        page = new WebApp(board);
        started.push(page::closeStreams);
      }
      try {
        http = new HttpEndpoint(plan.http(), metrics, this::notReady, page, WebApp::serves);
      } catch (final IllegalStateException e) {
        throw new ConfigError(e.getMessage() + " (choose another with --http-port/--http-address or PARLEY_HTTP_PORT/PARLEY_HTTP_ADDRESS)");
      }
      started.push(http);

      if (plan.role() == Role.ALL) {
        started.push(new AlertConsole(kafka, plan.topics().alerts(), out, false).start());
      }
      if (plan.role() == Role.ALL || plan.role() == Role.PROCESS) {
        startStreams(plan, kafka);
      }
      if (plan.role() == Role.ALL || plan.role() == Role.INGEST) {
        startIngest(plan, kafka, out);
      }
      out.println("parley: " + (plan.role() == Role.ALL ? "running" : plan.role().name().toLowerCase() + " running")
          + " — topics " + plan.topics().prefix() + "*, "
          + (plan.role().servesPage() ? "newsroom page on http://localhost:" + http.port() + "/, " : "")
          + "metrics and health on http://localhost:" + http.port()
          + (plan.role() == Role.ALL ? ", alerts appear below" : "") + ". Ctrl-C to stop.");
      out.flush();
      return this;
    } catch (final RuntimeException e) {
      close();
      throw e;
    }
  }

  private void ensureTopics(final Plan plan, final Map<String, Object> kafka) {
    final Map<String, Object> adminConfig = new LinkedHashMap<>(kafka);
    // Fail fast on an unreachable cluster: one clear line instead of a minute of retries.
    adminConfig.putIfAbsent("default.api.timeout.ms", 20_000);
    adminConfig.putIfAbsent("request.timeout.ms", 15_000);
    try (Admin admin = Admin.create(adminConfig)) {
      final TopicAdmin topics = new TopicAdmin(admin, Duration.ofSeconds(20));
      replication = topics.replication(plan.replication());
      topics.ensure(plan.topics(), plan.partitions(), replication);
      if (plan.alertsJson()) {
        topics.ensure(List.of(AlertsJsonMirror.topic(plan.topics())), plan.partitions(), replication);
      }
    } catch (final TopicAdmin.TopicSetupException e) {
      throw new ConfigError("Kafka at " + bootstrap + ": " + e.getMessage());
    } catch (final KafkaException e) {
      throw new ConfigError("Kafka at " + bootstrap + ": " + e.getMessage());
    }
  }

  private void startStreams(final Plan plan, final Map<String, Object> kafka) {
    final Properties props = StreamsSettings.of(plan.topics().prefix() + "processor", kafka,
        plan.dataDir().resolve("streams"), replication);
    // Internal topics (changelogs, repartitions) as durable as Parley's own: 2 in sync from 3 replicas.
    TopicAdmin.minInsync(replication).forEach((k, v) -> props.putIfAbsent(StreamsConfig.topicPrefix(k), v));
    DeadLetterHandlers.configure(props, plan.topics().dlq().name(), metrics);
    final Topology topology = ParleyTopology.build(plan.topics(), plan.processor(), ArticleCoder.bundled(), metrics);
    if (plan.alertsJson()) {
      AlertsJsonMirror.attach(topology, plan.topics());
    }
    final KafkaStreams s = new KafkaStreams(topology, props);
    s.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed; replacing it: {}", e.toString());
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    final RoundCounts rounds = new RoundCounts(s);
    metrics.bind(s, () -> rounds.read()[0], () -> rounds.read()[1]);
    for (final String store : List.of(RoundAssigner.STORE, Alerter.STORE, BacklogOrder.STORE)) {
      final StoreKeys keys = new StoreKeys(s, store);
      metrics.bindStateKeys(store, keys::read);
    }
    streams = s;
    // Leaving the group on a clean stop: the next start (or another instance) gets the partitions at
    // once, instead of after the session timeout (45 s) of a member that never said it left.
    started.push(() -> s.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30))));
    s.start();
  }

  private void startIngest(final Plan plan, final Map<String, Object> kafka, final PrintWriter out) {
    final List<FeedConfig> feeds;
    if (plan.demo()) {
      final DemoFeedServer demo = DemoFeedServer.start();
      started.push(demo);
      feeds = demo.feedUrls().stream()
          .map(url -> FeedList.feed(url, null, 5, Instant.now())).toList();
      out.println("parley: demo feeds served on 127.0.0.1 — " + feeds.size() + " feeds of sample coverage");
    } else {
      feeds = plan.feeds().apply(kafka);
    }
    final FeedWatch watch = new FeedWatch(out, Duration.ofSeconds(30), Duration.ofMinutes(3));
    started.push(watch);
    final IngestService service = new IngestService(plan.ingest(), plan.topics(), kafka, status -> {
      metrics.poll(status);
      watch.accept(status);
    }, metrics::deadLetter, metrics::webSub);
    metrics.bind(service.producer());
    service.webSubCallback().ifPresent(callback -> http.hook(WebSubCallback.PATH, new HttpEndpoint.Hook() {
      @Override
      public int maxBodyBytes() {
        return WebSubCallback.MAX_BODY_BYTES;
      }

      @Override
      public HttpEndpoint.HookReply handle(final String method, final String path, final Map<String, String> query,
          final java.util.function.Function<String, String> header, final byte[] body) {
        final WebSubCallback.Reply reply = callback.handle(method, path, query, header, body);
        return new HttpEndpoint.HookReply(reply.status(), reply.contentType(), reply.body());
      }
    }));
    ingest = service;
    started.push(service);
    service.start(feeds);
    out.println("parley: polling " + feeds.size() + " feeds");
  }

  /**
   * Open and closed-kept rounds in this instance's round stores, counted at most once a second;
   * while the stores cannot be read (a rebalance), the last counts stand, never NaN.
   */
  private static final class RoundCounts {
    private final KafkaStreams streams;
    private double[] last = {0, 0};
    private long readAt;

    RoundCounts(final KafkaStreams streams) {
      this.streams = streams;
    }

    synchronized double[] read() {
      if (System.currentTimeMillis() - readAt < 1_000 || streams.state() != KafkaStreams.State.RUNNING) {
        return last;
      }
      try {
        final ReadOnlyKeyValueStore<String, Round> store = streams.store(
            StoreQueryParameters.fromNameAndType(RoundAssigner.STORE, QueryableStoreTypes.keyValueStore()));
        double open = 0;
        double closed = 0;
        try (KeyValueIterator<String, Round> all = store.all()) {
          while (all.hasNext()) {
            if (all.next().value.getClosed()) {
              closed++;
            } else {
              open++;
            }
          }
        }
        last = new double[] {open, closed};
        readAt = System.currentTimeMillis();
      } catch (final InvalidStateStoreException e) {
        // rebalancing: keep the last counts
      }
      return last;
    }
  }

  /**
   * The keys of one key-value store of this instance, summed over its tasks (RocksDB's estimate),
   * read at most every ten seconds; the last count stands while the store cannot be read.
   */
  private static final class StoreKeys {
    private final KafkaStreams streams;
    private final String store;
    private double last;
    private long readAt;

    StoreKeys(final KafkaStreams streams, final String store) {
      this.streams = streams;
      this.store = store;
    }

    synchronized double read() {
      if (System.currentTimeMillis() - readAt < 10_000 || streams.state() != KafkaStreams.State.RUNNING) {
        return last;
      }
      try {
        last = streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()))
            .approximateNumEntries();
        readAt = System.currentTimeMillis();
      } catch (final InvalidStateStoreException e) {
        // rebalancing: keep the last count
      }
      return last;
    }
  }

  /** Empty when every part of this process is ready, else why not. */
  Optional<String> notReady() {
    final Optional<String> s = Readiness.streams(streams);
    if (s.isPresent()) {
      return s;
    }
    final Optional<String> p = Readiness.producer(ingest == null ? null : ingest.producer());
    return p.isPresent() || ingest == null ? p : ingest.notPublishing();
  }

  /** The bootstrap servers in use. */
  String bootstrapServers() {
    return bootstrap;
  }

  /** The HTTP endpoint's port. */
  int httpPort() {
    return http.port();
  }

  /** The Streams state, or null when this process runs no stream. */
  KafkaStreams.State streamsState() {
    return streams == null ? null : streams.state();
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      final AutoCloseable c = started.pop();
      try {
        c.close();
      } catch (final Exception e) {
        LOG.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
