package io.parley.processor.signals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.processor.bench.SyntheticArticles;
import io.parley.processor.text.Sentences;
import io.parley.schemas.RawItem;
import io.parley.testing.Shared;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Titles and sentences to check rule machinery on: synthetic coverage and the dev set (which needs ../shared). */
final class TestSentences {

  private TestSentences() {}

  /** Titles and body sentences of {@code articles} synthetic articles, then of every dev-set item. */
  static List<String> syntheticAndDevSet(final int articles, final long seed) throws IOException {
    final List<String> sentences = new ArrayList<>();
    for (final RawItem item : SyntheticArticles.generate(articles, seed, Instant.parse("2025-01-01T00:00:00Z"))) {
      sentences.add(item.getTitle());
      sentences.addAll(Sentences.split(item.getContent() != null ? item.getContent() : item.getSummary() == null ? "" : item.getSummary()));
    }
    final ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = Files.newBufferedReader(Shared.dir().resolve("datasets/dev-signals.jsonl"))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        final JsonNode row = json.readTree(line);
        sentences.add(row.path("title").asText());
        sentences.addAll(Sentences.split(row.path("text").asText()));
      }
    }
    return sentences;
  }
}
