package io.parley.processor.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What {@code /proc} tells of this process that the JVM's beans do not: the CPU time of the
 * threads {@code ThreadMXBean} does not list — the garbage collector, the JIT compilers, the VM
 * thread, RocksDB's background threads — from {@code /proc/self/task}, and the minor page faults.
 * The bench's "rest" (process CPU minus the Java threads) was about 40 % of the topology's CPU,
 * and which part of the JVM or RocksDB spends it decides what to change.
 */
final class ProcFs {

  /** Thread names (as the kernel keeps them, 15 characters) of the JVM's and RocksDB's own threads. */
  private static final Pattern NATIVE = Pattern.compile("(GC |G1 |C1 |C2 |VM |rocksdb|Sweeper|Common-Cleaner|Signal Dispatch).*");

  /** Kernel clock ticks a second for utime/stime in /proc; 100 on Linux for every usual configuration. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcFs() {}

  /** CPU nanoseconds of each live native thread by task id, with its name; empty without procfs. */
  static Map<Long, Sample> snapshot() {
    final Map<Long, Sample> tasks = new HashMap<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (final Path task : dir) {
        final Sample s = read(task);
        if (s != null && NATIVE.matcher(s.name()).matches()) {
          tasks.put(Long.parseLong(task.getFileName().toString()), s);
        }
      }
    } catch (final IOException | RuntimeException e) {
      return Map.of();
    }
    return tasks;
  }

  /**
   * CPU nanoseconds since {@code before}, by thread name with numbers folded ("GC Thread#N"); a
   * thread started since counts from zero.
   */
  static Map<String, Long> since(final Map<Long, Sample> before) {
    final Map<String, Long> byName = new TreeMap<>();
    snapshot().forEach((tid, now) -> {
      final Sample was = before.get(tid);
      final long spent = now.cpuNanos() - (was == null ? 0 : was.cpuNanos());
      byName.merge(now.name().replaceAll("\\d+", "N"), spent, Long::sum);
    });
    return byName;
  }

  /** One thread: its kernel name and CPU time (user and system) in nanoseconds. */
  record Sample(String name, long cpuNanos) {}

  /** Minor page faults of this process so far (field 10 of /proc/self/stat), or -1 where there is no procfs. */
  static long minorFaults() {
    try {
      return Long.parseLong(fields(Files.readString(Path.of("/proc/self/stat")))[7]);
    } catch (final IOException | RuntimeException e) {
      return -1;
    }
  }

  private static Sample read(final Path task) {
    try {
      final String stat = Files.readString(task.resolve("stat"));
      final String[] fields = fields(stat);
      final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      return new Sample(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks * (1_000_000_000L / TICKS_PER_SECOND));
    } catch (final IOException | RuntimeException e) {
      return null; // the thread ended while it was read
    }
  }

  /**
   * The fields of a {@code stat} line from the third (state) on: the name (field 2) may hold
   * spaces and parentheses, the fields after its last ')' do not.
   */
  private static String[] fields(final String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
  }
}
