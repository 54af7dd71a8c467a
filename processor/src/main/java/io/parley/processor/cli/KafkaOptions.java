package io.parley.processor.cli;

import io.parley.schemas.EnvValues;
import io.parley.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Kafka connection options shared by every command that talks to a cluster. Precedence: flags,
 * then {@code KAFKA_*} / {@code PARLEY_*} environment variables, then defaults. Any
 * {@code KAFKA_SOME_SETTING} variable becomes the client setting {@code some.setting} (SASL and
 * SSL included), as does {@code --kafka some.setting=value}.
 */
public final class KafkaOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]",
      description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--kafka", paramLabel = "KEY=VALUE",
      description = "A Kafka client setting passed through as is, e.g. --kafka security.protocol=SASL_SSL. Repeatable.")
  Map<String, String> kafka = new LinkedHashMap<>();

  @Option(names = "--topic-prefix", paramLabel = "PREFIX",
      description = "Common prefix of Parley's topics (env PARLEY_TOPIC_PREFIX, default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of topics Parley creates (env PARLEY_PARTITIONS, default 3).")
  Integer partitions;

  @Option(names = "--replication", paramLabel = "N",
      description = "Replication factor of topics Parley creates (env PARLEY_REPLICATION, default 1).")
  Short replication;

  /** The bootstrap servers from flag or environment, or null. */
  String bootstrapServers(final Map<String, String> env) {
    if (bootstrapServers != null && !bootstrapServers.isBlank()) {
      return bootstrapServers.strip();
    }
    final String fromEnv = env.get("KAFKA_BOOTSTRAP_SERVERS");
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
  }

  /** Client settings from {@code KAFKA_*} variables and {@code --kafka}, plus the bootstrap servers. */
  Map<String, Object> clientConfig(final Map<String, String> env, final String bootstrap) {
    final Map<String, Object> config = new LinkedHashMap<>(EnvValues.kafkaSettings(env));
    config.putAll(kafka); // a flag overrides the environment
    config.put("bootstrap.servers", bootstrap);
    return config;
  }

  Topics topics(final Map<String, String> env) {
    final String prefix = topicPrefix != null ? topicPrefix : env.getOrDefault("PARLEY_TOPIC_PREFIX", Topics.DEFAULT_PREFIX);
    try {
      return Topics.withPrefix(prefix);
    } catch (final IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
  }

  int partitions(final Map<String, String> env) {
    final int n = partitions != null ? partitions : intEnv(env, "PARLEY_PARTITIONS", 3);
    if (n < 1 || n > 10_000) {
      throw new ConfigError("partitions must be between 1 and 10000, not " + n);
    }
    return n;
  }

  short replication(final Map<String, String> env) {
    final int n = replication != null ? replication : intEnv(env, "PARLEY_REPLICATION", 1);
    if (n < 1 || n > 32) {
      throw new ConfigError("replication must be between 1 and 32, not " + n);
    }
    return (short) n;
  }

  /** A whole number from the environment; a bad one is a configuration error. */
  static int intEnv(final Map<String, String> env, final String name, final int fallback) {
    try {
      return (int) EnvValues.number(env, name, fallback);
    } catch (final IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
  }
}
