package io.parley.processor.cli;

import io.parley.ingest.IngestConfig;
import io.parley.processor.ProcessorConfig;
import io.parley.processor.runtime.TopicAdmin;
import io.parley.schemas.Settings;
import io.parley.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything a command is configured with, read in one place: its flags ({@link KafkaOptions},
 * {@link ServiceOptions} and the command's own) win over {@code PARLEY_*} / {@code KAFKA_*}
 * environment variables, which win over the defaults. Every value is checked when it is read, and
 * a bad one is a {@link ConfigError}: one line naming the flag or variable, exit code 2.
 */
final class Configuration {

  private final Settings settings;

  private Configuration(final Settings settings) {
    this.settings = settings;
  }

  /** The configuration of {@code env} and the flags of {@code kafka} and {@code service} (either may be null). */
  static Configuration of(final Map<String, String> env, final KafkaOptions kafka, final ServiceOptions service) {
    final Settings settings = Settings.of(env);
    if (kafka != null) {
      settings.flag(Settings.BOOTSTRAP, "--bootstrap-servers", kafka.bootstrapServers)
          .flag("PARLEY_TOPIC_PREFIX", "--topic-prefix", kafka.topicPrefix)
          .flag("PARLEY_PARTITIONS", "--partitions", kafka.partitions)
          .flag("PARLEY_REPLICATION", "--replication", kafka.replication)
          .kafkaFlags(kafka.kafka);
    }
    if (service != null) {
      settings.flag("PARLEY_DATA_DIR", "--data-dir", service.dataDir)
          .flag("PARLEY_HTTP_PORT", "--http-port", service.httpPort)
          .flag("PARLEY_HTTP_ADDRESS", "--http-address", service.httpAddress);
    }
    return new Configuration(settings);
  }

  /** Adds a command's own flag for {@code variable} ({@code value} null: not given). */
  Configuration flag(final String variable, final String flag, final Object value) {
    settings.flag(variable, flag, value);
    return this;
  }

  /** The underlying settings (what was read, where a value came from). */
  Settings settings() {
    return settings;
  }

  /** The bootstrap servers, or null: {@code run} then embeds a broker. */
  String bootstrapServers() {
    return settings.text(Settings.BOOTSTRAP, null);
  }

  Topics topics() {
    final String prefix = settings.text("PARLEY_TOPIC_PREFIX", Topics.DEFAULT_PREFIX);
    return checked(() -> Topics.withPrefix(prefix));
  }

  int partitions() {
    return (int) range("PARLEY_PARTITIONS", 3, 1, 10_000);
  }

  /**
   * The replication factor of the topics Parley creates, or {@link TopicAdmin#AUTO_REPLICATION}
   * when none is given: then 3, or the cluster's broker count when it has fewer.
   */
  short replication() {
    if (settings.text("PARLEY_REPLICATION", null) == null) {
      return TopicAdmin.AUTO_REPLICATION;
    }
    return (short) range("PARLEY_REPLICATION", 1, 1, 32);
  }

  /** Port of the HTTP endpoint; 0 picks a free one. */
  int httpPort() {
    return (int) range("PARLEY_HTTP_PORT", 9464, 0, 65_535);
  }

  /** Whether the JSON mirror of the alerts topic ({@code <prefix>alerts-json}) is written. */
  boolean alertsJson() {
    return checked(() -> settings.yes("PARLEY_ALERTS_JSON", false));
  }

  /** The embedded broker's client port (when it is free); 0 for any free one. */
  int kafkaPort() {
    return (int) range("PARLEY_KAFKA_PORT", 9092, 0, 65_535);
  }

  /** Where the HTTP endpoint listens: every interface unless an address is set. */
  InetSocketAddress http() {
    final String host = settings.text("PARLEY_HTTP_ADDRESS", "0.0.0.0");
    final InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (final UnknownHostException e) {
      throw new ConfigError(settings.source("PARLEY_HTTP_ADDRESS") + " " + host + " is not an address of this machine");
    }
    return new InetSocketAddress(address, httpPort());
  }

  /** The data dir, created and checked writable. */
  Path dataDir() {
    final Path dir = Path.of(settings.text("PARLEY_DATA_DIR", "parley-data"));
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

  /** Whether a data dir was chosen (else {@code run --demo} uses a temporary one). */
  boolean dataDirGiven() {
    return settings.given("PARLEY_DATA_DIR");
  }

  ProcessorConfig processor() {
    return checked(() -> ProcessorConfig.from(settings));
  }

  IngestConfig ingest() {
    return checked(() -> IngestConfig.from(settings));
  }

  /** The poll interval of feeds that set none. */
  int pollIntervalSeconds() {
    return (int) range("PARLEY_POLL_INTERVAL_SECONDS", IngestConfig.DEFAULT_INTERVAL_SECONDS, 1, Integer.MAX_VALUE);
  }

  /**
   * Client settings from {@code KAFKA_*} variables and {@code --kafka}, plus {@code bootstrap}, each
   * checked against Kafka's own definitions before anything starts: a value Kafka would refuse is a
   * configuration error; a name no Kafka client, Streams or admin setting has is passed on with a
   * warning on {@code err}.
   */
  Map<String, Object> kafkaClients(final String bootstrap, final PrintWriter err) {
    final Map<String, Object> config = new LinkedHashMap<>(settings.kafka());
    for (final String unknown : unknownKafkaSettings(config)) {
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
  static List<String> unknownKafkaSettings(final Map<String, Object> config) {
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

  private long range(final String variable, final long fallback, final long min, final long max) {
    final long n = checked(() -> settings.number(variable, fallback));
    if (n < min || n > max) {
      throw new ConfigError(settings.source(variable) + " must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }

  private static <T> T checked(final Supplier<T> read) {
    try {
      return read.get();
    } catch (final IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
  }
}
