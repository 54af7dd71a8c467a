package io.parley.processor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.ingest.feed.FeedParseException;
import io.parley.ingest.feed.FeedParser;
import io.parley.schemas.FeedIds;
import io.parley.schemas.RawItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads replay input: RSS/Atom files and JSONL files of articles ({@code title}, {@code published}
 * or {@code date}, {@code guid} or {@code id} or {@code url}, optional {@code text}/{@code summary}
 * and {@code source} — the format of the project's labelled datasets), from files or folders.
 * Items come back ordered by published time, then by input order, because event time drives
 * round assignment.
 */
public final class ReplayInput {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplayInput() {}

  /**
   * Reads every item under {@code paths}, stopping at the first bad line or file.
   *
   * @throws ReplayInputException naming the file (and line) that cannot be read
   */
  public static List<RawItem> read(final List<Path> paths, final Instant fetchedAt) {
    return read(paths, fetchedAt, bad -> {
      throw new ReplayInputException(bad);
    });
  }

  /**
   * Reads every item under {@code paths}; a line or feed file that cannot be read is passed to
   * {@code bad} ("file:line: why") and skipped, unless {@code bad} throws.
   *
   * @throws ReplayInputException for a path that does not exist or a folder or file that cannot be opened
   */
  public static List<RawItem> read(final List<Path> paths, final Instant fetchedAt, final Consumer<String> bad) {
    final List<RawItem> items = new ArrayList<>();
    try (ReplaySource source = ReplaySource.open(paths, fetchedAt, bad, n -> { })) {
      source.forEach(items::add);
    }
    return items;
  }

  static List<Path> files(final List<Path> paths) {
    final List<Path> files = new ArrayList<>();
    for (final Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          files.addAll(walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted().collect(Collectors.toList()));
        } catch (final IOException e) {
          throw new ReplayInputException("cannot read folder " + path + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new ReplayInputException("no such file or folder: " + path);
      }
    }
    return files;
  }

  static List<RawItem> readFeed(final Path file, final Instant fetchedAt, final Consumer<String> bad) {
    try {
      final String feedId = "file-" + FeedIds.sha256Hex(file.toAbsolutePath().toString()).substring(0, 8);
      return new FeedParser().parse(Files.readAllBytes(file), null, feedId, file.toUri().toString(), fetchedAt).items();
    } catch (final IOException e) {
      throw new ReplayInputException("cannot read " + file + ": " + e.getMessage());
    } catch (final FeedParseException e) {
      bad.accept(file + ": " + e.getMessage());
      return List.of();
    }
  }

  /**
   * The item of one JSONL line.
   *
   * @throws IllegalArgumentException (or a Jackson or date exception) saying what is wrong with it
   */
  static RawItem jsonLine(final String line, final Path file, final Instant fetchedAt) throws IOException {
    return jsonItem(JSON.readTree(line), file, fetchedAt);
  }

  private static RawItem jsonItem(final JsonNode node, final Path file, final Instant fetchedAt) {
    final String title = text(node, "title");
    if (title == null) {
      throw new IllegalArgumentException("missing 'title'");
    }
    final String when = text(node, "published") != null ? text(node, "published") : text(node, "date");
    if (when == null) {
      throw new IllegalArgumentException("missing 'published' or 'date'");
    }
    final String guid = text(node, "guid") != null ? text(node, "guid") : text(node, "id");
    final String url = text(node, "url") != null ? text(node, "url") : text(node, "link");
    if (guid == null && url == null) {
      throw new IllegalArgumentException("missing 'guid', 'id' or 'url'");
    }
    final String source = text(node, "source") != null ? text(node, "source") : file.getFileName().toString();
    final String feedId = "jsonl-" + FeedIds.sha256Hex(source).substring(0, 8);
    final String body = text(node, "text") != null ? text(node, "text") : text(node, "summary");
    return RawItem.newBuilder()
        .setItemKey(FeedIds.itemKey(feedId, guid != null ? guid : url))
        .setFeedId(feedId)
        .setFeedUrl(file.toUri().toString())
        .setFeedTitle(source)
        .setGuid(guid)
        .setLink(url)
        .setTitle(title)
        .setSummary(body)
        .setPublished(parseTime(when))
        .setFetchedAt(fetchedAt)
        .build();
  }

  /** An ISO-8601 time, with an offset or in UTC, that fits a Kafka timestamp (milliseconds since 1970 in a long). */
  private static Instant parseTime(final String value) {
    Instant t;
    try {
      t = OffsetDateTime.parse(value).toInstant();
    } catch (final DateTimeParseException e) {
      t = Instant.parse(value);
    }
    try {
      t.toEpochMilli();
    } catch (final ArithmeticException e) {
      throw new IllegalArgumentException("date out of range: " + value);
    }
    return t;
  }

  private static String text(final JsonNode node, final String field) {
    final JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  /** Input that cannot be read; the message names the file. */
  public static final class ReplayInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayInputException(final String message) {
      super(message);
    }
  }
}
