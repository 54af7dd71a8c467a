package io.parley.processor.signals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The world beyond the curated countries of {@code gazetteer.json}: every state, the
 * intergovernmental organisations and the armed groups that negotiate, read from the data file
 * {@code world.tsv} (its header says where each fact comes from). Each ISO 3166 state also takes
 * its English short name from the JDK's ISO 3166 list ({@link Locale#getISOCountries()}), unless the
 * file marks that name ambiguous in English news ("Georgia", "Dominica").
 */
final class World {

  /** The data file, beside the gazetteer. */
  static final String RESOURCE = "/io/parley/processor/signals/world.tsv";

  /** A JDK name is taken only if it is plain words ("Myanmar (Burma)" and "St. Kitts & Nevis" are not). */
  private static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L} .'’-]+");

  /**
   * One actor.
   *
   * @param code its code in tracks (ISO 3166 alpha-2 for states)
   * @param kind {@code state}, {@code igo} or {@code group}
   * @param names names that make it a party of a story: short forms, demonyms, a capital speaking for it
   * @param people its leaders
   * @param places its capital and cities, where things happen
   * @param mediator whether it is usually a mediator or host rather than a party
   * @param tie the state a group belongs to, or null
   * @param confirmed names that count only when the text also names the state otherwise ("Georgia"
   *     is the US state unless "Tbilisi", "Georgian" or its leaders are named too)
   * @param personal names that are also people's given names or surnames: not the state right after
   *     or before another capitalised word that names nothing ("Jordan Bardella", "Michael Jordan")
   */
  record Entry(String code, String kind, List<String> names, List<String> people, List<String> places,
      boolean mediator, String tie, Set<String> confirmed, Set<String> personal) {

    Entry(final String code, final String kind, final List<String> names, final List<String> people,
        final List<String> places, final boolean mediator, final String tie) {
      this(code, kind, names, people, places, mediator, tie, Set.of(), Set.of());
    }
  }

  private World() {}

  /** The bundled entries. */
  static List<Entry> bundled() {
    return read(lines(RESOURCE));
  }

  /** One data line of a tab-separated file: its number (from 1) and its columns. */
  record Row(int lineNo, String[] cols) {}

  /**
   * The data lines of a tab-separated file (blank lines and {@code #} comments left out), each
   * checked to have {@code columns} columns.
   */
  static List<Row> rows(final String resource, final List<String> lines, final int columns) {
    final List<Row> rows = new ArrayList<>();
    int lineNo = 0;
    for (final String line : lines) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      final String[] cols = line.split("\t", -1);
      if (cols.length != columns) {
        throw new IllegalArgumentException(resource + ":" + lineNo + ": expected " + columns
            + " tab-separated columns, found " + cols.length);
      }
      rows.add(new Row(lineNo, cols));
    }
    return rows;
  }

  /** The lines of a bundled data file (UTF-8). */
  static List<String> lines(final String resource) {
    try (InputStream in = World.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  static List<Entry> read(final List<String> lines) {
    final Set<String> iso = Set.of(Locale.getISOCountries());
    final List<Entry> entries = new ArrayList<>();
    for (final Row row : rows(RESOURCE, lines, 6)) {
      final String[] cols = row.cols();
      final String code = cols[0].strip();
      final List<String> flags = list(cols[5].replace(' ', ';'));
      final List<String> names = new ArrayList<>(list(cols[2]));
      if (cols[1].equals("state") && iso.contains(code) && !flags.contains("nojdk")) {
        final String jdk = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
        if (PLAIN_NAME.matcher(jdk).matches() && !names.contains(jdk)) {
          names.add(0, jdk);
        }
      }
      final String tie = flags.stream().filter(f -> f.startsWith("tie=")).map(f -> f.substring(4)).findFirst().orElse(null);
      entries.add(new Entry(code, cols[1].strip(), List.copyOf(names), list(cols[3]), list(cols[4]),
          flags.contains("mediator"), tie, flagged(flags, "confirm="), flagged(flags, "personal=")));
    }
    return entries;
  }

  /** The comma-separated names of flag {@code prefix} ("confirm=Georgia,Georgian"). */
  private static Set<String> flagged(final List<String> flags, final String prefix) {
    return flags.stream().filter(f -> f.startsWith(prefix))
        .flatMap(f -> List.of(f.substring(prefix.length()).split(",")).stream()).collect(Collectors.toUnmodifiableSet());
  }

  private static List<String> list(final String column) {
    final List<String> out = new ArrayList<>();
    for (final String s : column.split(";")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }
}
