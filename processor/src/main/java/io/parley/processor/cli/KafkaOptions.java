package io.parley.processor.cli;

import io.parley.schemas.EnvValues;
import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
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

  /**
   * Client settings from {@code KAFKA_*} variables and {@code --kafka}, plus the bootstrap servers,
   * each checked against Kafka's own definitions before anything starts: a value Kafka would
   * refuse is a configuration error (one line, exit 2); a name no Kafka client, Streams or admin
   * setting has is passed on with a warning on {@code err}.
   */
  Map<String, Object> clientConfig(final Map<String, String> env, final String bootstrap, final PrintWriter err) {
    final Map<String, Object> config = new LinkedHashMap<>(EnvValues.kafkaSettings(env));
    config.putAll(kafka); // a flag overrides the environment
    for (final String unknown : check(config)) {
      err.println("parley: warning: '" + unknown + "' is not a Kafka client, Streams or admin setting; passed on as is");
    }
    err.flush();
    config.put("bootstrap.servers", bootstrap);
    return config;
  }

  /** Prefixes Kafka Streams uses to aim a setting at one of its clients. */
  private static final List<String> PREFIXES = List.of("main.consumer.", "restore.consumer.", "global.consumer.",
      "consumer.", "producer.", "admin.");

  /**
   * The names of {@code config} that no Kafka definition knows.
   *
   * @throws ConfigError for a value of a known setting that Kafka would refuse
   */
  static List<String> check(final Map<String, Object> config) {
    final List<ConfigDef> defs = List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
        AdminClientConfig.configDef(), StreamsConfig.configDef());
    final List<String> unknown = new ArrayList<>();
    for (final Map.Entry<String, Object> e : config.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("topic.")) {
        continue; // settings of the topics Streams creates: the broker judges them
      }
      for (final String prefix : PREFIXES) {
        if (name.startsWith(prefix)) {
          name = name.substring(prefix.length());
          break;
        }
      }
      boolean known = false;
      for (final ConfigDef def : defs) {
        final ConfigDef.ConfigKey key = def.configKeys().get(name);
        if (key == null) {
          continue;
        }
        known = true;
        try {
          final Object value = ConfigDef.parseType(name, e.getValue(), key.type);
          if (key.validator != null) {
            key.validator.ensureValid(name, value);
          }
        } catch (final ConfigException bad) {
          throw new ConfigError("Kafka setting " + e.getKey() + "=" + e.getValue() + " is not valid: " + bad.getMessage());
        }
      }
      if (!known) {
        unknown.add(e.getKey());
      }
    }
    return unknown;
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
