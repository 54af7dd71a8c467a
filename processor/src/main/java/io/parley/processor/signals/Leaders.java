package io.parley.processor.signals;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leaders as dated facts, read from the data file {@code leaders.tsv} (its header says where they
 * come from): who held which office for which state or organisation, from when to when. A name
 * speaks for the state it held office in at an article's date — Mark Rutte is the Netherlands in
 * 2023 and NATO in 2025 — and for none when out of office ("former president Jair Bolsonaro").
 */
final class Leaders {

  /** The data file, beside the gazetteer. */
  static final String RESOURCE = "/io/parley/processor/signals/leaders.tsv";

  /**
   * How long before taking office an incoming leader already speaks for the state: a
   * president-elect, a prime minister designate ("Trump's envoy" in the Gaza talks of January 2025).
   */
  static final int INCOMING_DAYS = 90;

  /** One office: {@code code} from day {@code from} to day {@code to} (days since 1970-01-01; {@code to} exclusive). */
  record Tenure(String code, long from, long to) {}

  /** The offices one name held, ordered by start. */
  record Tenures(List<Tenure> offices) {

    /** The state or organisation the name spoke for on {@code day}, or null when out of office. */
    String at(final long day) {
      if (day == Gazetteer.UNDATED) {
        return latest();
      }
      String incoming = null;
      for (final Tenure t : offices) {
        if (day >= t.from() && day < t.to()) {
          return t.code(); // in office (offices of one name do not overlap in the data; the first wins)
        }
        if (incoming == null && day < t.from() && day >= t.from() - INCOMING_DAYS) {
          incoming = t.code();
        }
      }
      return incoming;
    }

    /** The code of the latest office: what the name means when the date is unknown. */
    String latest() {
      return offices.get(offices.size() - 1).code();
    }
  }

  private Leaders() {}

  /** The bundled offices, by name. */
  static Map<String, Tenures> bundled() {
    return read(World.lines(RESOURCE));
  }

  /** Every name's offices, from lines of {@code code, names, office, from, to}. */
  static Map<String, Tenures> read(final List<String> lines) {
    final Map<String, List<Tenure>> byName = new LinkedHashMap<>();
    for (final World.Row row : World.rows(RESOURCE, lines, 5)) {
      final String[] cols = row.cols();
      final int lineNo = row.lineNo();
      final long from = day(cols[3], lineNo);
      final long to = cols[4].isBlank() ? Long.MAX_VALUE : day(cols[4], lineNo);
      if (to <= from) {
        throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": office ends before it starts");
      }
      for (final String name : cols[1].split(";")) {
        if (!name.isBlank()) {
          byName.computeIfAbsent(name.strip(), n -> new ArrayList<>()).add(new Tenure(cols[0].strip(), from, to));
        }
      }
    }
    final Map<String, Tenures> out = new LinkedHashMap<>();
    byName.forEach((name, offices) -> {
      offices.sort(Comparator.comparingLong(Tenure::from));
      out.put(name, new Tenures(List.copyOf(offices)));
    });
    return out;
  }

  private static long day(final String date, final int lineNo) {
    try {
      return LocalDate.parse(date.strip()).toEpochDay();
    } catch (final DateTimeParseException e) {
      throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": not a date: " + date, e);
    }
  }
}
