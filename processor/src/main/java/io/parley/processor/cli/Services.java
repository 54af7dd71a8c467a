package io.parley.processor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** Runs a {@link ParleyRuntime} until Ctrl-C / SIGTERM, then stops it cleanly. */
final class Services {

  private Services() {}

  /**
   * Starts {@code plan} and blocks until the JVM is asked to stop.
   *
   * @param temporaryDir a directory to delete after stopping, or null
   */
  static int runUntilStopped(final ParleyRuntime.Plan plan, final PrintWriter out, final Path temporaryDir)
      throws InterruptedException {
    final ParleyRuntime runtime = new ParleyRuntime();
    try {
      runtime.start(plan, out);
    } catch (final RuntimeException e) {
      deleteQuietly(temporaryDir);
      throw e;
    }
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println();
      out.println("parley: stopping …");
      out.flush();
      runtime.close();
      deleteQuietly(temporaryDir);
      out.println("parley: stopped");
      out.flush();
      stopped.countDown();
    }, "parley-shutdown"));
    stopped.await();
    return 0;
  }

  static void deleteQuietly(final Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (final IOException ignored) {
      // temporary; nothing else to do
    }
  }
}
