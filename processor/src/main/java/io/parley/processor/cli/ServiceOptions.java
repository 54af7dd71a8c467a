package io.parley.processor.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Flags of the long-running commands ({@code run}, {@code ingest}, {@code process}); read by {@link Configuration}. */
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
}
