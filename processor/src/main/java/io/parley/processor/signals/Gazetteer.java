package io.parley.processor.signals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Actors, places and tracks from a versioned resource ({@code gazetteer.json}): "the Kremlin" is
 * Russia, "Kyiv" and "Kiev" are Ukraine, "Lancaster House" is a venue. One compiled alternation
 * finds every alias in a text in one pass, longest alias first.
 */
public final class Gazetteer {

  /** The bundled gazetteer. */
  public static final String RESOURCE = "/io/parley/processor/signals/gazetteer.json";

  /**
   * What a name means.
   *
   * @param country the country (or organisation, group) it names, or null for a venue
   * @param party whether a mention makes its country a party of the story
   * @param place whether it is a place (reported in {@code places})
   * @param whereAfterLocative whether after "in", "at", "to" … it is only a place: the world's
   *     capitals ("talks in Hanoi", but "Hanoi said"); the curated names keep their meaning
   */
  private record Alias(String country, boolean party, boolean place, boolean whereAfterLocative, Leaders.Tenures tenures,
      Ambiguity ambiguity) {
    Alias(final String country, final boolean party, final boolean place) {
      this(country, party, place, false, null, Ambiguity.NONE);
    }

    Alias(final String country, final boolean party, final boolean place, final boolean whereAfterLocative) {
      this(country, party, place, whereAfterLocative, null, Ambiguity.NONE);
    }

    /** The party this name makes of a story dated {@code day}: a leader's state at that date, or none. */
    String partyAt(final long day) {
      return tenures == null ? country : tenures.at(day);
    }
  }

  /** How a name that means something else too is read (the flags of {@code world.tsv}). */
  private enum Ambiguity {
    NONE,
    /** Counts only when the text names the same party by another name ("Georgia" with "Tbilisi"). */
    CONFIRM,
    /** Not the party when part of a person's name: next to a capitalised word that names nothing. */
    PERSONAL
  }

  /** An article of unknown date: a leader speaks for the state of their latest office. */
  public static final long UNDATED = Long.MIN_VALUE;

  /** A known track (SPEC §5) and, for a weak one, the track its coverage belongs to. */
  private record Track(String id, Set<String> parties, boolean weak, String foldInto) {}

  private final String version;
  private final Map<String, Alias> aliases;
  private final int maxTokens;
  /** First words of all aliases: most tokens of a text start none, and are skipped at once. */
  private final Set<String> firstWords;
  /**
   * The {@link String#hashCode} of each first word, sorted: a token whose hash is not among them
   * starts no alias, and is passed over without cutting a string out of the text for it.
   */
  private final int[] firstWordHashes;
  /** Per first word, the token counts of the aliases it starts, as bits: the only phrase lengths worth building. */
  private final Map<String, Integer> lengthsByFirstWord = new HashMap<>();
  /** First characters of those words: most tokens are lower-case words, ruled out by one bit. */
  private final BitSet firstChars = new BitSet(Character.MAX_VALUE + 1);
  private final List<Track> tracks;
  private final Set<String> mediators;

  private Gazetteer(final String version, final Map<String, Alias> aliases, final List<Track> tracks,
      final Set<String> mediators) {
    this.version = version;
    this.aliases = aliases;
    this.tracks = tracks;
    this.mediators = mediators;
    this.maxTokens = aliases.keySet().stream().mapToInt(a -> tokens(a)[0]).max().orElse(1);
    this.firstWords = aliases.keySet().stream().map(a -> {
      final int[] t = tokens(a);
      return a.substring(t[1], t[2]).replace('’', '\'');
    }).collect(Collectors.toSet());
    firstWords.forEach(w -> firstChars.set(w.charAt(0)));
    this.firstWordHashes = firstWords.stream().mapToInt(String::hashCode).sorted().toArray();
    for (final String alias : aliases.keySet()) {
      final int[] t = tokens(alias);
      lengthsByFirstWord.merge(alias.substring(t[1], t[2]).replace('’', '\''), 1 << t[0], (a, b) -> a | b);
    }
  }

