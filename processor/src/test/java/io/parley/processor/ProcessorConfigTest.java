package io.parley.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topology's settings: defaults, {@code PARLEY_*} overrides, and the one line a bad value gives. */
class ProcessorConfigTest {

  @Test
  void defaults() {
    final ProcessorConfig config = ProcessorConfig.defaults();
    assertThat(config.roundGap()).isEqualTo(Duration.ofHours(72));
    assertThat(config.confirmSources()).isEqualTo(2);
    assertThat(config.backlogAge()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.backlogQuiet()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.backlogMaxHold()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void environmentOverrides() {
    final ProcessorConfig config = ProcessorConfig.fromEnv(Map.of("PARLEY_ROUND_GAP_HOURS", "48",
        "PARLEY_BACKLOG_AGE_MINUTES", "60", "PARLEY_BACKLOG_QUIET_SECONDS", "0", "PARLEY_DEDUP_THRESHOLD", "0.9"));
    assertThat(config.roundGap()).isEqualTo(Duration.ofHours(48));
    assertThat(config.backlogAge()).isEqualTo(Duration.ofHours(1));
    assertThat(config.backlogQuiet()).isZero();
    assertThat(config.dedupThreshold()).isEqualTo(0.9);
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PARLEY_BACKLOG_AGE_MINUTES", "0")))
        .hasMessage("PARLEY_BACKLOG_AGE_MINUTES must be positive");
    assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PARLEY_BACKLOG_QUIET_SECONDS", "301")))
        .hasMessage("PARLEY_BACKLOG_QUIET_SECONDS must be between 0 and 300");
    assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PARLEY_CONFIRM_SOURCES", "0")))
        .hasMessage("PARLEY_CONFIRM_SOURCES must be at least 1");
  }
}
