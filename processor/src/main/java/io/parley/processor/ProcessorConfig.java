package io.parley.processor;

import io.parley.schemas.Settings;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the topology, read by {@link #from(Settings)}: defaults in code, overridden by
 * {@code PARLEY_*} environment variables, overridden in turn by command-line flags.
 *
 * @param roundGap a round closes after this much event time without coverage (SPEC §5)
 * @param confirmSources independent sources that make an alert {@code confirmed} (SPEC §6)
 * @param backgroundMaxAge a BACKGROUND mention dated further back than this never alerts
 * @param punctuateEvery how often idle rounds are checked for closing
 * @param dedupWindow how long an article is remembered to recognise the same story again
 * @param dedupThreshold estimated word-shingle overlap from which two texts are one story
 * @param backlogAge an article published this long before it was fetched is backlog, put in
 *     published order with the rest of its track's backlog before it meets rounds
 * @param backlogQuiet how long a track's backlog waits for more of it before it is released
 */
public record ProcessorConfig(
    Duration roundGap,
    int confirmSources,
    Duration backgroundMaxAge,
    Duration punctuateEvery,
    Duration dedupWindow,
    double dedupThreshold,
    Duration backlogAge,
    Duration backlogQuiet) {

  public ProcessorConfig {
    Settings.require(!roundGap.isNegative() && !roundGap.isZero(), "PARLEY_ROUND_GAP_HOURS must be positive");
    Settings.require(confirmSources >= 1, "PARLEY_CONFIRM_SOURCES must be at least 1");
    Settings.require(!backgroundMaxAge.isNegative(), "PARLEY_BACKGROUND_MAX_AGE_DAYS must not be negative");
    Settings.require(!punctuateEvery.isNegative() && !punctuateEvery.isZero(), "punctuation interval must be positive");
    Settings.require(!dedupWindow.isNegative() && !dedupWindow.isZero(), "PARLEY_DEDUP_WINDOW_HOURS must be positive");
    Settings.require(dedupThreshold > 0 && dedupThreshold <= 1, "PARLEY_DEDUP_THRESHOLD must be above 0 and at most 1");
    Settings.require(!backlogAge.isNegative() && !backlogAge.isZero(), "PARLEY_BACKLOG_AGE_MINUTES must be positive");
    Settings.require(!backlogQuiet.isNegative() && backlogQuiet.compareTo(Duration.ofMinutes(5)) <= 0,
        "PARLEY_BACKLOG_QUIET_SECONDS must be between 0 and 300");
  }

  /** The longest a backlog article is held, however busy its track: twelve quiet periods. */
  public Duration backlogMaxHold() {
    return backlogQuiet.multipliedBy(12);
  }

  /** The defaults: 72 h round gap, 2 sources to confirm, 30 days for background mentions. */
  public static ProcessorConfig defaults() {
    return from(Settings.defaults());
  }

  /** The settings of {@code env} alone (no flags): {@link #from(Settings)} of {@link Settings#of(Map)}. */
  public static ProcessorConfig fromEnv(final Map<String, String> env) {
    return from(Settings.of(env));
  }

  /**
   * Reads {@code PARLEY_ROUND_GAP_HOURS}, {@code PARLEY_CONFIRM_SOURCES},
   * {@code PARLEY_BACKGROUND_MAX_AGE_DAYS}, {@code PARLEY_DEDUP_WINDOW_HOURS} and
   * {@code PARLEY_DEDUP_THRESHOLD}, {@code PARLEY_BACKLOG_AGE_MINUTES} and {@code PARLEY_BACKLOG_QUIET_SECONDS}.
   *
   * @throws IllegalArgumentException naming the variable when a value is not valid
   */
  public static ProcessorConfig from(final Settings settings) {
    return new ProcessorConfig(
        Duration.ofHours(settings.number("PARLEY_ROUND_GAP_HOURS", 72)),
        (int) settings.number("PARLEY_CONFIRM_SOURCES", 2),
        Duration.ofDays(settings.number("PARLEY_BACKGROUND_MAX_AGE_DAYS", 30)),
        // Rounds close by the day, not the second: scanning them every 30 s of event time is waste.
        Duration.ofMinutes(30),
        Duration.ofHours(settings.number("PARLEY_DEDUP_WINDOW_HOURS", 72)),
        settings.decimal("PARLEY_DEDUP_THRESHOLD", 0.85),
        Duration.ofMinutes(settings.number("PARLEY_BACKLOG_AGE_MINUTES", 15)),
        Duration.ofSeconds(settings.number("PARLEY_BACKLOG_QUIET_SECONDS", 5)));
  }
}
