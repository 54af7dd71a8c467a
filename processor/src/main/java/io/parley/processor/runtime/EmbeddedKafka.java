package io.parley.processor.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) running inside this JVM on
 * 127.0.0.1. Used by {@code parley run} when no bootstrap servers are given, by {@code bench}, and
 * by the integration tests, so that everything runs against a real broker without Docker.
 *
 * <p>State lives in {@code dataDir}: restarting on the same directory keeps topics and offsets.
 * Sized for a laptop: every replication factor is 1 and the log cleaner's dedupe buffer is small
 * (the 128 MiB default is allocated on the heap at start).
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final Path dataDir;
  private final int port;
  private final KafkaRaftServer server;
  private boolean stopped;

  private EmbeddedKafka(final Path dataDir, final int port, final KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.port = port;
    this.server = server;
  }

  /** Starts a broker on a free port with its logs under {@code dataDir}. */
  public static EmbeddedKafka start(final Path dataDir) {
    return start(dataDir, 0, Map.of());
  }

  /**
   * Starts a broker.
   *
   * @param dataDir directory for the KRaft metadata and the logs; created if missing
   * @param port client port on 127.0.0.1, or 0 for a free one
   * @param overrides broker properties that replace the embedded defaults
   */
  public static EmbeddedKafka start(final Path dataDir, final int port, final Map<String, String> overrides) {
    final long started = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      DataDirCheck.verify(dataDir); // damage stops here, before Kafka repairs it in silence
      final int clientPort = port == 0 ? freePort() : port;
      final int controllerPort = freePort();
      final Properties props = brokerProperties(dataDir, clientPort, controllerPort);
      props.putAll(overrides);
      format(dataDir, props);
      final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      LOG.info("embedded Kafka ready on 127.0.0.1:{} in {} ms (data in {})",
          clientPort, (System.nanoTime() - started) / 1_000_000, dataDir);
      return new EmbeddedKafka(dataDir, clientPort, server);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot start embedded Kafka in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Whether nothing listens on {@code port} of 127.0.0.1 now. */
  public static boolean portFree(final int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (final IOException e) {
      return false;
    }
  }

  /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The directory holding the broker's state. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Stops this broker and starts it again on the same logs and client port, as an operator's
   * rolling restart does; clients reconnect to the same address.
   */
  public EmbeddedKafka restart() {
    close();
    return start(dataDir, port, Map.of());
  }

  /** Stops the broker and waits until it has shut down; safe to call twice. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    server.shutdown();
    server.awaitShutdown();
    try {
      DataDirCheck.record(dataDir); // what the next start checks the logs against
    } catch (final UncheckedIOException e) {
      LOG.warn("the clean-stop record of {} could not be written; the next start checks less: {}", dataDir, e.getMessage());
    }
    LOG.info("embedded Kafka on 127.0.0.1:{} stopped", port);
  }

  public static Properties brokerProperties(final Path dataDir, final int clientPort, final int controllerPort) {
    final Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("metadata.log.dir", dataDir.resolve("meta").toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("min.insync.replicas", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    // Allocated on the heap at start; the 128 MiB default is too much for an embedded broker.
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    p.put("log.cleaner.threads", "1");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    // Each segment's offset and time indexes are memory-mapped at this size, sparse. On the
    // two-vCPU machines Parley is benchmarked on, a page fault in such a mapping cost ~40 µs with
    // the 10 MiB default and ~10 µs with 1 MiB (zero-filling the pages read around it), and the
    // request handlers spent ~45 % of their time there: 1 MiB took two thirds off the broker's CPU
    // an article (BENCHMARKS.md). A segment then rolls at ~340 MB of log instead of 1 GiB.
    p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
    return p;
  }

  private static void format(final Path dataDir, final Properties props) throws IOException {
    if (Files.isRegularFile(dataDir.resolve("meta").resolve("meta.properties"))) {
      // Formatted before: the logs belong to that cluster id, and a new one would be refused.
      return;
    }
    final Path config = dataDir.resolve("server.properties");
    try (var out = Files.newOutputStream(config)) {
      props.store(out, "embedded Parley broker");
    }
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    final int rc;
    try (PrintStream print = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(
          new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
              "--ignore-formatted"},
          print);
    } catch (final RuntimeException e) {
      throw new IOException("formatting the KRaft storage failed: " + e.getMessage(), e);
    }
    if (rc != 0) {
      throw new IOException("formatting the KRaft storage failed: "
          + captured.toString(StandardCharsets.UTF_8).strip());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
