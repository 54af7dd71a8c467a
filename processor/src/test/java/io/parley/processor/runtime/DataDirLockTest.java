package io.parley.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

  @TempDir Path dir;

  @Test
  void oneHolderAtATimeAndADirThatDoesNotExistYet() {
    final Path data = dir.resolve("not/yet/there");
    try (DataDirLock first = DataDirLock.acquire(data)) {
      assertThatThrownBy(() -> DataDirLock.acquire(data)).isInstanceOf(IllegalStateException.class)
          .hasMessage("data dir " + data + " is in use by this process; stop it, or give this one another --data-dir");
    }
    DataDirLock.acquire(data).close(); // released with the first
    assertThat(data.resolve(".lock")).exists();
  }
}
