package io.parley.schemas;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reading {@code PARLEY_*} and {@code KAFKA_*} environment values with one clear message per bad value. */
public final class EnvValues {

  private EnvValues() {}

  /** A whole number, or {@code fallback} when unset or blank. */
  public static long number(final Map<String, String> env, final String name, final long fallback) {
    final String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (final NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
    }
  }

  /** A decimal number, or {@code fallback} when unset or blank. */
  public static double decimal(final Map<String, String> env, final String name, final double fallback) {
    final String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (final NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
    }
  }

  /** Throws {@link IllegalArgumentException} with {@code message} unless {@code ok}. */
  public static void require(final boolean ok, final String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The Kafka client settings of the environment: {@code KAFKA_SOME_SETTING=v} is
   * {@code some.setting=v} (SASL and SSL included: {@code KAFKA_SASL_JAAS_CONFIG},
   * {@code KAFKA_SECURITY_PROTOCOL} …), in the order of their names. Two kinds of {@code KAFKA_*}
   * variable are not client settings and are left out: {@code KAFKA_BOOTSTRAP_SERVERS}, which
   * decides whether Parley starts its embedded broker and is read on its own, and the JVM options
   * of Kafka's own scripts ({@code KAFKA_HEAP_OPTS}, {@code KAFKA_OPTS}, any {@code KAFKA_*_OPTS}).
   */
  public static Map<String, String> kafkaSettings(final Map<String, String> env) {
    final Map<String, String> settings = new LinkedHashMap<>();
    new TreeMap<>(env).forEach((name, value) -> {
      if (name.startsWith(KAFKA) && name.length() > KAFKA.length() && !name.equals("KAFKA_BOOTSTRAP_SERVERS")
          && !name.equals("KAFKA_OPTS") && !name.endsWith("_OPTS")) {
        settings.put(name.substring(KAFKA.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return settings;
  }

  private static final String KAFKA = "KAFKA_";
}
