package io.parley.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Flags override {@code KAFKA_*} / {@code PARLEY_*} variables, which override defaults. */
class KafkaOptionsTest {

  private static KafkaOptions parse(final String... args) {
    final KafkaOptions options = new KafkaOptions();
    new CommandLine(CommandLine.Model.CommandSpec.create().addMixin("kafka",
        CommandLine.Model.CommandSpec.forAnnotatedObject(options))).parseArgs(args);
    return options;
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    final KafkaOptions options = parse();
    assertThat(options.bootstrapServers(Map.of())).isNull(); // the embedded broker
    assertThat(options.topics(Map.of()).articles().name()).isEqualTo("parley.articles");
    assertThat(options.partitions(Map.of())).isEqualTo(3);
    assertThat(options.replication(Map.of())).isEqualTo((short) 1);
  }

  @Test
  void theEnvironmentOverridesDefaults() {
    final Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "PARLEY_TOPIC_PREFIX", "news.",
        "PARLEY_PARTITIONS", "6", "PARLEY_REPLICATION", "3");
    final KafkaOptions options = parse();
    assertThat(options.bootstrapServers(env)).isEqualTo("env:9092");
    assertThat(options.topics(env).articles().name()).isEqualTo("news.articles");
    assertThat(options.partitions(env)).isEqualTo(6);
    assertThat(options.replication(env)).isEqualTo((short) 3);
  }

  @Test
  void flagsOverrideTheEnvironment() {
    final Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "PARLEY_TOPIC_PREFIX", "news.",
        "PARLEY_PARTITIONS", "6", "KAFKA_CLIENT_ID", "from-env", "KAFKA_ACKS", "1");
    final KafkaOptions options = parse("--bootstrap-servers", "flag:9092", "--topic-prefix", "wire.",
        "--partitions", "12", "--kafka", "client.id=from-flag");
    assertThat(options.bootstrapServers(env)).isEqualTo("flag:9092");
    assertThat(options.topics(env).articles().name()).isEqualTo("wire.articles");
    assertThat(options.partitions(env)).isEqualTo(12);
    final StringWriter warnings = new StringWriter();
    assertThat(options.clientConfig(env, "flag:9092", new PrintWriter(warnings)))
        .containsEntry("client.id", "from-flag")
        .containsEntry("acks", "1")
        .containsEntry("bootstrap.servers", "flag:9092")
        .doesNotContainKey("bootstrap.servers.extra");
    assertThat(warnings.toString()).isEmpty();
  }

  @Test
  void kafkaSettingsAreCheckedAgainstKafkasOwnDefinitionsBeforeAnythingStarts() {
    final StringWriter warnings = new StringWriter();
    assertThatThrownBy(() -> parse("--kafka", "processing.guarantee=nonsense").clientConfig(Map.of(), "b:9092",
        new PrintWriter(warnings))).isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("Kafka setting processing.guarantee=nonsense is not valid: ");
    assertThatThrownBy(() -> parse("--kafka", "commit.interval.ms=-5").clientConfig(Map.of(), "b:9092",
        new PrintWriter(warnings))).isInstanceOf(ConfigError.class).hasMessageContaining("commit.interval.ms=-5");
    assertThatThrownBy(() -> parse().clientConfig(Map.of("KAFKA_ACKS", "most"), "b:9092", new PrintWriter(warnings)))
        .isInstanceOf(ConfigError.class).hasMessageContaining("acks=most");
    assertThatThrownBy(() -> parse("--kafka", "producer.linger.ms=soon").clientConfig(Map.of(), "b:9092",
        new PrintWriter(warnings))).isInstanceOf(ConfigError.class).hasMessageContaining("producer.linger.ms=soon");
    assertThat(parse("--kafka", "sesion.timeout.ms=1000", "--kafka", "consumer.max.poll.records=50",
        "--kafka", "topic.min.insync.replicas=2", "--kafka", "security.protocol=SASL_SSL")
        .clientConfig(Map.of(), "b:9092", new PrintWriter(warnings))).containsEntry("consumer.max.poll.records", "50");
    assertThat(warnings.toString()).isEqualTo("parley: warning: 'sesion.timeout.ms' is not a Kafka client, Streams or admin "
        + "setting; passed on as is" + System.lineSeparator());
  }

  @Test
  void aBadValueIsAConfigurationError() {
    assertThatThrownBy(() -> parse().partitions(Map.of("PARLEY_PARTITIONS", "many")))
        .isInstanceOf(ConfigError.class).hasMessageContaining("PARLEY_PARTITIONS");
    assertThatThrownBy(() -> parse("--partitions", "0").partitions(Map.of()))
        .isInstanceOf(ConfigError.class).hasMessageContaining("between 1 and 10000");
  }
}
