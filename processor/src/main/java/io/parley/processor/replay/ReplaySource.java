package io.parley.processor.replay;

import io.parley.schemas.RawItem;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The items of a replay in published order (then input order), read as they are replayed. A JSONL
 * file is read once to check every line and note its time and byte offset — 20 bytes a line — and
 * each line is read and parsed again when its turn comes, so a replay of a large input holds an
 * index, not its text: 200 MB of JSONL took 1.4 GB resident when every item was held. Feed files,
 * bounded by a feed's size, are parsed whole.
 */
public final class ReplaySource implements Iterable<RawItem>, AutoCloseable {

  private final List<Path> jsonl;
  private final List<RawItem> parsed;
  private final long[] times;
  private final int[] files;
  private final long[] places;
  private final int[] order;
  private final Instant fetchedAt;
  private final FileChannel[] channels;

  private ReplaySource(final List<Path> jsonl, final List<RawItem> parsed, final Index index, final Instant fetchedAt) {
    this.jsonl = jsonl;
    this.parsed = parsed;
    this.times = index.times;
    this.files = index.files;
    this.places = index.places;
    this.order = index.sorted();
    this.fetchedAt = fetchedAt;
    this.channels = new FileChannel[jsonl.size()];
  }

  /**
   * Checks and indexes every item under {@code paths}.
   *
   * @param bad gets "file:line: why" for each line or feed file that cannot be read (skipped), unless it throws
   * @param checked gets the number of JSONL lines checked so far, every 10,000
   * @throws ReplayInput.ReplayInputException for a path that does not exist or cannot be opened
   */
  public static ReplaySource open(final List<Path> paths, final Instant fetchedAt, final Consumer<String> bad,
      final IntConsumer checked) {
    final List<Path> jsonl = new ArrayList<>();
    final List<RawItem> parsed = new ArrayList<>();
    final Index index = new Index();
    int lines = 0;
    for (final Path file : ReplayInput.files(paths)) {
      final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
        jsonl.add(file);
        lines = indexJsonl(file, jsonl.size() - 1, fetchedAt, bad, index, lines, checked);
      } else {
        for (final RawItem item : ReplayInput.readFeed(file, fetchedAt, bad)) {
          index.add(time(item), -1, parsed.size());
          parsed.add(item);
        }
      }
    }
    return new ReplaySource(jsonl, parsed, index, fetchedAt);
  }

  /** How many items there are. */
  public int size() {
    return order.length;
  }

  @Override
  public Iterator<RawItem> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < order.length;
      }

      @Override
      public RawItem next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        final int k = order[next++];
        return files[k] < 0 ? parsed.get((int) places[k]) : reread(files[k], places[k]);
      }
    };
  }

  @Override
  public void close() {
    for (final FileChannel channel : channels) {
      if (channel != null) {
        try {
          channel.close();
        } catch (final IOException ignored) {
          // read-only
        }
      }
    }
  }

  private static int indexJsonl(final Path file, final int fileIndex, final Instant fetchedAt, final Consumer<String> bad,
      final Index index, final int linesBefore, final IntConsumer checked) {
    int lines = linesBefore;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      final ByteArrayOutputStream line = new ByteArrayOutputStream();
      long offset = 0;
      long lineStart = 0;
      int lineNo = 0;
      int b;
      boolean more = true;
      while (more) {
        b = in.read();
        more = b != -1;
        if (more && b != '\n') {
          line.write(b);
          offset++;
          continue;
        }
        if (more) {
          offset++;
        }
        if (line.size() == 0 && !more) {
          break;
        }
        lineNo++;
        final String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!text.isBlank()) {
          try {
            index.add(time(ReplayInput.jsonLine(text, file, fetchedAt)), fileIndex, lineStart);
          } catch (final IOException | IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            final String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            bad.accept(file + ":" + lineNo + ": " + why.lines().findFirst().orElse(""));
          }
        }
        lineStart = offset;
        if (++lines % 10_000 == 0) {
          checked.accept(lines);
        }
      }
    } catch (final IOException e) {
      throw new ReplayInput.ReplayInputException("cannot read " + file + ": " + e.getMessage());
    }
    return lines;
  }

  /** The item of the line at {@code offset} of JSONL file {@code file}, checked when indexed. */
  private RawItem reread(final int file, final long offset) {
    try {
      if (channels[file] == null) {
        channels[file] = FileChannel.open(jsonl.get(file), StandardOpenOption.READ);
      }
      final FileChannel channel = channels[file];
      ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
      long at = offset;
      int end = -1;
      while (end < 0) {
        if (!buf.hasRemaining()) {
          buf = ByteBuffer.allocate(buf.capacity() * 2).put(buf.flip());
        }
        final int from = buf.position();
        final int n = channel.read(buf, at);
        if (n <= 0) {
          end = buf.position();
          break;
        }
        at += n;
        for (int i = from; i < buf.position(); i++) {
          if (buf.get(i) == '\n') {
            end = i;
            break;
          }
        }
      }
      return ReplayInput.jsonLine(new String(buf.array(), 0, end, StandardCharsets.UTF_8), jsonl.get(file), fetchedAt);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + jsonl.get(file) + " again: " + e.getMessage(), e);
    }
  }

  private static long time(final RawItem item) {
    return (item.getPublished() == null ? item.getFetchedAt() : item.getPublished()).toEpochMilli();
  }

  /** Each item's time, JSONL file (-1: a parsed feed item) and byte offset (or index in the parsed items). */
  private static final class Index {
    private long[] times = new long[1024];
    private int[] files = new int[1024];
    private long[] places = new long[1024];
    private int size;

    void add(final long time, final int file, final long place) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        files = Arrays.copyOf(files, size * 2);
        places = Arrays.copyOf(places, size * 2);
      }
      times[size] = time;
      files[size] = file;
      places[size] = place;
      size++;
    }

    /** Positions in published order, then input order (a stable sort). */
    int[] sorted() {
      final Integer[] boxed = new Integer[size];
      for (int i = 0; i < size; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, Comparator.comparingLong((Integer i) -> times[i]));
      return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }
  }
}
