package io.parley.processor.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley ingest}, {@code process} and {@code web}: the services on their own, for production, on a cluster. */
final class ServiceCommands {

  private ServiceCommands() {}

  /** A service of one role on the cluster its flags and environment name. */
  abstract static class OnCluster extends EnvCommand implements Callable<Integer> {
    @Mixin KafkaOptions kafkaOptions;
    @Mixin ServiceOptions serviceOptions;

    /** Runs {@code role} until stopped, polling {@code feeds} (ingest only; null: the feeds topic). */
    int run(final ParleyRuntime.Role role, final Path feeds) throws InterruptedException {
      final Configuration config = Configuration.of(env, kafkaOptions, serviceOptions);
      if (config.bootstrapServers() == null) {
        throw new ConfigError(role.name().toLowerCase(Locale.ROOT)
            + " needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS (only run embeds a broker)");
      }
      return Services.runUntilStopped(RunCommand.plan(role, config, feeds, false, null, spec.commandLine().getErr()),
          spec.commandLine().getOut(), null);
    }
  }

  /** {@code parley ingest}. */
  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = {
          "Polls feeds into the raw-items topic and reports each poll on the feed-status topic, with",
          "/metrics and /health on --http-port. Feeds come from --feeds, else the feeds topic, else a",
          "bundled list. Needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS."})
  static final class Ingest extends OnCluster {
    @Option(names = "--feeds", paramLabel = "FILE|OPML",
        description = "Feed list: one URL a line (optionally followed by a name), or an OPML file.")
    Path feeds;

    @Override
    public Integer call() throws InterruptedException {
      return run(ParleyRuntime.Role.INGEST, feeds);
    }
  }


  /** {@code parley process}. */
  @Command(name = "process", mixinStandardHelpOptions = true,
      description = {
          "Runs the Streams processor: raw items to articles, rounds, alerts and dead letters, with",
          "/metrics and /health on --http-port; state stores under --data-dir. Scale out by running",
          "more instances with the same topic prefix. Needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS."})
  static final class Process extends OnCluster {
    @Override
    public Integer call() throws InterruptedException {
      return run(ParleyRuntime.Role.PROCESS, null);
    }
  }


  /** {@code parley web}. */
  @Command(name = "web", mixinStandardHelpOptions = true,
      description = {
          "Serves the newsroom page and the alert API (/, /api/alerts, /api/alerts/stream, /api/rounds/{id},",
          "/api/feeds) with /metrics and /health on --http-port, reading the alert, round, article and",
          "feed-status topics; no stream, no polling. run and process serve the same page; run more web",
          "instances for more readers. Needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS."})
  static final class Web extends OnCluster {
    @Override
    public Integer call() throws InterruptedException {
      return run(ParleyRuntime.Role.WEB, null);
    }
  }

}
