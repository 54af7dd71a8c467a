package io.parley.processor.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One labelled item of an evaluation set (format: {@code ../shared/datasets/README.md}).
 *
 * @param id the item id (replayed as its guid)
 * @param round the engagement it belongs to, or null
 * @param primary the {@code TYPE/MODE} signals that are its news: what must be found
 * @param mentioned background signals: finding them is not an error
 */
public record Label(String id, String round, Set<String> primary, Set<String> mentioned) {

  /** Reads every label of a JSONL file. */
  public static List<Label> read(final Path file) throws IOException {
    final ObjectMapper json = new ObjectMapper();
    final List<Label> labels = new ArrayList<>();
    int lineNo = 0;
    for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      final JsonNode node = json.readTree(line);
      if (!node.hasNonNull("id")) {
        throw new IOException(file + ":" + lineNo + ": missing 'id'");
      }
      labels.add(new Label(node.get("id").asText(),
          node.hasNonNull("round") ? node.get("round").asText() : null,
          pairs(node.path("primary")), pairs(node.path("mentioned"))));
    }
    return labels;
  }

  private static Set<String> pairs(final JsonNode array) {
    final Set<String> out = new LinkedHashSet<>();
    array.forEach(pair -> out.add(pair.get(0).asText() + "/" + pair.get(1).asText()));
    return out;
  }
}
