package io.parley.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  @Test
  void defaultsWithoutEnvironment() {
    final IngestConfig config = IngestConfig.fromEnv(Map.of());
    assertThat(config.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(config.defaultIntervalSeconds()).isEqualTo(300);
    assertThat(config.userAgent()).contains("Parley").contains("+https://");
  }

  @Test
  void environmentOverridesDefaults() {
    final IngestConfig config = IngestConfig.fromEnv(Map.of(
        "PARLEY_USER_AGENT", "NewsDesk/1 (+https://desk.example)",
        "PARLEY_REQUEST_TIMEOUT_MS", "2500",
        "PARLEY_FETCH_THREADS", " 4 "));
    assertThat(config.userAgent()).isEqualTo("NewsDesk/1 (+https://desk.example)");
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.fetchThreads()).isEqualTo(4);
  }

  @Test
  void theInstanceIdComesFromTheEnvironmentGivenNeverTheProcesss() {
    assertThat(IngestConfig.fromEnv(Map.of("HOSTNAME", "parley-ingest-7")).instanceId()).isEqualTo("parley-ingest-7");
    assertThat(IngestConfig.fromEnv(Map.of("HOSTNAME", "pod 7/a", "PARLEY_INSTANCE_ID", "desk-1")).instanceId())
        .isEqualTo("desk-1");
    assertThat(IngestConfig.fromEnv(Map.of("HOSTNAME", "pod 7/a")).instanceId()).isEqualTo("pod-7-a");
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("PARLEY_FETCH_THREADS", "many")))
        .hasMessage("PARLEY_FETCH_THREADS must be a whole number, not 'many'");
    assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("PARLEY_FETCH_THREADS", "0")))
        .hasMessage("PARLEY_FETCH_THREADS must be between 1 and 1024");
  }
}
