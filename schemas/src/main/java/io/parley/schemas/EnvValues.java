package io.parley.schemas;

import java.util.Map;

/** Reading {@code PARLEY_*} environment values with one clear message per bad value. */
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
}