  /** Loads the bundled gazetteer. */
  public static Gazetteer bundled() {
    try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
      return parse(new ObjectMapper().readTree(in), World.bundled(), Leaders.bundled());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static Gazetteer parse(final JsonNode root) {
    return parse(root, List.of(), Map.of());
  }

  /**
   * The curated gazetteer of {@code root}, completed with the world's other actors: a name the
   * curated file already gives keeps its meaning there, and its venues stay venues.
   */
  static Gazetteer parse(final JsonNode root, final List<World.Entry> world, final Map<String, Leaders.Tenures> leaders) {
    final Map<String, Alias> aliases = new HashMap<>();
    final Set<String> venues = new HashSet<>();
    root.path("venues").forEach(v -> venues.add(v.asText()));
    root.path("countries").fields().forEachRemaining(e -> {
      final String code = e.getKey();
      final Set<String> places = new HashSet<>();
      e.getValue().path("places").forEach(p -> places.add(p.asText()));
      for (final String field : List.of("names", "people")) {
        e.getValue().path(field).forEach(n -> aliases.put(n.asText(),
            new Alias(code, !venues.contains(n.asText()) || field.equals("people"), places.contains(n.asText()))));
      }
      for (final String place : places) {
        aliases.putIfAbsent(place, new Alias(code, false, true));
      }
    });
    for (final World.Entry entry : world) {
      final Set<String> places = new HashSet<>(entry.places());
      for (final String name : entry.names()) {
        final Ambiguity ambiguity = entry.confirmed().contains(name) ? Ambiguity.CONFIRM
            : entry.personal().contains(name) ? Ambiguity.PERSONAL : Ambiguity.NONE;
        aliases.putIfAbsent(name, new Alias(entry.code(), true, places.contains(name), places.contains(name), null, ambiguity));
      }
      for (final String person : entry.people()) {
        aliases.putIfAbsent(person, new Alias(entry.code(), true, false));
      }
      for (final String place : places) {
        aliases.putIfAbsent(place, new Alias(entry.code(), false, true));
      }
    }
    // A leader's name takes its dated offices, wherever else it is named.
    leaders.forEach((name, tenures) -> {
      final Alias before = aliases.get(name);
      if (before == null || !before.place()) {
        aliases.put(name, new Alias(tenures.latest(), true, false, false, tenures, Ambiguity.NONE));
      }
    });
    final Set<String> stateNames = new HashSet<>();
    root.path("countries").forEach(c -> c.path("names").forEach(n -> stateNames.add(n.asText())));
    world.forEach(e -> e.names().stream().filter(n -> !e.places().contains(n)).forEach(stateNames::add));
    for (final String venue : venues) {
      aliases.putIfAbsent(venue, new Alias(null, false, true));
      final Alias a = aliases.get(venue);
      // A state that hosts ("talks in Oman", "a summit in Hungary") is where after a locative, and
      // itself otherwise ("Hungary vetoed the sanctions"); a city or a palace is only ever where.
      aliases.put(venue, stateNames.contains(venue) ? new Alias(a.country(), true, true, true) : new Alias(a.country(), false, true));
    }
    final List<Track> tracks = new ArrayList<>();
    root.path("tracks").forEach(t -> {
      final Set<String> parties = new LinkedHashSet<>();
      t.path("parties").forEach(p -> parties.add(p.asText()));
      tracks.add(new Track(t.path("id").asText(), parties, t.path("weak").asBoolean(false),
          t.hasNonNull("foldInto") ? t.get("foldInto").asText() : null));
    });
    // An armed group's track with its state is a known one: "the RSF accepted the truce" is RSF-SD.
    for (final World.Entry entry : world) {
      if (entry.tie() != null) {
        final List<String> pair = List.of(entry.code(), entry.tie()).stream().sorted().toList();
        tracks.add(new Track(pair.get(0) + "-" + pair.get(1), new LinkedHashSet<>(pair), false, null));
      }
    }
    final Set<String> mediators = new HashSet<>();
    root.path("mediators").forEach(m -> mediators.add(m.asText()));
    world.stream().filter(World.Entry::mediator).forEach(e -> mediators.add(e.code()));
    return new Gazetteer(root.path("version").asText("0"), aliases, tracks, mediators);
  }

  /**
   * Places that also name a party ("Moscow said", "Washington warned"), with the country they
   * speak for: on that country's own track they may be the country speaking, not a venue.
   */
  public Map<String, String> partyPlaces() {
    return aliases.entrySet().stream().filter(e -> e.getValue().party() && e.getValue().place())
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().country()));
  }

  /** The resource version. */
  public String version() {
    return version;
  }

  /**
   * Every actor and place mentioned in {@code text}: the text is cut into word tokens (letters,
   * digits, dots and apostrophes; "Putin-Zelensky" is two tokens joined by a hyphen), and at each
   * token the longest run of up to as many tokens as the longest alias that names an alias wins.
   * Matching is case-sensitive, so "us" is not the United States.
   */
  public Mentions find(final String text) {
    return find(text, UNDATED, NO_MARKS);
  }

  private static final int[] NO_MARKS = new int[0];

  /**
   * {@link #find(String)}, and for each of {@code marks} (positions in {@code text}, ascending) the
   * parties mentioned before it: the headline's and the lede's parties come from the same scan as
   * the whole text's, where a scan of each cost as much again for a long headline and lede. A
   * leader's name counts for the state they spoke for on {@code day} (days since 1970-01-01, or
   * {@link #UNDATED}), and for none out of office.
   */
  public Mentions find(final String text, final long day, final int... marks) {
    final Map<String, Integer> counts = new LinkedHashMap<>();
    final List<Map<String, Integer>> before = new ArrayList<>(marks.length);
    for (int m = 0; m < marks.length; m++) {
      before.add(new LinkedHashMap<>());
    }
    final Set<String> places = new LinkedHashSet<>();
    List<int[]> unconfirmed = null; // (alias index in a list, token start) of names that need another
    List<String> unconfirmedParties = null;
    final int[] spans = tokens(text);
    final int tokens = spans[0];
    int i = 0;
    while (i < tokens) {
      if (!firstChars.get(text.charAt(spans[1 + 2 * i])) || !mayStartAnAlias(text, spans[1 + 2 * i], spans[2 + 2 * i])) {
        i++;
        continue;
      }
      final String word = text.substring(spans[1 + 2 * i], spans[2 + 2 * i]).replace('’', '\'');
      if (!firstWords.contains(word) && !(word.endsWith(".") && firstWords.contains(word.substring(0, word.length() - 1)))) {
        i++;
        continue;
      }
      final int lengths = lengthsByFirstWord.getOrDefault(word, 0)
          | (word.endsWith(".") ? lengthsByFirstWord.getOrDefault(word.substring(0, word.length() - 1), 0) : 0);
      int matched = 0;
      for (int len = Math.min(maxTokens, tokens - i); len >= 1 && matched == 0; len--) {
        if ((lengths & (1 << len)) == 0) {
          continue; // no alias of this many tokens starts with this word
        }
        final String phrase = phrase(text, spans, i, len);
        Alias alias = aliases.get(phrase);
        String name = phrase;
        if (alias == null && phrase.endsWith(".")) {
          name = phrase.substring(0, phrase.length() - 1); // "Moscow." at a sentence end, but "U.S." as is
          alias = aliases.get(name);
        }
        if (alias != null) {
          // A capital after a locative ("talks in Hanoi", "flew to Asmara") is where, not who.
          final String party = alias.party() ? alias.partyAt(day) : null;
          if (party != null && alias.ambiguity() == Ambiguity.CONFIRM) {
            if (unconfirmed == null) {
              unconfirmed = new ArrayList<>();
              unconfirmedParties = new ArrayList<>();
            }
            unconfirmed.add(new int[] {spans[1 + 2 * i]});
            unconfirmedParties.add(party);
          } else if (party != null && !(alias.whereAfterLocative() && afterLocative(text, spans, i))
              && !(alias.ambiguity() == Ambiguity.PERSONAL && partOfAPersonsName(text, spans, i, len))) {
            counts.merge(party, 1, Integer::sum);
            for (int m = 0; m < marks.length; m++) {
              if (spans[1 + 2 * i] < marks[m]) {
                before.get(m).merge(party, 1, Integer::sum);
              }
            }
          }
          if (alias.place()) {
            places.add(name);
          }
          matched = len;
        }
      }
      i += Math.max(1, matched);
    }
    for (int u = 0; unconfirmed != null && u < unconfirmed.size(); u++) {
      final String party = unconfirmedParties.get(u);
      if (counts.containsKey(party)) { // named otherwise too: "Georgia" with "Tbilisi" is the state
        counts.merge(party, 1, Integer::sum);
        for (int m = 0; m < marks.length; m++) {
          if (unconfirmed.get(u)[0] < marks[m]) {
            before.get(m).merge(party, 1, Integer::sum);
          }
        }
      }
    }
    return new Mentions(counts, new ArrayList<>(places), before);
  }

  /**
   * Whether the name at tokens {@code i}..{@code i+len-1} is part of a person's name: right after a
   * capitalised word in mid-sentence ("Michael Jordan") or right before one ("Jordan Bardella",
   * "Chad Smith"), where that word starts no known name.
   */
  private boolean partOfAPersonsName(final String text, final int[] spans, final int i, final int len) {
    final int next = i + len;
    if (next < spans[0] && joined(text, spans, next - 1) && aCapitalisedWordNamingNothing(text, spans, next)) {
      return true;
    }
    return i > 0 && joined(text, spans, i - 1) && aCapitalisedWordNamingNothing(text, spans, i - 1)
        && !sentenceStart(text, spans, i - 1);
  }

  /** Whether tokens {@code a} and {@code a + 1} are separated by one space only. */
  private static boolean joined(final String text, final int[] spans, final int a) {
    final int gapFrom = spans[2 + 2 * a];
    return spans[1 + 2 * (a + 1)] - gapFrom == 1 && text.charAt(gapFrom) == ' ';
  }

  /** Whether token {@code k} is a capitalised word (no digits, no dots) that starts no alias. */
  private boolean aCapitalisedWordNamingNothing(final String text, final int[] spans, final int k) {
    final int from = spans[1 + 2 * k];
    final int to = spans[2 + 2 * k];
    if (!Character.isUpperCase(text.charAt(from)) || to - from < 2) {
      return false;
    }
    for (int c = from + 1; c < to; c++) {
      if (!Character.isLowerCase(text.charAt(c))) {
        return false; // "US", "U.N.", "McCain" and the like are not read as a given name or surname
      }
    }
    return !firstWords.contains(text.substring(from, to));
  }

  /** Whether token {@code k} starts a sentence, a headline or a paragraph. */
  private static boolean sentenceStart(final String text, final int[] spans, final int k) {
    int c = spans[1 + 2 * k] - 1;
    while (c >= 0 && (text.charAt(c) == ' ' || text.charAt(c) == '"' || text.charAt(c) == '“' || text.charAt(c) == '\'')) {
      c--;
    }
    return c < 0 || ".!?:\n\r".indexOf(text.charAt(c)) >= 0;
  }

  private static final Set<String> LOCATIVES = Set.of("in", "at", "to", "from", "near", "outside", "inside", "into",
      "In", "At", "To", "From", "Near", "Outside", "Inside", "Into");

  /** Whether token {@code i} follows a locative preposition. */
  private static boolean afterLocative(final String text, final int[] spans, final int i) {
    return i > 0 && LOCATIVES.contains(text.substring(spans[1 + 2 * (i - 1)], spans[2 + 2 * (i - 1)]));
  }

  /**
   * Whether the token {@code text[from, to)} (curly apostrophes read as straight ones), or the
   * token without a final period, has the hash of a first word: the test below on the word cut
   * out, by its hash alone.
   */
  private boolean mayStartAnAlias(final String text, final int from, final int to) {
    int h = 0;
    for (int k = from; k < to - 1; k++) {
      h = 31 * h + apostrophe(text.charAt(k));
    }
    final char last = text.charAt(to - 1);
    return Arrays.binarySearch(firstWordHashes, 31 * h + apostrophe(last)) >= 0
        || last == '.' && Arrays.binarySearch(firstWordHashes, h) >= 0;
  }

  private static char apostrophe(final char c) {
    return c == '’' ? '\'' : c;
  }

  /**
   * The token count, then each token's start and end: one array, where a list of pairs cost an
   * allocation a word on every article.
   */
  private static int[] tokens(final String text) {
    // Sized for English, about six characters a word with its space: growing the array cost more than the scan.
    int[] spans = new int[1 + 2 * (text.length() / 6 + 4)];
    int count = 0;
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      final char c = i < text.length() ? text.charAt(i) : ' ';
      final boolean word = Character.isLetterOrDigit(c) || c == '.' || c == '\'' || c == '’';
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        int s0 = start;
        while (s0 < i && (text.charAt(s0) == '.' || text.charAt(s0) == '\'' || text.charAt(s0) == '’')) {
          s0++; // leading dots and quotes are punctuation
        }
        int e = i;
        while (e > s0 && (text.charAt(e - 1) == '\'' || text.charAt(e - 1) == '’')) {
          e--; // closing quotes too
        }
        if (e - s0 > 2 && text.charAt(e - 1) == 's' && (text.charAt(e - 2) == '\'' || text.charAt(e - 2) == '’')) {
          e -= 2; // a possessive names what it possesses: "Asmara's envoy" is Eritrea's
        }
        if (e > s0) {
          if (2 + 2 * count >= spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
          }
          spans[1 + 2 * count] = s0;
          spans[2 + 2 * count] = e;
          count++;
        }
        start = -1;
      }
    }
    spans[0] = count;
    return spans;
  }

  /** Tokens {@code i}..{@code i+len-1} joined by their separators: hyphens kept, other runs as one space. */
  private static String phrase(final String text, final int[] spans, final int i, final int len) {
    final StringBuilder sb = new StringBuilder();
    for (int k = i; k < i + len; k++) {
      if (k > i) {
        final int from = spans[2 + 2 * (k - 1)];
        final int to = spans[1 + 2 * k];
        if (to - from == 1 && text.charAt(from) == '-') {
          sb.append('-');
        } else if (blank(text, from, to)) {
          sb.append(' ');
        } else {
          return "\u0000"; // a comma, bracket or dash splits names
        }
      }
      sb.append(text, spans[1 + 2 * k], spans[2 + 2 * k]);
    }
    return sb.toString().replace('’', '\'');
  }

  /** {@code text.substring(from, to).isBlank()}, without the substring. */
  private static boolean blank(final String text, final int from, final int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The track of a story: the known track whose parties are all mentioned, most mentioned first;
   * else the one strong track of its sole non-mediator party; weak tracks (a mediator and one party) only when no strong one matches, and folded into the
   * track they serve when the resource says so; else the two most-mentioned countries, parties before
   * mediators, in alphabetical order; else none.
   */
  public Optional<String> track(final Map<String, Integer> counts) {
    Optional<String> best = bestTrack(counts, false);
    if (best.isEmpty()) {
      best = soleParty(counts);
    }
    if (best.isEmpty()) {
      best = bestTrack(counts, true);
    }
    if (best.isPresent()) {
      return best;
    }
    // Parties first, mediators only to complete a pair ("US tariffs on Brazil" is a US-BR story).
    final List<String> principals = counts.entrySet().stream()
        // Ties go to the first named (the counts keep the order of first mention; the sort is stable).
        .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> mediators.contains(e.getKey()))
            .thenComparing(Map.Entry.<String, Integer>comparingByValue().reversed()))
        .map(Map.Entry::getKey).limit(2).sorted().collect(Collectors.toList());
    return principals.size() == 2 ? Optional.of(principals.get(0) + "-" + principals.get(1)) : Optional.empty();
  }

  /**
   * The track of a coercive measure, from the headline's mentions in their
   * order: the one who acts is named first and the one it targets next ("Trump doubles India
   * tariff over Russian oil" is US-IN, whatever else the story names; the US is no mediator when it
   * imposes tariffs). A pair that is a weak track is filed where that track folds into.
   */
  public Optional<String> measureTrack(final Map<String, Integer> headlineCounts) {
    final List<String> firstTwo = headlineCounts.keySet().stream().limit(2).sorted().collect(Collectors.toList());
    if (firstTwo.size() < 2) {
      return Optional.empty();
    }
    for (final Track track : tracks) {
      if (track.parties().size() == 2 && track.parties().containsAll(firstTwo)) {
        return Optional.of(track.foldInto() != null ? track.foldInto() : track.id());
      }
    }
    return Optional.of(firstTwo.get(0) + "-" + firstTwo.get(1));
  }

  /** Whether {@code counts} name two or more parties that are not usual mediators or hosts. */
  public boolean namesTwoParties(final Map<String, Integer> counts) {
    return counts.keySet().stream().filter(c -> !mediators.contains(c)).count() >= 2;
  }

  /** Whether {@code counts} name a party that is not a usual mediator or host. */
  public boolean namesAParty(final Map<String, Integer> counts) {
    for (final String code : counts.keySet()) {
      if (!mediators.contains(code)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A story whose only non-mediator party belongs to exactly one strong track is on that track:
   * "the ceasefire in Gaza came into force after Hamas …" is IL-PS even if Israel goes unnamed.
   */
  private Optional<String> soleParty(final Map<String, Integer> counts) {
    final List<String> parties = counts.keySet().stream().filter(c -> !mediators.contains(c)).collect(Collectors.toList());
    if (parties.size() != 1) {
      return Optional.empty();
    }
    final List<Track> on = tracks.stream().filter(t -> !t.weak() && t.parties().contains(parties.get(0)))
        .collect(Collectors.toList());
    return on.size() == 1 ? Optional.of(on.get(0).id()) : Optional.empty();
  }

  private Optional<String> bestTrack(final Map<String, Integer> counts, final boolean weak) {
    String best = null;
    int bestScore = 0;
    for (final Track track : tracks) {
      if (track.weak() != weak || !counts.keySet().containsAll(track.parties())) {
        continue;
      }
      final int score = track.parties().stream().mapToInt(counts::get).sum();
      if (score > bestScore) {
        bestScore = score;
        best = track.foldInto() != null ? track.foldInto() : track.id();
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * What a text mentions.
   *
   * @param counts mentions per country (parties only, venues excluded), in order of first mention
   * @param places places and venues, in order of first mention
   * @param before for each mark asked of {@link #find(String, long, int...)}, the counts before it
   */
  public record Mentions(Map<String, Integer> counts, List<String> places, List<Map<String, Integer>> before) {

    public Mentions(final Map<String, Integer> counts, final List<String> places) {
      this(counts, places, List.of());
    }

    /** Countries, most mentioned first. */
    public List<String> actors() {
      return counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .map(Map.Entry::getKey).collect(Collectors.toList());
    }
  }
}
