package io.parley.ingest.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.ingest.feed.FeedParseException;
import io.parley.ingest.feed.FeedParser;
import io.parley.ingest.feed.ParsedFeed;
import io.parley.schemas.RawItem;
import io.parley.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Item titles, links and dates as Parley's parser reads them, compared with the expected outputs
 * that gofeed (parser/rss, parser/atom) and feed-rs ship beside their test feeds. Only the fields
 * an expected output states are compared; the agreement is printed per corpus and asserted.
 */
class ReferenceAgreementTest {

  private final FeedParser parser = new FeedParser();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, int[]> table = new TreeMap<>(); // corpus → [files, fields, agreeing]
  private final List<String> disagreements = new ArrayList<>();

  @Test
  void titlesLinksAndDatesAgreeWithGofeedAndFeedRs() throws Exception {
    final Path corpora = Shared.dir().resolve("corpora/feeds");
    for (final String dir : List.of("gofeed/parser/rss", "gofeed/parser/atom")) {
      for (final Path expected : FeedCheck.files(corpora.resolve(dir))) {
        final Path xml = sibling(expected, ".json", ".xml");
        if (expected.toString().endsWith(".json") && Files.exists(xml)) {
          final JsonNode doc = json.readTree(expected.toFile());
          compare(dir, xml, doc.has("entries") ? doc.path("entries") : doc.path("items"), false);
        }
      }
    }
    for (final String dir : List.of("feed-rs/rss0", "feed-rs/rss1", "feed-rs/rss2", "feed-rs/atom")) {
      for (final Path expected : FeedCheck.files(corpora.resolve(dir))) {
        final Path xml = sibling(expected, ".serde.json", ".xml");
        if (expected.toString().endsWith(".serde.json") && Files.exists(xml)) {
          compare(dir, xml, json.readTree(expected.toFile()).path("entries"), true);
        }
      }
    }

    final StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "%nagreement with reference parsers%n%-22s %6s %7s %8s%n", "corpus", "files", "fields", "agree"));
    final int[] total = new int[3];
    table.forEach((corpus, n) -> {
      report.append(String.format(Locale.ROOT, "%-22s %6d %7d %7.1f%%%n", corpus, n[0], n[1], 100.0 * n[2] / Math.max(1, n[1])));
      for (int i = 0; i < 3; i++) {
        total[i] += n[i];
      }
    });
    report.append(String.format(Locale.ROOT, "%-22s %6d %7d %7.1f%%%n", "total", total[0], total[1],
        100.0 * total[2] / Math.max(1, total[1])));
    disagreements.stream().limit(40).forEach(d -> report.append("  ").append(d).append('\n'));
    System.err.println(report);

    assertThat(total[0]).as("files compared").isGreaterThanOrEqualTo(200);
    assertThat((double) total[2] / total[1]).as("field agreement").isGreaterThanOrEqualTo(0.95);
  }

  private void compare(final String corpus, final Path xml, final JsonNode expectedItems, final boolean feedRs) throws Exception {
    final ParsedFeed parsed;
    try {
      parsed = parser.parse(Files.readAllBytes(xml), null, "ref", xml.toUri().toString(), Instant.parse("2030-01-01T00:00:00Z"));
    } catch (final FeedParseException e) {
      return; // refusals and failures are the conformance test's business
    }
    final int[] row = table.computeIfAbsent(corpus, c -> new int[3]);
    row[0]++;
    for (int i = 0; i < expectedItems.size() && i < parsed.items().size(); i++) {
      final JsonNode want = expectedItems.get(i);
      final RawItem got = parsed.items().get(i);
      final String title = want.path("title").isObject() ? want.path("title").path("content").asText(null)
          : want.path("title").asText(null);
      field(row, xml, "title", title, got.getTitle());
      final String link = want.has("link") ? want.path("link").asText(null)
          : want.path("links").path(0).path("href").asText(null);
      field(row, xml, "link", link, got.getLink());
      if (feedRs) {
        final String date = want.hasNonNull("published") ? want.get("published").asText() : want.path("updated").asText(null);
        if (date != null && got.getPublished() != null) {
          row[1]++;
          if (OffsetDateTime.parse(date).toInstant().equals(got.getPublished())) {
            row[2]++;
          } else {
            disagreements.add(xml.getFileName() + " date: " + date + " vs " + got.getPublished());
          }
        }
      }
    }
  }

  private void field(final int[] row, final Path xml, final String name, final String want, final String got) {
    if (want == null || want.isBlank()) {
      return;
    }
    row[1]++;
    if (normalize(want).equals(normalize(got))) {
      row[2]++;
    } else {
      disagreements.add(xml.getFileName() + " " + name + ": «" + want + "» vs «" + got + "»");
    }
  }

  /**
   * Equal text compares equal: whitespace runs, numeric versus named character references
   * ({@code &#60;} is {@code &lt;}), and the case of a URL's host do not count as disagreement.
   */
  static String normalize(final String s) {
    if (s == null) {
      return "";
    }
    String t = s.replaceAll("\\s+", " ").strip();
    final java.util.regex.Matcher ref = java.util.regex.Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(t);
    final StringBuilder out = new StringBuilder();
    while (ref.find()) {
      final int cp = Integer.parseInt(ref.group(2), ref.group(1).isEmpty() ? 10 : 16);
      ref.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(new String(Character.toChars(cp))));
    }
    ref.appendTail(out);
    t = out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    final java.util.regex.Matcher host = java.util.regex.Pattern.compile("^(https?://)([^/]+)(.*)$").matcher(t);
    return host.matches() ? host.group(1) + host.group(2).toLowerCase(Locale.ROOT) + host.group(3) : t;
  }

  private static Path sibling(final Path file, final String suffix, final String replacement) {
    final String name = file.getFileName().toString();
    return name.endsWith(suffix) ? file.resolveSibling(name.substring(0, name.length() - suffix.length()) + replacement) : file;
  }
}
