package io.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Feed documents a regression test reads, kept as files beside the test (in the test's package
 * under {@code src/test/resources}), one per behaviour, byte for byte as a publisher served them:
 * a fixture can carry a wrong charset, a control character or a DOCTYPE that a Java string
 * literal would hide.
 */
public final class FeedFixtures {

  private FeedFixtures() {}

  /** The bytes of fixture {@code name} beside {@code test}. */
  public static byte[] bytes(final Class<?> test, final String name) {
    try (InputStream in = test.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name + " beside " + test.getName());
      }
      return in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fixture {@code name} beside {@code test}, read as UTF-8. */
  public static String text(final Class<?> test, final String name) {
    return new String(bytes(test, name), StandardCharsets.UTF_8);
  }
}
