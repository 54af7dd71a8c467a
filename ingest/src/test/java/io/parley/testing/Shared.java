package io.parley.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's shared folder ({@code ../shared}: seeds, datasets, feed corpora), read at test
 * time and never copied into the tree. Without it (a user's clone) the tests that need it are
 * skipped with a visible notice; CI insists that it is there.
 */
public final class Shared {

  private Shared() {}

  /** The shared folder, or the test is skipped with a notice on stderr. */
  public static Path dir() {
    final String configured = System.getProperty("parley.shared.dir");
    final Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(dir.resolve("seeds"))) {
      System.err.println("NOTICE: ../shared not found at " + dir.toAbsolutePath().normalize()
          + " — skipping tests that need the seeds, datasets or feed corpora");
      Assumptions.abort("../shared not found at " + dir.toAbsolutePath().normalize());
    }
    return dir;
  }
}
