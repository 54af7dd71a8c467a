package io.parley.processor.signals;

import io.parley.processor.text.ArticleText;
import io.parley.processor.text.Sentences;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The latest future date an article anticipates: "a ceasefire that will take effect on Sunday",
 * "talks on August 15", "a meeting within the next two weeks". A round stays open until then, so
 * the announcement and the event it announces are one engagement even when days apart. Weekdays
 * count only in sentences that look ahead (will, would, due, set to, expected …), since "came into
 * force on Sunday" is already past. Capped at {@link #MAX_AHEAD}.
 */
public final class Horizon {

  /** No anticipated date further ahead than this is believed. */
  static final Duration MAX_AHEAD = Duration.ofDays(60);

  private static final int FLAGS = Pattern.CASE_INSENSITIVE;
  private static final List<String> WRITTEN = new ArrayList<>();
  private static final Pattern FUTURE = compile(
      "\\b(will|would|'ll|is due|are due|due to|set to|scheduled|expected|planned|plans? to|is to|are to|to meet|to hold|to begin|to start|next)\\b");
  private static final Pattern WEEKDAY = compile(
      "\\b(?:on|from|by|until|before) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
  private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
  private static final String[] MONTH_NAMES = MONTHS.split("\\|");
  private static final String[] WEEKDAY_NAMES = Arrays.stream(DayOfWeek.values())
      .map(d -> d.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
  private static final Pattern MONTH_DAY = compile(
      "\\b(" + MONTHS + ") (\\d{1,2})\\b|\\b(\\d{1,2}) (" + MONTHS + ")\\b");
  private static final Pattern RELATIVE = compile(
      "\\b(next week|next month|in the (?:next|coming) (?:few )?(?:days|weeks)|coming days|coming weeks"
          + "|within the next (two|three|four|few|\\d+) (days|weeks)|within (two|three|four|\\d+) (days|weeks))\\b");

  private Horizon() {}

  /** Case-insensitive (ASCII) and behind the lookahead for its first characters ({@link FirstChars}). */
  private static Pattern compile(final String regex) {
    WRITTEN.add(regex);
    return Pattern.compile(FirstChars.guard(regex), FLAGS);
  }

  /** Every date pattern as written, for the test that the first-character guard changes none of their matches. */
  static List<String> patterns() {
    return List.copyOf(WRITTEN);
  }

  /** The latest anticipated date in {@code title} and {@code text}, if any. */
  public static Optional<Instant> of(final String title, final String text, final Instant published) {
    return of(title, text, Sentences.split(text == null ? "" : text), published);
  }

  /**
   * The same, for a body the caller has already cut into {@code sentences}: a line break always
   * ends a sentence, so the title's sentences and the body's are those of title and body joined.
   */
  public static Optional<Instant> of(final String title, final String text, final List<String> sentences,
      final Instant published) {
    return of(ArticleText.of(title, text, sentences), published);
  }

  /** The same, read through {@code article}'s once-lowered text. */
  public static Optional<Instant> of(final ArticleText article, final Instant published) {
    if (!mayHoldADate(article.lowerWhole())) {
      return Optional.empty(); // no date at all: skip the per-sentence reading
    }
    final LocalDate today = LocalDate.ofInstant(published, ZoneOffset.UTC);
    LocalDate latest = null;
    for (final String sentence : Sentences.split(article.title() == null ? "" : article.title())) {
      final LocalDate d = latestIn(sentence, sentence.toLowerCase(Locale.ROOT), today);
      latest = d == null ? latest : later(latest, d);
    }
    final List<String> sentences = article.sentences();
    final List<String> lower = article.lowerSentences();
    for (int i = 0; i < sentences.size(); i++) {
      final LocalDate d = latestIn(sentences.get(i), lower.get(i), today);
      latest = d == null ? latest : later(latest, d);
    }
    if (latest == null || !latest.isAfter(today)) {
      return Optional.empty();
    }
    final Instant horizon = latest.atTime(12, 0).toInstant(ZoneOffset.UTC);
    return horizon.isAfter(published.plus(MAX_AHEAD)) ? Optional.empty() : Optional.of(horizon);
  }

  /**
   * A necessary condition for any of the date patterns, by substring search: a weekday phrase
   * names a weekday, every relative phrase holds "next", "coming" or "within", every month-day
   * names a month and holds a digit. ("day" alone let through "today" and "days"; a month alone
   * every modal "may".)
   */
  static boolean mayHoldADate(final String lower) {
    return mayNameAWeekday(lower) || mayBeRelative(lower) || mayNameAMonthDay(lower);
  }

  private static boolean mayNameAWeekday(final String lower) {
    return lower.contains("day") && containsAny(lower, WEEKDAY_NAMES);
  }

  private static boolean mayNameAMonthDay(final String lower) {
    return hasDigit(lower) && mayNameAMonth(lower);
  }

  /** Whether {@code s} holds an ASCII digit: what {@code \d} matches. */
  private static boolean hasDigit(final String s) {
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  private static boolean mayBeRelative(final String lower) {
    return lower.contains("next") || lower.contains("coming") || lower.contains("within");
  }

  private static boolean mayNameAMonth(final String lower) {
    return containsAny(lower, MONTH_NAMES);
  }

  private static boolean containsAny(final String lower, final String[] names) {
    for (final String name : names) {
      if (lower.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any date pattern matches {@code sentence}, with no pre-filter: what {@link #mayHoldADate} must never hold back. */
  static boolean anyDatePattern(final String sentence) {
    return FUTURE.matcher(sentence).find() && WEEKDAY.matcher(sentence).find() || MONTH_DAY.matcher(sentence).find()
        || RELATIVE.matcher(sentence).find();
  }

  /** The latest date {@code sentence} names, with {@code lower} its lower-cased form ({@link Locale#ROOT}). */
  private static LocalDate latestIn(final String sentence, final String lower, final LocalDate today) {
    if (!mayHoldADate(lower)) {
      return null;
    }
    LocalDate latest = null;
    if (mayNameAWeekday(lower) && FUTURE.matcher(sentence).find()) {
      final Matcher weekday = WEEKDAY.matcher(sentence);
      while (weekday.find()) {
        final DayOfWeek day = DayOfWeek.valueOf(weekday.group(1).toUpperCase(Locale.ROOT));
        latest = later(latest, today.with(TemporalAdjusters.nextOrSame(day)));
      }
    }
    final Matcher monthDay = MONTH_DAY.matcher(mayNameAMonthDay(lower) ? sentence : "");
    while (monthDay.find()) {
      final String month = monthDay.group(1) != null ? monthDay.group(1) : monthDay.group(4);
      final int day = Integer.parseInt(monthDay.group(2) != null ? monthDay.group(2) : monthDay.group(3));
      final Month m = Month.valueOf(month.toUpperCase(Locale.ROOT));
      if (day >= 1 && day <= m.length(today.isLeapYear())) {
        final LocalDate date = LocalDate.of(today.getYear(), m, day);
        if (date.isAfter(today)) {
          latest = later(latest, date);
        }
      }
    }
    final Matcher relative = RELATIVE.matcher(mayBeRelative(lower) ? sentence : "");
    while (relative.find()) {
      latest = later(latest, today.plusDays(days(relative)));
    }
    return latest;
  }

  private static long days(final Matcher relative) {
    final String phrase = relative.group(1).toLowerCase(Locale.ROOT);
    if (phrase.equals("next week") || phrase.contains("weeks") && relative.group(2) == null && relative.group(4) == null) {
      return 7;
    }
    if (phrase.equals("next month")) {
      return 30;
    }
    final String n = relative.group(2) != null ? relative.group(2) : relative.group(4);
    final String unit = relative.group(3) != null ? relative.group(3) : relative.group(5);
    if (n == null) {
      return 3; // "in the next few days", "coming days"
    }
    final long count = switch (n.toLowerCase(Locale.ROOT)) {
      case "two" -> 2;
      case "three", "few" -> 3;
      case "four" -> 4;
      default -> Long.parseLong(n);
    };
    return unit.toLowerCase(Locale.ROOT).startsWith("week") ? count * 7 : count;
  }

  private static LocalDate later(final LocalDate a, final LocalDate b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
