package io.parley.processor.testing;

import io.parley.processor.runtime.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A three-node KRaft cluster on 127.0.0.1, each node (broker and controller) in a JVM of its own,
 * so that a test can kill one with SIGKILL the way a machine dies, or restart them one by one the
 * way an operator rolls a cluster. Production settings where they matter: internal topics with
 * three replicas and {@code min.insync.replicas} 2.
 */
public final class BrokerCluster implements AutoCloseable {

  /** Nodes in the cluster. */
  public static final int NODES = 3;

  private final Path dir;
  private final int[] clientPorts = new int[NODES];
  private final Process[] nodes = new Process[NODES];

  private BrokerCluster(final Path dir) {
    this.dir = dir;
  }

  /** Formats and starts three nodes under {@code dir}; returns when all three are in the cluster. */
  public static BrokerCluster start(final Path dir) throws IOException {
    final BrokerCluster cluster = new BrokerCluster(dir);
    final int[] controllerPorts = new int[NODES];
    for (int i = 0; i < NODES; i++) {
      cluster.clientPorts[i] = freePort();
      controllerPorts[i] = freePort();
    }
    final String voters = java.util.stream.IntStream.range(0, NODES)
        .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i]).collect(Collectors.joining(","));
    final String clusterId = Uuid.randomUuid().toString();
    for (int i = 0; i < NODES; i++) {
      final Path nodeDir = dir.resolve("node-" + (i + 1));
      Files.createDirectories(nodeDir);
      final Properties p = EmbeddedKafka.brokerProperties(nodeDir, cluster.clientPorts[i], controllerPorts[i]);
      p.put("node.id", Integer.toString(i + 1));
      p.put("controller.quorum.voters", voters);
      p.put("default.replication.factor", "3");
      p.put("offsets.topic.replication.factor", "3");
      p.put("transaction.state.log.replication.factor", "3");
      p.put("transaction.state.log.min.isr", "2");
      p.put("min.insync.replicas", "2");
      p.put("share.coordinator.state.topic.replication.factor", "3");
      p.put("share.coordinator.state.topic.min.isr", "2");
      // A node stopped cleanly hands its leaderships over at once; a killed one is noticed this fast.
      p.put("broker.session.timeout.ms", "6000");
      p.put("broker.heartbeat.interval.ms", "1000");
      final Path config = nodeDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        p.store(out, "node " + (i + 1) + " of a three-node test cluster");
      }
      format(clusterId, config);
    }
    try {
      for (int i = 0; i < NODES; i++) {
        cluster.startNode(i);
      }
      cluster.awaitNodes(NODES, Duration.ofSeconds(90));
    } catch (final RuntimeException | IOException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Every node's client address, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return java.util.Arrays.stream(clientPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** SIGKILL to node {@code i} (0-based): no shutdown, no flush. */
  public void kill(final int i) throws InterruptedException {
    nodes[i].destroyForcibly();
    nodes[i].waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM to node {@code i}: a clean shutdown that moves its leaderships first. */
  public void stop(final int i) throws InterruptedException {
    nodes[i].destroy();
    if (!nodes[i].waitFor(120, TimeUnit.SECONDS)) {
      kill(i);
    }
  }

  /** Starts node {@code i} again on its logs and ports, and waits until the cluster counts it. */
  public void restart(final int i) throws IOException {
    startNode(i);
    awaitNodes(NODES, Duration.ofSeconds(90));
  }

  /** Waits until the cluster reports {@code count} live brokers. */
  public void awaitNodes(final int count, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(),
          "default.api.timeout.ms", 5_000, "request.timeout.ms", 3_000))) {
        if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count) {
          return;
        }
      } catch (final Exception e) {
        // not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cluster did not reach " + count + " brokers in " + timeout
            + "; see " + dir + "/node-*/out.log");
      }
      sleep(500);
    }
  }

  private void startNode(final int i) throws IOException {
    final Path nodeDir = dir.resolve("node-" + (i + 1));
    final String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    final List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-Xss512k",
        "-cp", classpath, "kafka.Kafka", nodeDir.resolve("server.properties").toString()));
    nodes[i] = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("out.log").toFile())).start();
  }

  private static void format(final String clusterId, final Path config) throws IOException {
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    final int rc;
    try (PrintStream print = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"},
          print);
    }
    if (rc != 0) {
      throw new IOException("formatting " + config + " failed: " + captured.toString(StandardCharsets.UTF_8));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(final long millis) {
    try {
      Thread.sleep(millis);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (final Process node : nodes) {
      if (node != null) {
        node.destroyForcibly();
      }
    }
    for (final Process node : nodes) {
      if (node != null) {
        try {
          node.waitFor(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
