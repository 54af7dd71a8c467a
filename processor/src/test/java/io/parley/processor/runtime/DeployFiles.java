package io.parley.processor.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The files under deploy/, read by the tests that keep them honest. */
final class DeployFiles {

  static final Path DIR = Path.of("..", "deploy");
  private static final Pattern METRIC = Pattern.compile("\\b((?:parley|kafka|jvm|process)_[a-z0-9_]+)\\b");

  private DeployFiles() {}

  static List<Path> withExtension(final String... extensions) throws IOException {
    try (Stream<Path> walk = Files.walk(DIR)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> Stream.of(extensions).anyMatch(e -> p.getFileName().toString().endsWith(e)))
          .sorted().collect(Collectors.toList());
    }
  }

  /** Every document of a (multi-document) YAML file. */
  static List<JsonNode> yaml(final Path file) throws IOException {
    final ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    final List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
      parser.setCodec(mapper);
      while (parser.nextToken() != null) {
        docs.add(mapper.readTree(parser));
      }
    }
    return docs;
  }

  /** Metric names in the Prometheus rules and the Grafana dashboard. */
  static Set<String> referencedMetrics() throws IOException {
    final Set<String> names = new TreeSet<>();
    for (final JsonNode group : yaml(DIR.resolve("prometheus/alerts.yml")).get(0).path("groups")) {
      for (final JsonNode rule : group.path("rules")) {
        names.addAll(metrics(rule.path("expr").asText()));
      }
    }
    for (final JsonNode panel : new ObjectMapper().readTree(DIR.resolve("grafana/parley.json").toFile()).path("panels")) {
      for (final JsonNode target : panel.path("targets")) {
        names.addAll(metrics(target.path("expr").asText()));
      }
    }
    return names;
  }

  private static Set<String> metrics(final String expr) {
    final Set<String> names = new TreeSet<>();
    final Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
