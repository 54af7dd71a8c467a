package io.parley.processor.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Kafka connection flags shared by every command that talks to a cluster; read by
 * {@link Configuration}, where they win over {@code KAFKA_*} / {@code PARLEY_*} variables. Any
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
      description = "Common prefix of Parley's topics (env PARLEY_TOPIC_PREFIX, default parley.).")
  String topicPrefix;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of topics Parley creates (env PARLEY_PARTITIONS, default 3).")
  Integer partitions;

  @Option(names = "--replication", paramLabel = "N",
      description = "Replication factor of topics Parley creates and of Streams' internal topics (env"
          + " PARLEY_REPLICATION; default 3, or the cluster's broker count when it has fewer; from 3, min.insync.replicas 2).")
  Short replication;
}
