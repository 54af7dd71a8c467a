package io.parley.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

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
    assertThat(Settings.of(env).kafka()).containsExactly(
        Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"),
        Map.entry("sasl.mechanism", "PLAIN"),
        Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("ssl.truststore.location", "/etc/ca.jks"));
  }

  @Test
  void kafkaFlagsWinOverKafkaVariables() {
    final Settings settings = Settings.of(Map.of("KAFKA_CLIENT_ID", "env", "KAFKA_ACKS", "1"))
        .kafkaFlags(Map.of("client.id", "flag"));
    assertThat(settings.kafka()).containsEntry("client.id", "flag").containsEntry("acks", "1");
  }

  @Test
  void numbersAreReadOrRefusedWithTheVariablesName() {
    assertThat(Settings.of(Map.of("PARLEY_PARTITIONS", " 6 ")).number("PARLEY_PARTITIONS", 3)).isEqualTo(6);
    assertThat(Settings.defaults().number("PARLEY_PARTITIONS", 3)).isEqualTo(3);
    assertThat(Settings.of(Map.of("PARLEY_PARTITIONS", "")).number("PARLEY_PARTITIONS", 3)).isEqualTo(3);
    assertThatThrownBy(() -> Settings.of(Map.of("PARLEY_PARTITIONS", "six")).number("PARLEY_PARTITIONS", 3))
        .hasMessage("PARLEY_PARTITIONS must be a whole number, not 'six'");
    assertThatThrownBy(() -> Settings.of(Map.of("PARLEY_DEDUP_THRESHOLD", "most")).decimal("PARLEY_DEDUP_THRESHOLD", 0.85))
        .hasMessage("PARLEY_DEDUP_THRESHOLD must be a number, not 'most'");
    assertThatThrownBy(() -> Settings.of(Map.of("PARLEY_ALLOW_PRIVATE_FEEDS", "no")).yes("PARLEY_ALLOW_PRIVATE_FEEDS", true))
        .hasMessage("PARLEY_ALLOW_PRIVATE_FEEDS must be true or false, not 'no'");
  }

  @Test
  void aFlagWinsOverTheVariableWhichWinsOverTheDefault() {
    final Map<String, String> env = Map.of("PARLEY_PARTITIONS", "6");
    assertThat(Settings.defaults().number("PARLEY_PARTITIONS", 3)).isEqualTo(3);
    assertThat(Settings.of(env).number("PARLEY_PARTITIONS", 3)).isEqualTo(6);
    assertThat(Settings.of(env).flag("PARLEY_PARTITIONS", "--partitions", 12).number("PARLEY_PARTITIONS", 3)).isEqualTo(12);
    // a flag not given (null or blank) leaves the variable in force
    assertThat(Settings.of(env).flag("PARLEY_PARTITIONS", "--partitions", null).number("PARLEY_PARTITIONS", 3)).isEqualTo(6);
    assertThat(Settings.of(env).flag("PARLEY_PARTITIONS", "--partitions", " ").number("PARLEY_PARTITIONS", 3)).isEqualTo(6);
  }

  @Test
  void aBadFlagIsNamedAsTheFlag() {
    final Settings settings = Settings.of(Map.of("PARLEY_HTTP_PORT", "9000")).flag("PARLEY_HTTP_PORT", "--http-port", "x");
    assertThatThrownBy(() -> settings.number("PARLEY_HTTP_PORT", 9464)).hasMessage("--http-port must be a whole number, not 'x'");
    assertThat(settings.source("PARLEY_HTTP_PORT")).isEqualTo("--http-port");
    assertThat(Settings.defaults().source("PARLEY_HTTP_PORT")).isEqualTo("PARLEY_HTTP_PORT");
  }

  @Test
  void theNamesReadAreRemembered() {
    final Settings settings = Settings.of(Map.of("KAFKA_ACKS", "all", "PARLEY_UNUSED", "1"));
    settings.number("PARLEY_PARTITIONS", 3);
    settings.given("PARLEY_DATA_DIR");
    settings.kafka();
    assertThat(settings.read()).containsExactlyInAnyOrder("PARLEY_PARTITIONS", "PARLEY_DATA_DIR", "KAFKA_ACKS");
  }
}
