package io.parley.processor.signals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The signal rules of {@code rules.json}, compiled once. Rules are data so that editors can tune
 * them without a release; {@link #version()} is recorded on every article they code.
 */
public final class SignalRules {

  /** The bundled rules. */
  public static final String RESOURCE = "/io/parley/processor/signals/rules.json";

  // ASCII case folding: the rules are English, and Unicode-aware folding costs several times more.
  private static final int FLAGS = Pattern.CASE_INSENSITIVE;

  /**
   * One mode of one type, with the cue that selects it; when the sentence does not match
   * {@code requires}, or matches {@code unless}, the cue means {@code otherwise} ("will meet" with
   * no date or venue is a meeting proposed, not scheduled; "landed" for a meeting expected later in
   * the week is one scheduled, not held).
   */
  public record ModeRule(String id, SignalMode mode, Pattern cue, double confidence, List<String> keywords,
      Pattern requires, Pattern unless, SignalMode otherwise) {

    public ModeRule(final String id, final SignalMode mode, final Pattern cue, final double confidence,
        final List<String> keywords) {
      this(id, mode, cue, confidence, keywords, null, null, null);
    }

    /** The mode this cue means in {@code sentence}. */
    public SignalMode modeIn(final String sentence) {
      if (otherwise == null) {
        return mode;
      }
      final boolean lacking = requires != null && !requires.matcher(sentence).find();
      return lacking || unless != null && unless.matcher(sentence).find() ? otherwise : mode;
    }

    /** Whether the cue may occur in {@code lower}, the lower-cased sentence (see {@link Keywords}). */
    public boolean mayOccur(final String lower) {
      return keywords == null || Keywords.anyIn(keywords, lower);
    }
  }

  /** The instrument named when {@code pattern} matches the trigger. */
  public record InstrumentRule(Pattern pattern, String instrument) {}

  /**
   * Everything about one signal type. The type is out of context in an article that matches
   * {@code contextGuard} but not {@code contextUnless} (either may be null).
   */
  public record TypeRule(SignalType type, Pattern trigger, Pattern guards, Pattern contextGuard,
      Pattern contextUnless, SignalMode pending,
      Set<SignalMode> dropWhenGoal, int requiresParties, List<InstrumentRule> instruments,
      List<ModeRule> modes, List<String> keywords, Guards keywordsOf) {

    /**
     * Whether the trigger may match in {@code lower}, the lower-cased text: false only when none
     * of the literals every trigger match starts with occurs in it (see {@link Keywords}).
     */
    public boolean mayTrigger(final String lower) {
      return keywords == null || Keywords.anyIn(keywords, lower);
    }

    /** Whether a sense guard matches {@code sentence} ({@code lower} is it lower-cased). */
    public boolean guarded(final String sentence, final String lower) {
      return guards != null && may(keywordsOf.guards(), lower) && guards.matcher(sentence).find();
    }

    /** Whether the type is out of context in the article {@code whole} ({@code lower} is it lower-cased). */
    public boolean outOfContext(final String whole, final String lower) {
      return contextGuard != null && may(keywordsOf.context(), lower) && contextGuard.matcher(whole).find()
          && (contextUnless == null || !(may(keywordsOf.unless(), lower) && contextUnless.matcher(whole).find()));
    }

    private static boolean may(final List<String> words, final String lower) {
      return words == null || Keywords.anyIn(words, lower);
    }
  }

  /**
   * Literals that every match of a type's guard, context guard and context exception contains
   * (null: unknown, always try the pattern): most sentences and articles contain none, and are
   * ruled out by substring search before the case-insensitive alternation runs.
   */
  public record Guards(List<String> guards, List<String> context, List<String> unless) {

    static Guards of(final JsonNode type) {
      return new Guards(keywords(type, "guards"), keywords(type, "contextGuard"), keywords(type, "contextUnless"));
    }

    private static List<String> keywords(final JsonNode type, final String field) {
      return type.hasNonNull(field) ? Keywords.of(type.get(field).asText()).orElse(null) : null;
    }
  }

  private final String version;
  private final int window;
  private final Pattern negation;
  private final int negationReach;
  private final Pattern irrealis;
  private final int irrealisReach;
  private final Pattern background;
  private final List<String> backgroundKeywords;
  private final Pattern backgroundExceptions;
  private final int leadSentences;
  private final int tierWeight;
  private final Pattern clauseBreak;
  private final Pattern goal;
  /** What did not happen: "could have risen", "would have kept" — no act, no threat (optional). */
  private final Pattern counterfactual;
  private final Pattern frame;
  private final List<String> frameKeywords;
  private final Map<SignalMode, Set<SignalMode>> presupposes = new EnumMap<>(SignalMode.class);
  private final List<TypeRule> types;
  /** Per type, what after its trigger makes the trigger the topic of another thing ("ceasefire talks"). */
  private final Map<SignalType, Pattern> topicOf = new EnumMap<>(SignalType.class);
  private final Map<SignalType, Map<SignalMode, String[]>> codes;

  private SignalRules(final JsonNode root) {
    this.version = root.path("version").asText();
    this.window = root.path("window").asInt(14);
    this.negation = compile(root, "negation");
    this.negationReach = root.path("negationReach").asInt(4);
    this.irrealis = compile(root, "irrealis");
    this.irrealisReach = root.path("irrealisReach").asInt(4);
    this.background = compile(root, "background");
    this.backgroundKeywords = Keywords.of(root.path("background").asText()).orElse(null);
    this.backgroundExceptions = root.hasNonNull("backgroundExceptions") ? compile(root, "backgroundExceptions") : null;
    this.leadSentences = root.path("leadSentences").asInt(2);
    this.tierWeight = root.path("tierWeight").asInt(4);
    this.clauseBreak = root.hasNonNull("clauseBreak") ? compile(root, "clauseBreak") : null;
    this.goal = root.hasNonNull("goal") ? compile(root, "goal") : null;
    this.counterfactual = root.hasNonNull("counterfactual") ? compile(root, "counterfactual") : null;
    this.frame = root.hasNonNull("frame") ? compile(root, "frame") : null;
    this.frameKeywords = root.hasNonNull("frame") ? Keywords.of(root.path("frame").asText()).orElse(null) : null;
    root.path("presupposes").fields().forEachRemaining(e -> {
      final Set<SignalMode> before = EnumSet.noneOf(SignalMode.class);
      e.getValue().forEach(m -> before.add(SignalMode.valueOf(m.asText())));
      presupposes.put(SignalMode.valueOf(e.getKey()), before);
    });
    this.types = new ArrayList<>();
    for (final JsonNode t : root.path("types")) {
      final List<InstrumentRule> instruments = new ArrayList<>();
      t.path("instruments").forEach(i -> instruments.add(
          new InstrumentRule(compile(i, "pattern"), i.path("instrument").asText())));
      final List<ModeRule> modes = new ArrayList<>();
      t.path("modes").forEach(m -> modes.add(new ModeRule(m.path("id").asText(),
          SignalMode.valueOf(m.path("mode").asText()), compile(m, "cue"), m.path("confidence").asDouble(0.7),
          Keywords.of(m.path("cue").asText()).orElse(null),
          m.hasNonNull("requires") ? compile(m, "requires") : null,
          m.hasNonNull("unless") ? compile(m, "unless") : null,
          m.hasNonNull("otherwise") ? SignalMode.valueOf(m.path("otherwise").asText()) : null)));
      if (t.hasNonNull("topicOf")) {
        topicOf.put(SignalType.valueOf(t.path("type").asText()), compile(t, "topicOf"));
      }
      final Set<SignalMode> drop = EnumSet.noneOf(SignalMode.class);
      t.path("dropWhenGoal").forEach(m -> drop.add(SignalMode.valueOf(m.asText())));
      types.add(new TypeRule(SignalType.valueOf(t.path("type").asText()), compile(t, "trigger"),
          t.hasNonNull("guards") ? compile(t, "guards") : null,
          t.hasNonNull("contextGuard") ? compile(t, "contextGuard") : null,
          t.hasNonNull("contextUnless") ? compile(t, "contextUnless") : null,
          SignalMode.valueOf(t.path("pending").asText()), drop,
          t.path("requiresParties").asInt(1), List.copyOf(instruments), List.copyOf(modes),
          Keywords.of(t.path("trigger").asText()).orElse(null), Guards.of(t)));
    }
    this.codes = new EnumMap<>(SignalType.class);
    root.path("codes").fields().forEachRemaining(e -> {
      final String[] typeMode = e.getKey().split("/");
      codes.computeIfAbsent(SignalType.valueOf(typeMode[0]), k -> new EnumMap<>(SignalMode.class))
          .put(SignalMode.valueOf(typeMode[1]), new String[] {e.getValue().get(0).asText(), e.getValue().get(1).asText()});
    });
  }

  /** Loads the bundled rules. */
  public static SignalRules bundled() {
    try (InputStream in = SignalRules.class.getResourceAsStream(RESOURCE)) {
      return parse(in);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Parses a rules document.
   *
   * @throws IllegalArgumentException naming the field of a bad pattern or value
   */
  public static SignalRules parse(final InputStream in) throws IOException {
    return new SignalRules(new ObjectMapper().readTree(in));
  }

  private static Pattern compile(final JsonNode node, final String field) {
    final String regex = node.path(field).asText(null);
    if (regex == null) {
      throw new IllegalArgumentException("rules: missing pattern '" + field + "'");
    }
    try {
      Pattern.compile(regex, FLAGS); // an editor's mistake is reported in the pattern as written
      // Behind a lookahead for its first characters: the same matches, most positions ruled out at once.
      return Pattern.compile(FirstChars.guard(regex), FLAGS);
    } catch (final PatternSyntaxException e) {
      throw new IllegalArgumentException("rules: bad pattern '" + field + "': " + e.getDescription(), e);
    }
  }

  public String version() {
    return version;
  }

  public int window() {
    return window;
  }

  public Pattern negation() {
    return negation;
  }

  public int negationReach() {
    return negationReach;
  }

  public Pattern irrealis() {
    return irrealis;
  }

  public int irrealisReach() {
    return irrealisReach;
  }

  public Pattern background() {
    return background;
  }

  /** Whether a background cue may occur in {@code lower}, the lower-cased sentence. */
  public boolean mayBeBackground(final String lower) {
    return backgroundKeywords == null || Keywords.anyIn(backgroundKeywords, lower);
  }

  /** Spans in which a background cue does not count (reported speech, comparisons), or null. */
  public Pattern backgroundExceptions() {
    return backgroundExceptions;
  }

  public int leadSentences() {
    return leadSentences;
  }

  /** Score per tier of a mode rule: the first mode listed of a type has the highest tier. */
  public int tierWeight() {
    return tierWeight;
  }

  /** What separates clauses ("but", "while", ";" …): a cue never reaches across it, or null. */
  public Pattern clauseBreak() {
    return clauseBreak;
  }

  /**
   * What, right after a trigger of {@code type}, makes the trigger the topic of another thing —
   * "ceasefire talks", "truce plan": the talks start, the truce does not — or null.
   */
  public Pattern topicOf(final SignalType type) {
    return topicOf.get(type);
  }

  /**
   * What, in the few words before a trigger, makes the instrument only the frame of another act
   * ("troops deployed once a ceasefire is in place", "until a truce"): no signal of its own. Or null.
   */
  public Pattern frame() {
    return frame;
  }

  /** Whether a sentence (lower-cased) may hold a frame at all: most hold none of its words. */
  public boolean mayFrame(final String lower) {
    return frame != null && (frameKeywords == null || Keywords.anyIn(frameKeywords, lower));
  }

  /**
   * Whether {@code mode} presupposes {@code earlier}: a meeting called off was planned, so "the
   * planned visit will not go ahead" is a cancellation however close "planned" stands to "visit".
   */
  public boolean presupposes(final SignalMode mode, final SignalMode earlier) {
    return presupposes.getOrDefault(mode, Set.of()).contains(earlier);
  }

  /** Whether {@code mode} presupposes any other. */
  public boolean hasPresupposition(final SignalMode mode) {
    return presupposes.containsKey(mode);
  }

  /** Goal phrases ("aimed at", "seeking to"), or null. */
  public Pattern counterfactual() {
    return counterfactual;
  }

  public Pattern goal() {
    return goal;
  }

  public List<TypeRule> types() {
    return types;
  }

  /** CAMEO and PLOVER codes of a type and mode: {@code [cameo, plover]}. */
  public String[] codes(final SignalType type, final SignalMode mode) {
    final String[] c = codes.getOrDefault(type, Map.of()).get(mode);
    return c == null ? new String[] {"", ""} : c;
  }
}
