package io.parley.ingest.check;

import io.parley.ingest.feed.FeedFetcher;
import io.parley.schemas.FeedIds;
import io.parley.ingest.feed.FeedParseException;
import io.parley.ingest.feed.FeedParser;
import io.parley.ingest.feed.FetchResult;
import io.parley.ingest.feed.ParsedFeed;
import io.parley.schemas.PollOutcome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What Parley would make of one feed — a URL fetched as ingest fetches it, or a file — without
 * publishing anything: the items, or why it is refused or failed.
 */
public final class FeedCheck {

  /** How a check ended. */
  public enum Verdict { PARSED, REFUSED, FAILED }

  /**
   * One checked input.
   *
   * @param input the URL or file as given
   * @param verdict parsed, refused (by policy: DOCTYPE, scheme, size) or failed (network, HTTP, not a feed)
   * @param reason why it was refused or failed, one line; null when parsed
   * @param feed what was parsed; null otherwise
   */
  public record Result(String input, Verdict verdict, String reason, ParsedFeed feed) {}

  private final FeedFetcher fetcher;
  private final FeedParser parser = new FeedParser();

  public FeedCheck(final FeedFetcher fetcher) {
    this.fetcher = fetcher;
  }

  /** Checks a URL over HTTP(S). */
  public Result url(final String url) {
    final URI uri;
    try {
      uri = FeedIds.requireHttpUrl(url);
    } catch (final IllegalArgumentException e) {
      return new Result(url, Verdict.REFUSED, e.getMessage(), null);
    }
    final FetchResult fetched = fetcher.fetch(uri, null, null);
    if (fetched.outcome() != PollOutcome.OK) {
      final Verdict verdict = fetched.outcome() == PollOutcome.TOO_LARGE || fetched.outcome() == PollOutcome.REFUSED
          ? Verdict.REFUSED : Verdict.FAILED;
      return new Result(url, verdict, fetched.outcome() + ": " + fetched.error(), null);
    }
    return parse(url, fetched.body(), fetched.contentType(), FeedIds.feedIdFor(url));
  }

  /** Checks a local file. */
  public Result file(final Path file) {
    final byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (final IOException e) {
      return new Result(file.toString(), Verdict.FAILED, "cannot read: " + e.getMessage(), null);
    }
    return parse(file.toString(), bytes, null, "file-" + FeedIds.sha256Hex(file.toAbsolutePath().toString()).substring(0, 8));
  }

  private Result parse(final String input, final byte[] body, final String contentType, final String feedId) {
    try {
      return new Result(input, Verdict.PARSED, null, parser.parse(body, contentType, feedId, input, Instant.now()));
    } catch (final FeedParseException e) {
      final Verdict verdict = e.getMessage().startsWith("refused") ? Verdict.REFUSED : Verdict.FAILED;
      return new Result(input, verdict, e.getMessage(), null);
    }
  }

  /** A reason reduced to its kind, for the summary table ("not a readable RSS/Atom feed: …" → its first clause). */
  public static String reasonKind(final String reason) {
    if (reason == null) {
      return "";
    }
    String kind = reason.replaceAll("\\d+", "N").replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
    final int colon = kind.indexOf(':', kind.indexOf(':') + 1);
    if (colon > 0) {
      kind = kind.substring(0, colon);
    }
    kind = kind.length() > 90 ? kind.substring(0, 89) + "…" : kind;
    return kind;
  }

  /** Files under a folder, recursively, skipping dot-files; sorted. */
  public static List<Path> files(final Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }
}
