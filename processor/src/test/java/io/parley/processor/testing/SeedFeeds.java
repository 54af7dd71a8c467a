package io.parley.processor.testing;

import io.parley.testing.Shared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The three seed articles of {@code ../shared/seeds}, published as one RSS file each (as
 * {@code EXPECTED.md} suggests) with the dates of its table, so that they can be served over HTTP
 * or replayed. Built at test time; nothing of the articles is stored in the tree.
 */
public final class SeedFeeds {

  private static final Pattern ROW = Pattern.compile("^\\|\\s*`(\\d{3}_[0-9a-f]+\\.txt)`\\s*\\|\\s*(\\d{4}-\\d{2}-\\d{2})");
  private static final Pattern DATE_PREFIX = Pattern.compile("^\\s*date \\d{4}-\\d{2}-\\d{2}\\s+");

  /** One seed as a feed item. */
  public record Seed(String file, String id, Instant published, String title, String text) {
    public String guid() {
      return "urn:parley-seed:" + id;
    }

    public String link() {
      return "https://seeds.parley.invalid/" + id;
    }

    public String source() {
      return "Seed Outlet " + id;
    }
  }

  private SeedFeeds() {}

  /** The seeds listed in EXPECTED.md, in its order. */
  public static List<Seed> load() {
    final Path seeds = Shared.dir().resolve("seeds");
    try {
      final List<Seed> list = new ArrayList<>();
      for (final String line : Files.readAllLines(seeds.resolve("EXPECTED.md"), StandardCharsets.UTF_8)) {
        final Matcher row = ROW.matcher(line);
        if (!row.find()) {
          continue;
        }
        final String file = row.group(1);
        final String text = DATE_PREFIX.matcher(Files.readString(seeds.resolve(file), StandardCharsets.UTF_8)).replaceFirst("").strip();
        list.add(new Seed(file, file.substring(0, 3), Instant.parse(row.group(2) + "T12:00:00Z"), title(text), text));
      }
      if (list.size() != 3) {
        throw new IllegalStateException("expected 3 seeds in EXPECTED.md, found " + list.size());
      }
      return list;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The RSS document of one seed. */
  public static String rss(final Seed seed) {
    final String paragraphs = Stream.of(seed.text().split("\\R")).map(String::strip).filter(s -> !s.isEmpty())
        .map(p -> "<p>" + p + "</p>").collect(Collectors.joining());
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>" + xml(seed.source())
        + "</title><link>https://seeds.parley.invalid/</link><description>seed</description>\n<item><title>"
        + xml(seed.title()) + "</title><link>" + seed.link() + "</link><guid isPermaLink=\"false\">" + seed.guid()
        + "</guid><pubDate>" + DateTimeFormatter.RFC_1123_DATE_TIME.format(seed.published().atOffset(ZoneOffset.UTC))
        + "</pubDate><description>" + xml(paragraphs) + "</description></item></channel></rss>\n";
  }

  /** Writes {@code seed-000.xml} … into {@code dir}; returns the files. */
  public static List<Path> writeTo(final Path dir) {
    try {
      Files.createDirectories(dir);
      final List<Path> files = new ArrayList<>();
      for (final Seed seed : load()) {
        files.add(Files.writeString(dir.resolve("seed-" + seed.id() + ".xml"), rss(seed), StandardCharsets.UTF_8));
      }
      return files;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first sentence of the first paragraph, as a stand-in headline. */
  private static String title(final String text) {
    final String first = text.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse("");
    final int end = first.indexOf(". ");
    return end > 0 ? first.substring(0, end) : first;
  }

  private static String xml(final String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
