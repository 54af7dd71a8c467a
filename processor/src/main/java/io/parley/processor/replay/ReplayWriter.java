package io.parley.processor.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.processor.web.JsonShapes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Writes a replay's {@code articles.jsonl}, {@code rounds.jsonl} and {@code alerts.jsonl}. */
public final class ReplayWriter {

  private ReplayWriter() {}

  public static void write(final Replayer.ReplayResult result, final Path dir) throws IOException {
    Files.createDirectories(dir);
    lines(dir.resolve("articles.jsonl"), result.articles(), JsonShapes::article);
    lines(dir.resolve("rounds.jsonl"), result.rounds(), JsonShapes::round);
    lines(dir.resolve("alerts.jsonl"), result.alerts(), JsonShapes::alert);
  }

  private static <T> void lines(final Path file, final List<T> values, final Function<T, ObjectNode> shape)
      throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (final T value : values) {
        out.write(JsonShapes.line(shape.apply(value)));
        out.write('\n');
      }
    }
  }
}
