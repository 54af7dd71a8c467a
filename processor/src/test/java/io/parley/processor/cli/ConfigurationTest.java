package io.parley.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.ingest.IngestConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every setting Parley's services read, each mapped from its variable (and flag, where there is
 * one) to what the runtime is given: flags win over {@code PARLEY_*} / {@code KAFKA_*} variables,
 * which win over defaults. A setting read anywhere but not listed here fails
 * {@link #everySettingReadIsMappedHere()}.
 */
class ConfigurationTest {

  @TempDir Path dir;

  /**
   * One setting: {@code variable=value} gives {@code fromEnv}; {@code flag flagValue} gives
   * {@code fromFlag} even with the variable set; nothing gives {@code byDefault} (null: not
   * checked, see the row).
   */
  private record Mapping(String variable, String value, String flag, String flagValue,
      Function<ParleyRuntime.Plan, Object> read, Object byDefault, Object fromEnv, Object fromFlag) {}

  private List<Mapping> mappings() {
    final Path envDir = dir.resolve("from-env");
    final Path flagDir = dir.resolve("from-flag");
    return List.of(
        new Mapping("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "--bootstrap-servers", "flag:9092",
            ParleyRuntime.Plan::bootstrapServers, null, "env:9092", "flag:9092"),
        new Mapping("KAFKA_CLIENT_ID", "from-env", "--kafka", "client.id=from-flag",
            p -> p.kafka().getOrDefault("client.id", "none"), "none", "from-env", "from-flag"),
        new Mapping("PARLEY_TOPIC_PREFIX", "news.", "--topic-prefix", "wire.",
            p -> p.topics().prefix(), "parley.", "news.", "wire."),
        new Mapping("PARLEY_PARTITIONS", "6", "--partitions", "12", ParleyRuntime.Plan::partitions, 3, 6, 12),
        new Mapping("PARLEY_REPLICATION", "3", "--replication", "2", p -> (int) p.replication(), 0, 3, 2), // 0: chosen for the cluster (3, or its broker count)
        // the default, ./parley-data, is not checked: it would be created in the working directory
        new Mapping("PARLEY_DATA_DIR", envDir.toString(), "--data-dir", flagDir.toString(),
            ParleyRuntime.Plan::dataDir, null, envDir.toAbsolutePath(), flagDir.toAbsolutePath()),
        new Mapping("PARLEY_HTTP_PORT", "9000", "--http-port", "9100", p -> p.http().getPort(), 9464, 9000, 9100),
        new Mapping("PARLEY_KAFKA_PORT", "19092", "--kafka-port", "29092", ParleyRuntime.Plan::kafkaPort, 9092, 19092, 29092),
        new Mapping("PARLEY_HTTP_ADDRESS", "127.0.0.1", "--http-address", "127.0.0.2",
            p -> p.http().getAddress().getHostAddress(), "0.0.0.0", "127.0.0.1", "127.0.0.2"),
        env("PARLEY_ALERTS_JSON", "true", ParleyRuntime.Plan::alertsJson, false, true),
        env("PARLEY_ROUND_GAP_HOURS", "48", p -> p.processor().roundGap(), Duration.ofHours(72), Duration.ofHours(48)),
        env("PARLEY_CONFIRM_SOURCES", "3", p -> p.processor().confirmSources(), 2, 3),
        env("PARLEY_BACKGROUND_MAX_AGE_DAYS", "10", p -> p.processor().backgroundMaxAge(),
            Duration.ofDays(30), Duration.ofDays(10)),
        env("PARLEY_DEDUP_WINDOW_HOURS", "24", p -> p.processor().dedupWindow(), Duration.ofHours(72), Duration.ofHours(24)),
        env("PARLEY_DEDUP_THRESHOLD", "0.9", p -> p.processor().dedupThreshold(), 0.85, 0.9),
        env("PARLEY_BACKLOG_AGE_MINUTES", "60", p -> p.processor().backlogAge(), Duration.ofMinutes(15), Duration.ofHours(1)),
        env("PARLEY_BACKLOG_QUIET_SECONDS", "0", p -> p.processor().backlogQuiet(), Duration.ofSeconds(5), Duration.ZERO),
        env("PARLEY_USER_AGENT", "Desk/1 (+https://desk.example)", p -> p.ingest().userAgent(),
            IngestConfig.DEFAULT_USER_AGENT, "Desk/1 (+https://desk.example)"),
        env("PARLEY_CONNECT_TIMEOUT_MS", "2000", p -> p.ingest().connectTimeout(), Duration.ofSeconds(10), Duration.ofSeconds(2)),
        env("PARLEY_REQUEST_TIMEOUT_MS", "2500", p -> p.ingest().requestTimeout(), Duration.ofSeconds(30), Duration.ofMillis(2500)),
        env("PARLEY_MAX_BODY_BYTES", "2048", p -> p.ingest().maxBodyBytes(), 5L * 1024 * 1024, 2048L),
        env("PARLEY_FETCH_THREADS", "4", p -> p.ingest().fetchThreads(), 16, 4),
        env("PARLEY_SEEN_ITEMS_PER_FEED", "100", p -> p.ingest().seenCapacity(), 500, 100),
        env("PARLEY_POLL_INTERVAL_SECONDS", "60", p -> p.ingest().defaultIntervalSeconds(), 300, 60),
        env("PARLEY_PER_HOST_FETCHES", "4", p -> p.ingest().perHostFetches(), 2, 4),
        env("PARLEY_POLL_MODE", "fixed", p -> p.ingest().adaptivePolling(), true, false),
        env("PARLEY_POLL_MIN_SECONDS", "30", p -> p.ingest().pollMinSeconds(), 60, 30),
        env("PARLEY_POLL_MAX_SECONDS", "7200", p -> p.ingest().pollMaxSeconds(), 3600, 7200),
        env("PARLEY_ALLOW_PRIVATE_FEEDS", "false", p -> p.ingest().allowPrivateFeeds(), true, false),
        env("PARLEY_WEBSUB_LEASE_SECONDS", "3600", p -> p.ingest().webSubLeaseSeconds(), 864_000, 3600),
        env("PARLEY_WEBSUB_BASE_URL", "https://parley.example/", p -> p.ingest().webSubBaseUrl(), "", "https://parley.example/"),
        env("PARLEY_WEBSUB_KEY", "0123456789abcdef-key", p -> p.ingest().webSubKey(), "", "0123456789abcdef-key"),
        // without PARLEY_INSTANCE_ID the instance is named after HOSTNAME (a pod's name), else this
        // machine's name: that default is not checked, it depends on the machine
        env("PARLEY_INSTANCE_ID", "desk-1", p -> p.ingest().instanceId(), null, "desk-1"),
        env("HOSTNAME", "pod 7/a", p -> p.ingest().instanceId(), null, "pod-7-a"));
  }

  private static Mapping env(final String variable, final String value, final Function<ParleyRuntime.Plan, Object> read,
      final Object byDefault, final Object fromEnv) {
    return new Mapping(variable, value, null, null, read, byDefault, fromEnv, null);
  }

  private Configuration configuration(final Map<String, String> env, final String... args) {
    final RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    run.environment(env);
    return run.configuration();
  }

  private ParleyRuntime.Plan plan(final Configuration config) {
    return RunCommand.plan(ParleyRuntime.Role.ALL, config, null, false,
        config.dataDirGiven() ? null : dir.resolve("default"), new PrintWriter(new StringWriter()));
  }

  @Test
  void eachVariableReachesTheRuntimeAndEachFlagWinsOverItsVariable() {
    final ParleyRuntime.Plan defaults = plan(configuration(Map.of()));
    for (final Mapping m : mappings()) {
      if (m.byDefault() != null) {
        assertThat(m.read().apply(defaults)).as("default of " + m.variable()).isEqualTo(m.byDefault());
      }
      final Map<String, String> env = new HashMap<>(Map.of(m.variable(), m.value()));
      if (m.variable().equals("PARLEY_WEBSUB_BASE_URL")) {
        env.put("PARLEY_WEBSUB_KEY", "0123456789abcdef-key"); // a base URL alone stops startup (tested below)
      }
      assertThat(m.read().apply(plan(configuration(env)))).as(m.variable()).isEqualTo(m.fromEnv());
      if (m.flag() != null) {
        assertThat(m.read().apply(plan(configuration(env, m.flag(), m.flagValue()))))
            .as(m.flag() + " over " + m.variable()).isEqualTo(m.fromFlag());
        assertThat(m.read().apply(plan(configuration(Map.of(), m.flag(), m.flagValue()))))
            .as(m.flag()).isEqualTo(m.fromFlag());
      }
    }
  }

  @Test
  void everySettingReadIsMappedHere() {
    final Map<String, String> env = new HashMap<>();
    for (final Mapping m : mappings()) {
      env.put(m.variable(), m.value());
    }
    env.remove("PARLEY_INSTANCE_ID"); // else HOSTNAME is never read
    final Configuration config = configuration(env);
    plan(config);
    config.pollIntervalSeconds(); // feeds add / import
    final Set<String> mapped = mappings().stream().map(Mapping::variable).collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(config.settings().read())).isSubsetOf(mapped);
    assertThat(config.settings().read()).contains("HOSTNAME", "PARLEY_DATA_DIR", "PARLEY_ROUND_GAP_HOURS", "KAFKA_CLIENT_ID");
  }

  @Test
  void kafkaSettingsAreCheckedAgainstKafkasOwnDefinitionsBeforeAnythingStarts() {
    final StringWriter warnings = new StringWriter();
    final PrintWriter err = new PrintWriter(warnings);
    assertThatThrownBy(() -> configuration(Map.of(), "--kafka", "processing.guarantee=nonsense").kafkaClients("b:9092", err))
        .isInstanceOf(ConfigError.class).hasMessageStartingWith("Kafka setting processing.guarantee=nonsense is not valid: ");
    assertThatThrownBy(() -> configuration(Map.of(), "--kafka", "commit.interval.ms=-5").kafkaClients("b:9092", err))
        .isInstanceOf(ConfigError.class).hasMessageContaining("commit.interval.ms=-5");
    assertThatThrownBy(() -> configuration(Map.of("KAFKA_ACKS", "most")).kafkaClients("b:9092", err))
        .isInstanceOf(ConfigError.class).hasMessageContaining("acks=most");
    assertThatThrownBy(() -> configuration(Map.of(), "--kafka", "producer.linger.ms=soon").kafkaClients("b:9092", err))
        .isInstanceOf(ConfigError.class).hasMessageContaining("producer.linger.ms=soon");
    assertThat(configuration(Map.of(), "--kafka", "sesion.timeout.ms=1000", "--kafka", "consumer.max.poll.records=50",
        "--kafka", "topic.min.insync.replicas=2", "--kafka", "security.protocol=SASL_SSL")
        .kafkaClients("b:9092", err)).containsEntry("consumer.max.poll.records", "50").containsEntry("bootstrap.servers", "b:9092");
    assertThat(warnings.toString()).isEqualTo("parley: warning: 'sesion.timeout.ms' is not a Kafka client, Streams or admin "
        + "setting; passed on as is" + System.lineSeparator());
  }

  @Test
  void aBadValueIsOneLineNamingTheFlagOrTheVariable() {
    assertThatThrownBy(() -> configuration(Map.of("PARLEY_PARTITIONS", "many")).partitions())
        .isInstanceOf(ConfigError.class).hasMessage("PARLEY_PARTITIONS must be a whole number, not 'many'");
    assertThatThrownBy(() -> configuration(Map.of("PARLEY_PARTITIONS", "6"), "--partitions", "0").partitions())
        .isInstanceOf(ConfigError.class).hasMessage("--partitions must be between 1 and 10000, not 0");
    assertThatThrownBy(() -> configuration(Map.of("PARLEY_FETCH_THREADS", "0")).ingest())
        .isInstanceOf(ConfigError.class).hasMessage("PARLEY_FETCH_THREADS must be between 1 and 1024");
    assertThatThrownBy(() -> configuration(Map.of("PARLEY_ALLOW_PRIVATE_FEEDS", "maybe")).ingest())
        .isInstanceOf(ConfigError.class).hasMessage("PARLEY_ALLOW_PRIVATE_FEEDS must be true or false, not 'maybe'");
  }

  @Test
  void webSubIsOnWithABaseUrlAndAKeyAndAHalfConfigurationStopsStartup() {
    assertThat(configuration(Map.of()).ingest().webSub()).isEmpty();
    final var on = configuration(Map.of("PARLEY_WEBSUB_BASE_URL", "https://parley.example/ingest",
        "PARLEY_WEBSUB_KEY", "0123456789abcdef-key")).ingest().webSub();
    assertThat(on).hasValueSatisfying(w -> assertThat(w.callback("f-1").toString())
        .startsWith("https://parley.example/ingest/websub/f-1/"));
    assertThatThrownBy(() -> configuration(Map.of("PARLEY_WEBSUB_BASE_URL", "https://parley.example/")).ingest())
        .isInstanceOf(ConfigError.class)
        .hasMessage("PARLEY_WEBSUB_KEY must be set to at least 16 characters when PARLEY_WEBSUB_BASE_URL is");
    assertThatThrownBy(() -> configuration(Map.of("PARLEY_WEBSUB_BASE_URL", "ftp://x", "PARLEY_WEBSUB_KEY", "0123456789abcdef-key"))
        .ingest()).isInstanceOf(ConfigError.class).hasMessageStartingWith("PARLEY_WEBSUB_BASE_URL must be an http or https URL");
  }
}
