package io.parley.processor.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Parley process per data dir: an OS file lock on {@code DIR/.lock}, held while the process
 * runs and released by the OS when it ends, however it ends (a kill -9 leaves no stale lock). A
 * second process on the same dir is told so in one line, before it touches the broker's logs or the
 * stream stores.
 */
public final class DataDirLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(final FileChannel channel, final FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir}.
   *
   * @throws IllegalStateException naming the process that holds it, when another one does
   */
  public static DataDirLock acquire(final Path dir) {
    final Path file = dir.resolve(".lock");
    try {
      Files.createDirectories(dir);
      final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      final FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (final OverlappingFileLockException e) {
        channel.close();
        throw inUse(dir, "this process");
      }
      if (lock == null) {
        final String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        channel.close();
        throw inUse(dir, holder.isEmpty() ? "another process" : "process " + holder);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
      return new DataDirLock(channel, lock);
    } catch (final IOException e) {
      throw new IllegalStateException("cannot lock data dir " + dir + ": " + e.getMessage(), e);
    }
  }

  private static IllegalStateException inUse(final Path dir, final String holder) {
    return new IllegalStateException("data dir " + dir + " is in use by " + holder
        + "; stop it, or give this one another --data-dir");
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (final IOException e) {
      // the OS releases it with the process anyway
    }
  }
}
