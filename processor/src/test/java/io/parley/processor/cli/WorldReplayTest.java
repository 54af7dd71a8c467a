package io.parley.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole world through {@code parley replay}: made-up coverage, written for this test, of
 * engagements between states outside the 33 the gazetteer first curated — Africa, Asia, Latin
 * America, Europe, Oceania, an armed group with its state — each must come out on its track with
 * an alert.
 */
class WorldReplayTest {

  private static final Path INPUT = Path.of("src/test/resources/io/parley/processor/world/engagements.jsonl");

  /** The countries and organisations known before the world gazetteer. */
  private static final Set<String> FIRST_33 = Set.of("RU UA US CN IL PS LB IR IN PK TH KH CD RW AM AZ SY BR CA MX EU GB FR DE TR SA QA EG KP VE HU FI NATO".split(" "));

  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path out;

  @Test
  void engagementsOnEveryContinentGetTheirTrackAndAnAlert() throws IOException {
    final StringWriter err = new StringWriter();
    final var cli = ParleyCommand.commandLine(Map.of());
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("replay", "--input", INPUT.toString(), "--out", out.toString(), "--strict")).as(err.toString()).isZero();

    final List<JsonNode> items = lines(INPUT);
    final Map<String, JsonNode> articles = lines(out.resolve("articles.jsonl")).stream()
        .collect(Collectors.toMap(a -> a.path("guid").asText(), a -> a));
    final Map<String, Integer> alertsByTrack = new HashMap<>();
    lines(out.resolve("alerts.jsonl")).forEach(a -> alertsByTrack.merge(a.path("track").asText(), 1, Integer::sum));

    final Set<String> countries = new TreeSet<>();
    final Set<String> continents = new TreeSet<>();
    for (final JsonNode item : items) {
      final String id = item.path("id").asText();
      final String track = item.path("track").asText();
      assertThat(articles.get(id).path("track").asText()).as(id + ": " + item.path("title").asText()).isEqualTo(track);
      assertThat(alertsByTrack.getOrDefault(track, 0)).as("alerts on " + track).isPositive();
      countries.addAll(List.of(track.split("-")));
      continents.add(item.path("continent").asText());
    }
    countries.removeAll(FIRST_33);
    assertThat(countries).as("countries outside the first 33").hasSizeGreaterThanOrEqualTo(30);
    assertThat(continents).contains("Africa", "Asia", "Latin America", "Europe");
  }

  private List<JsonNode> lines(final Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> {
      try {
        return json.readTree(l);
      } catch (final IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }
}
