package io.parley.ingest.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.ingest.feed.FeedFetcher;
import io.parley.testing.Shared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The parser over every file of ../shared/corpora/feeds (4,111 files from feedparser, ROME,
 * gofeed, feed-rs, miniflux, SimplePie and the W3C feed validator): no crash, no hang, documents
 * with external entities never parsed, and a summary table per corpus in the test output.
 */
class CorpusConformanceTest {

  private static final Duration PER_FILE = Duration.ofSeconds(10);
  private static final List<String> NOT_FEEDS = List.of("LICENSE", "SOURCE.txt", "README.md", ".gitattributes");
  /** gofeed's and feed-rs's expected parser outputs sit beside their inputs; they are not feeds. */
  private static final List<String> EXPECTED_OUTPUTS = List.of(".json", ".output");

  @Test
  void everyCorpusFileParsesOrIsRefusedWithAReasonWithinTheTimeLimit() throws Exception {
    final Path corpora = Shared.dir().resolve("corpora/feeds");
    final FeedCheck check = new FeedCheck(new FeedFetcher(new FeedFetcher.FetchSettings(
        Duration.ofSeconds(1), Duration.ofSeconds(1), 5L * 1024 * 1024, "ParleyTest/1")));
    final Map<String, int[]> table = new TreeMap<>();
    final List<String> hostileParsed = new ArrayList<>();
    final ExecutorService pool = Executors.newSingleThreadExecutor();
    int files = 0;
    try {
      for (final Path file : FeedCheck.files(corpora)) {
        final String name = file.getFileName().toString();
        if (NOT_FEEDS.stream().anyMatch(name::startsWith) || EXPECTED_OUTPUTS.stream().anyMatch(name::endsWith)) {
          continue;
        }
        files++;
        final Future<FeedCheck.Result> future = pool.submit(() -> check.file(file));
        final FeedCheck.Result result;
        try {
          result = future.get(PER_FILE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
          throw new AssertionError("parser hung on " + file);
        }
        assertThat(result.verdict() == FeedCheck.Verdict.PARSED || result.reason() != null).as(file.toString()).isTrue();
        final Path relative = corpora.relativize(file);
        final String corpus = relative.getName(0) + "/" + (relative.getNameCount() > 2 ? relative.getName(1) : "");
        final int[] row = table.computeIfAbsent(corpus, c -> new int[4]);
        row[result.verdict().ordinal()]++;
        if (result.verdict() == FeedCheck.Verdict.PARSED && !result.feed().items().isEmpty()) {
          row[3]++;
        }
        if (result.verdict() == FeedCheck.Verdict.PARSED && declaresExternalEntity(file)) {
          hostileParsed.add(file.toString());
        }
      }
    } finally {
      pool.shutdownNow();
    }

    final StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "%nfeed corpus conformance (%d files)%n%-32s %7s %8s %7s %11s%n", files, "corpus", "parsed", "refused",
        "failed", "with items"));
    final int[] total = new int[4];
    table.forEach((corpus, n) -> {
      report.append(String.format(Locale.ROOT, "%-32s %7d %8d %7d %11d%n", corpus, n[0], n[1], n[2], n[3]));
      for (int i = 0; i < 4; i++) {
        total[i] += n[i];
      }
    });
    report.append(String.format(Locale.ROOT, "%-32s %7d %8d %7d %11d%n", "total", total[0], total[1], total[2], total[3]));
    System.err.println(report);

    assertThat(files).isGreaterThan(3000);
    assertThat(hostileParsed).as("documents with external entities must never be parsed").isEmpty();
    final int[] wellformed = table.get("feedparser/wellformed");
    assertThat((double) wellformed[0] / (wellformed[0] + wellformed[1] + wellformed[2]))
        .as("feedparser/wellformed parse rate").isGreaterThanOrEqualTo(0.95);
  }

  private static boolean declaresExternalEntity(final Path file) throws java.io.IOException {
    final String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    return text.contains("<!ENTITY") && (text.contains("SYSTEM") || text.contains("PUBLIC"));
  }
}
