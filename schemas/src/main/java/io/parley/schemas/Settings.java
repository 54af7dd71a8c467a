package io.parley.schemas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Parley's configuration, read in one place. Every setting has a {@code PARLEY_*} (or
 * {@code KAFKA_*}) variable name; a command-line flag given for it wins over the variable, which
 * wins over the default in code. A bad value is refused with one message naming where it came
 * from (the flag or the variable). The names asked for are remembered ({@link #read()}) so that a
 * test can check that every setting Parley reads is mapped and tested.
 */
public final class Settings {

  private final Map<String, String> env;
  private final Map<String, Flag> flags = new LinkedHashMap<>();
  private final Map<String, String> kafkaFlags = new LinkedHashMap<>();
  private final Set<String> read = Collections.synchronizedSet(new TreeSet<>());

  private record Flag(String name, String value) {}

  private Settings(final Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The settings of {@code env} (the process's environment, or a test's), with no flag given yet. */
  public static Settings of(final Map<String, String> env) {
    return new Settings(env);
  }

  /** No flag, no variable: the defaults. */
  public static Settings defaults() {
    return new Settings(Map.of());
  }

  /**
   * Records that flag {@code flag} gave {@code value} for {@code variable}; a null or blank value
   * means the flag was not given, and the variable or the default stands.
   */
  public Settings flag(final String variable, final String flag, final Object value) {
    if (value != null && !value.toString().isBlank()) {
      flags.put(variable, new Flag(flag, value.toString().strip()));
    }
    return this;
  }

  /** Kafka client settings given as flags ({@code --kafka key=value}): they win over {@code KAFKA_*}. */
  public Settings kafkaFlags(final Map<String, String> settings) {
    kafkaFlags.putAll(settings);
    return this;
  }

  /** Whether a flag or a non-blank variable sets {@code variable}. */
  public boolean given(final String variable) {
    read.add(variable);
    return flags.containsKey(variable) || !blank(env.get(variable));
  }

  /** The text set for {@code variable}, stripped, or {@code fallback}. */
  public String text(final String variable, final String fallback) {
    read.add(variable);
    final Flag flag = flags.get(variable);
    if (flag != null) {
      return flag.value();
    }
    final String value = env.get(variable);
    return blank(value) ? fallback : value.strip();
  }

  /** A whole number, or {@code fallback}. */
  public long number(final String variable, final long fallback) {
    return parsed(variable, fallback, Long::parseLong, "a whole number");
  }

  /** A decimal number, or {@code fallback}. */
  public double decimal(final String variable, final double fallback) {
    return parsed(variable, fallback, Double::parseDouble, "a number");
  }

  /** {@code true} or {@code false} (any case), or {@code fallback}. */
  public boolean yes(final String variable, final boolean fallback) {
    return parsed(variable, fallback, value -> {
      if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(value);
      }
      throw new IllegalArgumentException(value);
    }, "true or false");
  }

  private <T> T parsed(final String variable, final T fallback, final Function<String, T> parse, final String what) {
    final String value = text(variable, null);
    if (value == null) {
      return fallback;
    }
    try {
      return parse.apply(value);
    } catch (final IllegalArgumentException e) { // NumberFormatException included
      throw new IllegalArgumentException(source(variable) + " must be " + what + ", not '" + value + "'");
    }
  }

  /** Where {@code variable}'s value comes from, for messages: the flag when one was given, else the variable. */
  public String source(final String variable) {
    final Flag flag = flags.get(variable);
    return flag != null ? flag.name() : variable;
  }

  /**
   * The Kafka client settings: {@code KAFKA_SOME_SETTING=v} is {@code some.setting=v} (SASL and SSL
   * included: {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SECURITY_PROTOCOL} …), in the order of
   * their names, then the {@code --kafka} flags, which win. Two kinds of {@code KAFKA_*} variable
   * are not client settings and are left out: {@code KAFKA_BOOTSTRAP_SERVERS}, which decides
   * whether Parley starts its embedded broker and is read on its own, and the JVM options of
   * Kafka's own scripts ({@code KAFKA_HEAP_OPTS}, {@code KAFKA_OPTS}, any {@code KAFKA_*_OPTS}).
   */
  public Map<String, String> kafka() {
    final Map<String, String> settings = new LinkedHashMap<>();
    new TreeMap<>(env).forEach((name, value) -> {
      if (name.startsWith(KAFKA) && name.length() > KAFKA.length() && !name.equals(BOOTSTRAP)
          && !name.endsWith("_OPTS")) {
        read.add(name);
        settings.put(name.substring(KAFKA.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    settings.putAll(kafkaFlags);
    return settings;
  }

  /** The variable names asked for so far, sorted. */
  public Set<String> read() {
    synchronized (read) {
      return Set.copyOf(read);
    }
  }

  /** Throws {@link IllegalArgumentException} with {@code message} unless {@code ok}. */
  public static void require(final boolean ok, final String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static boolean blank(final String value) {
    return value == null || value.isBlank();
  }

  private static final String KAFKA = "KAFKA_";

  /** The variable of the bootstrap servers: set, Parley uses that cluster; unset, {@code run} embeds a broker. */
  public static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
}
