package io.parley.processor.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far back a background sentence dates what it mentions, read from its own words: "a
 * week-and-a-half ago", "three months ago", "last year", "in March", "in 2024". Empty when the
 * sentence gives no date; then the mention counts as recent only if nothing says otherwise.
 */
final class BackgroundAge {

  private static final Pattern AGO = Pattern.compile(
      "\\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|\\d+)[- ]"
          + "(and-a-half[- ])?(day|week|month|year)s?[- ]ago\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern LAST = Pattern.compile(
      "\\blast (week|month|year|spring|summer|autumn|fall|winter)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern YEAR = Pattern.compile("\\b(?:in|since|during) ((?:19|20)\\d\\d)\\b");
  private static final Pattern MONTH = Pattern.compile("\\b(?:in|since|during|early|late|mid-?) ?("
      + "January|February|March|April|May|June|July|August|September|October|November|December)\\b");

  private BackgroundAge() {}

  static Optional<Duration> of(final String sentence, final Instant published) {
    final Matcher ago = AGO.matcher(sentence);
    if (ago.find()) {
      final double n = number(ago.group(1)) + (ago.group(2) != null ? 0.5 : 0);
      final double days = switch (ago.group(3).toLowerCase(Locale.ROOT)) {
        case "day" -> n;
        case "week" -> n * 7;
        case "month" -> n * 30;
        default -> n * 365;
      };
      return Optional.of(Duration.ofHours(Math.round(days * 24)));
    }
    final Matcher last = LAST.matcher(sentence);
    if (last.find()) {
      return Optional.of(switch (last.group(1).toLowerCase(Locale.ROOT)) {
        case "week" -> Duration.ofDays(7);
        case "month" -> Duration.ofDays(30);
        default -> Duration.ofDays(180);
      });
    }
    final LocalDate today = LocalDate.ofInstant(published, ZoneOffset.UTC);
    final Matcher year = YEAR.matcher(sentence);
    if (year.find()) {
      final int y = Integer.parseInt(year.group(1));
      if (y < today.getYear()) {
        return Optional.of(Duration.ofDays(Math.max(1, today.getDayOfYear()) + 365L * (today.getYear() - y - 1)));
      }
    }
    final Matcher month = MONTH.matcher(sentence);
    if (month.find()) {
      final Month m = Month.valueOf(month.group(1).toUpperCase(Locale.ROOT));
      int months = today.getMonthValue() - m.getValue();
      if (months < 0) {
        months += 12; // "in November", written in March: last year's November
      }
      if (months > 0) {
        return Optional.of(Duration.ofDays(30L * months));
      }
    }
    return Optional.empty();
  }

  private static double number(final String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "a", "an", "one" -> 1;
      case "two" -> 2;
      case "three", "a few", "few", "several" -> 3;
      case "four" -> 4;
      case "five" -> 5;
      case "six" -> 6;
      case "seven" -> 7;
      case "eight" -> 8;
      case "nine" -> 9;
      case "ten" -> 10;
      case "eleven" -> 11;
      case "twelve" -> 12;
      default -> Double.parseDouble(word);
    };
  }
}
