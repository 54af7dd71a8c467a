package io.parley.processor.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the embedded broker's data dir before the broker starts on it, so that damage stops
 * startup with one line instead of Kafka repairing it in silence — truncating a partition to what
 * its damaged segment still holds, recreating every topic under a new id when the cluster metadata
 * is gone, or failing with a stack trace when {@code meta.properties} is.
 *
 * <p>Two kinds of check. Always: logs need the metadata that names them ({@code meta/meta.properties}
 * and the {@code __cluster_metadata} log). And after a clean stop: the broker's log segments and
 * topic ids as {@link #record} wrote them when the broker stopped — nothing may have shrunk,
 * vanished or changed id while it was down. The record is removed when the broker starts, so after
 * a crash there is none, and Kafka's own recovery of an unclean shutdown runs as usual.
 */
public final class DataDirCheck {

  /** What the broker's logs were when it last stopped cleanly. */
  static final String MANIFEST = "parley-clean-stop.properties";

  /** A partition directory: topic name, a dash, the partition number. */
  private static final Pattern PARTITION = Pattern.compile(".+-\\d+");

  private static final String METADATA_LOG = "__cluster_metadata-0";

  private DataDirCheck() {}

  /** Damage found in a data dir: its message is the one line a user reads. */
  public static final class Damaged extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Damaged(final Path dir, final String what, final String consequence) {
      super("the embedded broker's data in " + dir + " is damaged: " + what + "; started on it, Kafka would "
          + consequence + ". Restore " + dir + " from a backup, or move it aside to start afresh"
          + " (Parley then reads the feeds again, as far back as they still list items)");
    }
  }

  /**
   * Throws {@link Damaged} when the data dir {@code dir} (holding {@code meta/} and {@code logs/})
   * is damaged; then forgets the clean-stop record, which the broker's next clean stop writes again.
   */
  public static void verify(final Path dir) {
    final Path meta = dir.resolve("meta");
    final Path logs = dir.resolve("logs");
    final List<Path> partitions = partitions(logs);
    if (!Files.isRegularFile(meta.resolve("meta.properties"))
        && (!partitions.isEmpty() || Files.isRegularFile(logs.resolve("meta.properties")))) {
      throw new Damaged(dir, meta.resolve("meta.properties") + " is missing while " + logs + " holds logs",
          "refuse to start (its logs belong to a cluster it cannot name)");
    }
    if (!partitions.isEmpty() && !hasLog(meta.resolve(METADATA_LOG))) {
      throw new Damaged(dir, "the cluster metadata (" + meta.resolve(METADATA_LOG) + ") is missing while "
          + partitions.size() + " partitions are in " + logs,
          "recreate every topic under a new id and delete the old partitions, alerts and rounds with them");
    }
    final Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return; // first start, or after a crash: Kafka recovers an unclean shutdown itself
    }
    final Properties recorded = new Properties();
    try (InputStream in = Files.newInputStream(manifest)) {
      recorded.load(in);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
    }
    for (final String name : new TreeMap<>(toMap(recorded)).keySet()) {
      final String value = recorded.getProperty(name);
      if (name.startsWith("segment.")) {
        final Path segment = logs.resolve(name.substring("segment.".length()));
        final long size = size(segment);
        if (size < Long.parseLong(value)) {
          throw new Damaged(dir, size < 0 ? "log segment " + segment + " is gone since the broker stopped cleanly"
              : "log segment " + segment + " holds " + size + " bytes, " + value + " when the broker stopped cleanly",
              "drop the records past the damage, and the partition's later records with them");
        }
      } else if (name.startsWith("topic-id.")) {
        final Path partition = logs.resolve(name.substring("topic-id.".length()));
        final String now = topicId(partition);
        if (now != null && !now.equals(value)) {
          throw new Damaged(dir, partition + " now names topic id " + now + ", " + value + " when the broker stopped cleanly",
              "treat the partition as another topic's and delete it");
        }
      }
    }
    try {
      Files.delete(manifest);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot remove " + manifest + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records, after the broker stopped cleanly, every log segment's size and every partition's topic
   * id under {@code dir}, for {@link #verify} at the next start. Written to a temporary file and
   * moved in place, so a crash while writing leaves no half record.
   */
  public static void record(final Path dir) {
    final Path logs = dir.resolve("logs");
    final Properties manifest = new Properties();
    for (final Path partition : partitions(logs)) {
      try (Stream<Path> files = Files.list(partition)) {
        for (final Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
          manifest.setProperty("segment." + logs.relativize(file), Long.toString(Math.max(0, size(file))));
        }
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot list " + partition + ": " + e.getMessage(), e);
      }
      final String id = topicId(partition);
      if (id != null) {
        manifest.setProperty("topic-id." + logs.relativize(partition), id);
      }
    }
    final Path target = dir.resolve(MANIFEST);
    final Path temp = dir.resolve(MANIFEST + ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      manifest.store(out, "written by Parley when the embedded broker stopped cleanly; checked at its next start");
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + temp + ": " + e.getMessage(), e);
    }
    try {
      Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** The partition directories under {@code logs}, in name order; none when it does not exist. */
  private static List<Path> partitions(final Path logs) {
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(logs)) {
      return dirs.filter(Files::isDirectory).filter(d -> PARTITION.matcher(d.getFileName().toString()).matches())
          .sorted().toList();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot list " + logs + ": " + e.getMessage(), e);
    }
  }

  /** Whether a metadata log directory holds a log or a snapshot. */
  private static boolean hasLog(final Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).anyMatch(n -> n.endsWith(".log") || n.endsWith(".checkpoint"));
    } catch (final IOException e) {
      return false;
    }
  }

  /** The topic id a partition directory's {@code partition.metadata} names, or null. */
  private static String topicId(final Path partition) {
    final Path file = partition.resolve("partition.metadata");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      for (final String line : Files.readAllLines(file)) {
        if (line.startsWith("topic_id:")) {
          return line.substring("topic_id:".length()).strip();
        }
      }
      return null;
    } catch (final IOException e) {
      return null;
    }
  }

  /** A file's size, or -1 when it does not exist. */
  private static long size(final Path file) {
    try {
      return Files.size(file);
    } catch (final IOException e) {
      return -1;
    }
  }

  private static Map<String, String> toMap(final Properties p) {
    final Map<String, String> map = new TreeMap<>();
    p.stringPropertyNames().forEach(n -> map.put(n, p.getProperty(n)));
    return map;
  }

  /** The names of {@code dir}'s recorded segments, for tests. */
  static List<String> recordedSegments(final Path dir) throws IOException {
    final Properties p = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(MANIFEST))) {
      p.load(in);
    }
    final List<String> out = new ArrayList<>();
    p.stringPropertyNames().stream().filter(n -> n.startsWith("segment.")).sorted().forEach(out::add);
    return out;
  }
}
