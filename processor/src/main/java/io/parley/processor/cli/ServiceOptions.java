package io.parley.processor.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the long-running commands ({@code run}, {@code ingest}, {@code process}). */
public final class ServiceOptions {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "State of the embedded broker and the stream stores (env PARLEY_DATA_DIR, default ./parley-data).")
  Path dataDir;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "Port of /metrics, /health/live and /health/ready (env PARLEY_HTTP_PORT, default 9464; 0 picks a free one).")
  Integer httpPort;

  @Option(names = "--http-address", paramLabel = "ADDRESS",
      description = "Address the HTTP endpoint listens on (env PARLEY_HTTP_ADDRESS, default 0.0.0.0: every interface, "
          + "as Kubernetes probes and Prometheus need; 127.0.0.1 keeps it on this machine).")
  String httpAddress;

  /** Where the HTTP endpoint listens. */
  InetSocketAddress http(final Map<String, String> env) {
    final String host = httpAddress != null ? httpAddress : env.getOrDefault("PARLEY_HTTP_ADDRESS", "0.0.0.0");
    final InetAddress address;
    try {
      address = InetAddress.getByName(host.strip());
    } catch (final UnknownHostException e) {
      throw new ConfigError("--http-address " + host + " is not an address of this machine");
    }
    return new InetSocketAddress(address, httpPort(env));
  }

  int httpPort(final Map<String, String> env) {
    final int port = httpPort != null ? httpPort : KafkaOptions.intEnv(env, "PARLEY_HTTP_PORT", 9464);
    if (port < 0 || port > 65_535) {
      throw new ConfigError("--http-port must be between 0 and 65535, not " + port);
    }
    return port;
  }

  /** The configured data dir, created and checked writable. */
  Path dataDir(final Map<String, String> env) {
    final Path dir = dataDir != null ? dataDir : Path.of(env.getOrDefault("PARLEY_DATA_DIR", "parley-data"));
    try {
      Files.createDirectories(dir);
    } catch (final IOException e) {
      throw new ConfigError("data dir " + dir + " cannot be created: " + e.getMessage());
    }
    if (!Files.isWritable(dir)) {
      throw new ConfigError("data dir " + dir + " is not writable");
    }
    return dir.toAbsolutePath();
  }

  boolean dataDirGiven(final Map<String, String> env) {
    return dataDir != null || env.containsKey("PARLEY_DATA_DIR");
  }
}
