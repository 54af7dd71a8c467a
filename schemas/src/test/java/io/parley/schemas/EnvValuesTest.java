package io.parley.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvValuesTest {

  @Test
  void everyKafkaVariableIsAClientSettingButTheBootstrapAndTheScriptsJvmOptions() {
    final Map<String, String> env = Map.of(
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "KAFKA_SASL_MECHANISM", "PLAIN",
        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
        "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/ca.jks",
        "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
        "KAFKA_HEAP_OPTS", "-Xmx1g",
        "KAFKA_OPTS", "-Dx=y",
        "KAFKA_JVM_PERFORMANCE_OPTS", "-XX:+UseG1GC",
        "PARLEY_TOPIC_PREFIX", "p.",
        "KAFKA_", "nothing");
    assertThat(EnvValues.kafkaSettings(env)).containsExactly(
        Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"),
        Map.entry("sasl.mechanism", "PLAIN"),
        Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("ssl.truststore.location", "/etc/ca.jks"));
  }

  @Test
  void numbersAreReadOrRefusedWithTheVariablesName() {
    assertThat(EnvValues.number(Map.of("PARLEY_PARTITIONS", " 6 "), "PARLEY_PARTITIONS", 3)).isEqualTo(6);
    assertThat(EnvValues.number(Map.of(), "PARLEY_PARTITIONS", 3)).isEqualTo(3);
    assertThat(EnvValues.number(Map.of("PARLEY_PARTITIONS", ""), "PARLEY_PARTITIONS", 3)).isEqualTo(3);
    assertThatThrownBy(() -> EnvValues.number(Map.of("PARLEY_PARTITIONS", "six"), "PARLEY_PARTITIONS", 3))
        .hasMessage("PARLEY_PARTITIONS must be a whole number, not 'six'");
  }
}
