package io.parley.processor.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random strings over a small alphabet of awkward characters, for checking a scan against the regular expression it replaces. */
final class RandomText {

  private RandomText() {}

  /** {@code count} strings of up to {@code maxLength - 1} characters of {@code alphabet}, the same for the same seed. */
  static List<String> strings(final String alphabet, final long seed, final int count, final int maxLength) {
    final Random random = new Random(seed);
    final List<String> out = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      final StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(maxLength); i > 0; i--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      out.add(s.toString());
    }
    return out;
  }
}
