package io.parley.processor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley ingest} and {@code parley process}: the two services on their own, for production. */
final class ServiceCommands {

  private ServiceCommands() {}

  private static Configuration requireCluster(final Configuration config, final String command) {
    if (config.bootstrapServers() == null) {
      throw new ConfigError(command + " needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS (only run embeds a broker)");
    }
    return config;
  }

  /** {@code parley ingest}. */
  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = {
          "Polls feeds into the raw-items topic and reports each poll on the feed-status topic, with",
          "/metrics and /health on --http-port. Feeds come from --feeds, else the feeds topic, else a",
          "bundled list. Needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS."})
  static final class Ingest extends EnvCommand implements Callable<Integer> {
    @Mixin KafkaOptions kafkaOptions;
    @Mixin ServiceOptions serviceOptions;

    @Option(names = "--feeds", paramLabel = "FILE|OPML",
        description = "Feed list: one URL a line (optionally followed by a name), or an OPML file.")
    Path feeds;


    @Override
    public Integer call() throws Exception {
      final Configuration config = requireCluster(Configuration.of(env, kafkaOptions, serviceOptions), "ingest");
      return Services.runUntilStopped(RunCommand.plan(ParleyRuntime.Role.INGEST, config, feeds, false, null,
          spec.commandLine().getErr()), spec.commandLine().getOut(), null);
    }
  }

  /** {@code parley process}. */
  @Command(name = "process", mixinStandardHelpOptions = true,
      description = {
          "Runs the Streams processor: raw items to articles, rounds, alerts and dead letters, with",
          "/metrics and /health on --http-port; state stores under --data-dir. Scale out by running",
          "more instances with the same topic prefix. Needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS."})
  static final class Process extends EnvCommand implements Callable<Integer> {
    @Mixin KafkaOptions kafkaOptions;
    @Mixin ServiceOptions serviceOptions;


    @Override
    public Integer call() throws Exception {
      final Configuration config = requireCluster(Configuration.of(env, kafkaOptions, serviceOptions), "process");
      return Services.runUntilStopped(RunCommand.plan(ParleyRuntime.Role.PROCESS, config, null, false, null,
          spec.commandLine().getErr()), spec.commandLine().getOut(), null);
    }
  }

  /** {@code parley web}. */
  @Command(name = "web", mixinStandardHelpOptions = true,
      description = {
          "Serves the newsroom page and the alert API (/, /api/alerts, /api/alerts/stream, /api/rounds/{id},",
          "/api/feeds) with /metrics and /health on --http-port, reading the alert, round, article and",
          "feed-status topics; no stream, no polling. run and process serve the same page; run more web",
          "instances for more readers. Needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS."})
  static final class Web extends EnvCommand implements Callable<Integer> {
    @Mixin KafkaOptions kafkaOptions;
    @Mixin ServiceOptions serviceOptions;

    @Override
    public Integer call() throws Exception {
      final Configuration config = requireCluster(Configuration.of(env, kafkaOptions, serviceOptions), "web");
      return Services.runUntilStopped(RunCommand.plan(ParleyRuntime.Role.WEB, config, null, false, null,
          spec.commandLine().getErr()), spec.commandLine().getOut(), null);
    }
  }
}
