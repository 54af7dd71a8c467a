package io.parley.processor.signals;

import io.parley.processor.text.ArticleText;
import io.parley.processor.text.Sentences;
import io.parley.schemas.Salience;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codes the diplomatic signals of one article (SPEC §4) with {@link SignalRules}. Pure and
 * thread-safe: the rules are compiled once, nothing is shared between calls.
 *
 * <p>Per sentence and type: a trigger ("truce", "tariffs", "talks" …) outside a sense guard
 * ("price war", "climbers", "school board") opens the type; the first mode rule whose cue lies
 * near the trigger gives the mode. Negation right before the trigger or cue ("no ceasefire was
 * announced", "did not meet") suppresses it; modality right before an act ("would impose", "to
 * agree to a ceasefire") turns the act into the type's pending mode (threatened, proposed …).
 * Salience: the headline is HEADLINE, the first sentences LEDE, a sentence with a background cue
 * ("last month", "had agreed", "ago") BACKGROUND, the rest BODY. One signal per type and mode per
 * article: the most salient, then the most confident.
 *
 * <p>A mode rule may say what its cue needs in the sentence to mean its mode (a date or venue for a
 * meeting scheduled) and what it means otherwise; a trigger that is only the topic of another
 * thing ("ceasefire talks") turns an act into the pending mode. Last, a mode read from modality or
 * from such a fallback yields to a mode the article asserts outright for the same type, at least as
 * salient: "to hold talks" in a headline whose lede gives the date is one meeting scheduled.
 */
public final class SignalCoder {

  private static final Set<SignalMode> ACTS = EnumSet.of(
      SignalMode.AGREED, SignalMode.SIGNED, SignalMode.HELD, SignalMode.IMPOSED, SignalMode.DELIVERED);
  private static final int MAX_EVIDENCE = 500;
  /** Marks, in a signal's rule, a cue read as its rule's fallback mode ("to hold talks" with no date). */
  private static final String FALLBACK = "+fallback";

  private final SignalRules rules;

  public SignalCoder(final SignalRules rules) {
    this.rules = rules;
  }

  /** The rules version, recorded on each article. */
  public String version() {
    return rules.version();
  }

  /**
   * Codes one article.
   *
   * @param title the headline
   * @param text the plain body text
   * @param parties how many distinct countries the article mentions as parties
   */
  public List<Signal> code(final String title, final String text, final int parties) {
    return code(title, text, Sentences.split(text == null ? "" : text), parties);
  }

  /** Codes one article whose body the caller has already cut into {@code sentences} ({@link Sentences#split}). */
  public List<Signal> code(final String title, final String text, final List<String> sentences, final int parties) {
    return code(ArticleText.of(title, text, sentences), parties);
  }

  /** Codes one article, read through {@code article}'s once-lowered text. */
  public List<Signal> code(final ArticleText article, final int parties) {
    final String title = article.title();
    final List<String> sentences = article.sentences();
    final String whole = article.whole();
    // Types whose trigger cannot occur anywhere in the article are skipped outright: most articles
    // carry one or two types, many none.
    final String lowerWhole = article.lowerWhole();
    final List<SignalRules.TypeRule> active = new ArrayList<>(rules.types().size());
    for (final SignalRules.TypeRule type : rules.types()) {
      if (parties < type.requiresParties() || !type.mayTrigger(lowerWhole)) {
        continue;
      }
      if (!type.outOfContext(whole, lowerWhole)) {
        active.add(type);
      }
    }
    if (active.isEmpty()) {
      return List.of();
    }
    final Map<String, Signal> best = new LinkedHashMap<>();
    if (title != null && !title.isBlank()) {
      final String headline = title.strip();
      codeSentence(headline, headline.toLowerCase(Locale.ROOT), Salience.HEADLINE, active, best);
    }
    final List<String> lowerSentences = article.lowerSentences();
    for (int i = 0; i < sentences.size(); i++) {
      final Salience salience = i < rules.leadSentences() ? Salience.LEDE : Salience.BODY;
      codeSentence(sentences.get(i), lowerSentences.get(i), salience, active, best);
    }
    // A mode read from modality or for want of a date ("to hold talks" in a headline, "to agree a
    // framework") says less than what the article asserts outright about the same type: a direct
    // reading at least as salient stands alone.
    final List<Signal> direct = best.values().stream().filter(sig -> !derived(sig)).toList();
    // Not so for another engagement, told by its instrument: talks proposed after a call held
    // ("the two presidents spoke by phone; their negotiators would meet soon") are news of their own.
    best.values().removeIf(sig -> derived(sig) && direct.stream().anyMatch(d -> d.getType() == sig.getType()
        && d.getMode() != sig.getMode() && level(d) <= level(sig) && sameEngagement(d, sig)));
    final List<Signal> signals = new ArrayList<>(best.values());
    signals.sort(Comparator.comparing(Signal::getSalience).thenComparing(Signal::getType));
    return signals;
  }

  /** One sentence, with {@code lower} its lower-cased form ({@link Locale#ROOT}). */
  private void codeSentence(final String sentence, final String lower, final Salience position,
      final List<SignalRules.TypeRule> active, final Map<String, Signal> best) {
    Salience salience = null; // decided only for sentences that carry a trigger: most carry none
    Boolean mayFrame = null;
    Signal deal = null;
    Signal measure = null;
    for (final SignalRules.TypeRule type : active) {
      if (!type.mayTrigger(lower)) {
        continue;
      }
      final Matcher trigger = type.trigger().matcher(sentence);
      if (!trigger.find()) {
        continue;
      }
      if (type.guarded(sentence, lower)) {
        continue;
      }
      if (salience == null) {
        salience = rules.mayBeBackground(lower) && isBackground(sentence, trigger.start(), trigger.end())
            ? Salience.BACKGROUND : position;
      }
      do { // from the first trigger found above: searching the sentence again would find it again
        if (mayFrame == null) {
          mayFrame = rules.mayFrame(lower);
        }
        if (negatedBefore(sentence, trigger.start()) || mayFrame && framedBefore(sentence, trigger.start())
            || counterfactual(sentence, lower, trigger.start(), trigger.end())) {
          continue;
        }
        final Signal signal = modeFor(type, sentence, lower, trigger.start(), trigger.end(), salience);
        if (signal != null) {
          if (signal.getType() == SignalType.AGREEMENT && signal.getMode() == SignalMode.SIGNED) {
            deal = signal;
          } else if (signal.getType() == SignalType.SANCTIONS && signal.getMode() != SignalMode.EASED) {
            measure = signal; // kept below unless the sentence's deal sets it
            break;
          }
          keepBest(best, signal);
          break;
        }
      } while (trigger.find());
    }
    // A tariff a deal sets ("trade deal with Japan: 15% tariff") is the deal's term, not a measure of its own.
    if (measure != null && deal == null) {
      keepBest(best, measure);
    }
  }

  /**
   * The mode of the best-scoring cue near the trigger: each cue within the window and the same
   * clause scores its rule's tier (earlier rules rank higher: a truce "accepted and then broken"
   * is a violation, a "ceasefire demand rejected" a rejection) minus its distance, so a strong cue
   * far away loses to a weaker one right beside the trigger. A negated cue does not count; an act
   * preceded by modality or an infinitive ("would impose", "to agree to a ceasefire") becomes the
   * type's pending mode; a goal ("talks aimed at easing controls") does too, or drops the signal.
   */
  private Signal modeFor(final SignalRules.TypeRule type, final String sentence, final String lower,
      final int tStart, final int tEnd, final Salience salience) {
    SignalRules.ModeRule bestRule = null;
    SignalMode bestMode = null;
    int bestScore = Integer.MIN_VALUE;
    int bestDistance = 0;
    boolean bestFallback = false;
    // The nearest cue of each mode that presupposes another ("called off" presupposes "planned").
    SignalRules.ModeRule presupposingRule = null;
    SignalMode presupposingMode = null;
    int presupposingDistance = 0;
    boolean presupposingFallback = false;
    // "start ceasefire talks": an act there is the talks', and the truce only their subject.
    final Pattern topicOf = rules.topicOf(type.type());
    final boolean topic = topicOf != null
        && topicOf.matcher(sentence).region(tEnd, sentence.length()).lookingAt();
    for (final SignalRules.ModeRule rule : type.modes()) {
      if (!rule.mayOccur(lower)) {
        continue;
      }
      final Matcher cue = rule.cue().matcher(sentence);
      SignalMode meant = null; // what the rule's cues mean in this sentence: read once, at the first cue near the trigger
      while (cue.find()) {
        final int distance = cue.end() <= tStart
            ? words(sentence, cue.end(), tStart) : cue.start() >= tEnd ? words(sentence, tEnd, cue.start()) : 0;
        if (distance > rules.window() && cue.start() >= tEnd) {
          break; // cues come in order of their start, and past the trigger each is only farther
        }
        if (distance > rules.window() || acrossClauses(sentence, cue, tStart, tEnd) || negatedBefore(sentence, cue.start())
            || cue.start() >= tEnd && subordinateBefore(sentence, cue.start())) {
          continue;
        }
        if (meant == null) {
          meant = rule.modeIn(sentence);
        }
        final SignalMode mode = topic && ACTS.contains(meant) ? type.pending()
            : effectiveMode(type, meant, sentence, cue.start());
        if (mode == null) {
          continue;
        }
        if (presupposingRule == null && mode == meant && rules.hasPresupposition(mode)) {
          presupposingRule = rule;
          presupposingMode = mode;
          presupposingDistance = distance;
          presupposingFallback = meant != rule.mode();
        }
        // A cue counts at the tier of the mode it ends up meaning: "to meet in" is a proposal.
        final int score = (type.modes().size() - tierOf(type, mode)) * rules.tierWeight() - distance;
        if (score > bestScore) {
          bestRule = rule;
          bestMode = mode;
          bestFallback = meant != rule.mode();
          bestScore = score;
          bestDistance = distance;
        }
      }
    }
    if (bestRule != null && presupposingRule != null && rules.presupposes(presupposingMode, bestMode)) {
      bestRule = presupposingRule;
      bestMode = presupposingMode;
      bestDistance = presupposingDistance;
      bestFallback = presupposingFallback;
    }
    return bestRule == null ? null
        : build(type, bestMode, bestRule, sentence, sentence.substring(tStart, tEnd), salience, bestDistance, bestFallback);
  }

  /** The mode a cue means in context, or null when a goal drops it. */
  private SignalMode effectiveMode(final SignalRules.TypeRule type, final SignalMode mode, final String sentence,
      final int cueStart) {
    final boolean goal = rules.goal() != null && rules.goal().matcher(lastWords(sentence, cueStart, 3)).find();
    if (goal && type.dropWhenGoal().contains(mode)) {
      return null;
    }
    if (ACTS.contains(mode) && (goal || irrealisBefore(sentence, cueStart))) {
      return type.pending();
    }
    return mode;
  }

  private static int tierOf(final SignalRules.TypeRule type, final SignalMode mode) {
    for (int i = 0; i < type.modes().size(); i++) {
      if (type.modes().get(i).mode() == mode) {
        return i;
      }
    }
    return type.modes().size() - 1;
  }

  /**
   * Whether the trigger's clause says what did not happen, within {@link SignalRules#window()}
   * words of it: "tariffs could have risen to 145 %", "a draft that would have kept the suspension
   * in place" report no measure, no easing and no threat.
   */
  private boolean counterfactual(final String sentence, final String lower, final int tStart, final int tEnd) {
    if (rules.counterfactual() == null || !lower.contains(" have ")) {
      return false; // most sentences: no regex run
    }
    final Matcher m = rules.counterfactual().matcher(sentence);
    while (m.find()) {
      final int distance = m.end() <= tStart ? words(sentence, m.end(), tStart)
          : m.start() >= tEnd ? words(sentence, tEnd, m.start()) : 0;
      if (distance <= rules.window() && !acrossClauses(sentence, m, tStart, tEnd)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the cue after a trigger opens a condition or a time of its own ("pledge forces for
   * Ukraine once fighting stops"): what stops there is the fighting, not the aid.
   */
  private static boolean subordinateBefore(final String sentence, final int cueStart) {
    return SUBORDINATE.matcher(lastWords(sentence, cueStart, 3)).find();
  }

  private static final Pattern SUBORDINATE = Pattern.compile("\\b(?:once|until|till|unless|if|when|whenever)\\b",
      Pattern.CASE_INSENSITIVE);

  /** Whether a clause break lies between the cue and the trigger. */
  private boolean acrossClauses(final String sentence, final Matcher cue, final int tStart, final int tEnd) {
    if (rules.clauseBreak() == null) {
      return false;
    }
    final int from = Math.min(cue.end(), tEnd);
    final int to = Math.max(cue.start(), tStart);
    return from < to && rules.clauseBreak().matcher(sentence.substring(from, to)).find();
  }

  /**
   * A background cue outside every background exception span, in the clause of the trigger at
   * {@code [tStart, tEnd)}: "he spoke with the Taliban's chief …; the Taliban had announced a day
   * earlier …" reports a call as news, whatever its other clause recalls.
   */
  private boolean isBackground(final String sentence, final int tStart, final int tEnd) {
    final Matcher cue = rules.background().matcher(sentence);
    while (cue.find()) {
      if (!insideException(sentence, cue.start(), cue.end())
          && (!acrossClauses(sentence, cue, tStart, tEnd) || quoteOpensBetween(sentence, cue.end(), tStart))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a quotation opens between {@code from} and {@code to}: the words quoted after "had
   * warned:" are what was said then, whatever clauses they hold ("… but if I think it was their
   * fault, I am going to put tariffs …").
   */
  private static boolean quoteOpensBetween(final String sentence, final int from, final int to) {
    for (int i = from; i < to && i < sentence.length(); i++) {
      final char c = sentence.charAt(i);
      if (c == '“' || c == '"' && (i == 0 || !Character.isLetterOrDigit(sentence.charAt(i - 1)))) {
        return true;
      }
    }
    return false;
  }

  private boolean insideException(final String sentence, final int start, final int end) {
    if (rules.backgroundExceptions() == null) {
      return false;
    }
    final Matcher exception = rules.backgroundExceptions().matcher(sentence);
    while (exception.find()) {
      if (exception.start() <= start && end <= exception.end()) {
        return true;
      }
    }
    return false;
  }

  private Signal build(final SignalRules.TypeRule type, final SignalMode mode, final SignalRules.ModeRule rule,
      final String sentence, final String triggerText, final Salience salience, final int distance,
      final boolean fallback) {
    final String[] codes = rules.codes(type.type(), mode);
    double confidence = rule.confidence() - 0.01 * distance;
    if (salience == Salience.HEADLINE || salience == Salience.LEDE) {
      confidence += 0.1;
    } else if (salience == Salience.BACKGROUND) {
      confidence -= 0.1;
    }
    if (mode != rule.mode()) {
      confidence -= 0.05;
    }
    return Signal.newBuilder()
        .setType(type.type())
        .setMode(mode)
        .setInstrument(instrument(type, triggerText))
        .setEvidence(sentence.length() > MAX_EVIDENCE ? sentence.substring(0, MAX_EVIDENCE - 1) + "…" : sentence)
        .setCameo(codes[0])
        .setPlover(codes[1])
        .setSalience(salience)
        .setConfidence(Math.round(Math.max(0.05, Math.min(0.99, confidence)) * 100) / 100.0)
        .setRule(rule.id() + (fallback ? FALLBACK : mode != rule.mode() ? "+modal" : ""))
        .build();
  }

  private static String instrument(final SignalRules.TypeRule type, final String triggerText) {
    for (final SignalRules.InstrumentRule rule : type.instruments()) {
      if (rule.pattern().matcher(triggerText).find()) {
        return rule.instrument();
      }
    }
    return null;
  }

  private boolean negatedBefore(final String sentence, final int pos) {
    return rules.negation().matcher(lastWords(sentence, pos, rules.negationReach())).find();
  }

  /** A frame ("once a", "until the", "after any") just before {@code pos}: the instrument is another act's condition. */
  private boolean framedBefore(final String sentence, final int pos) {
    return rules.frame() != null && rules.frame().matcher(lastWords(sentence, pos, 8)).find();
  }

  /** Modality within reach before {@code pos}, or an infinitive "to" right before it. */
  private boolean irrealisBefore(final String sentence, final int pos) {
    if (rules.irrealis().matcher(lastWords(sentence, pos, rules.irrealisReach())).find()) {
      return true;
    }
    return lastWords(sentence, pos, 1).strip().equalsIgnoreCase("to");
  }

  /** The {@code n} words before {@code pos}, stopping at a clause break (comma, dash, colon, semicolon). */
  static String lastWords(final String s, final int pos, final int n) {
    int i = pos;
    int words = 0;
    boolean inWord = false;
    while (i > 0) {
      final char c = s.charAt(i - 1);
      if (c == ',' || c == ';' || c == ':' || c == '—' || c == '–' || c == '(' || c == '"' || c == '“' || c == '”') {
        break;
      }
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words++;
          inWord = false;
          if (words == n) {
            break;
          }
        }
      } else {
        inWord = true;
      }
      i--;
    }
    return s.substring(i, pos);
  }

  /**
   * Words between two positions: the pieces of the stripped span between runs of {@code \s}
   * ({@code substring(from, to).strip()} split on {@code \s+}), counted in one scan — it runs for
   * every cue found, and the split allocated a string and an array each time.
   */
  static int words(final String s, final int from, final int to) {
    int a = from;
    int b = to;
    while (a < b && Character.isWhitespace(s.charAt(a))) {
      a++;
    }
    while (b > a && Character.isWhitespace(s.charAt(b - 1))) {
      b--;
    }
    if (a >= b) {
      return 0;
    }
    int words = 1;
    boolean inSpace = false;
    for (int i = a; i < b; i++) {
      final boolean space = isRegexSpace(s.charAt(i));
      if (space && !inSpace) {
        words++;
      }
      inSpace = space;
    }
    return words;
  }

  /** What {@code \s} matches without UNICODE_CHARACTER_CLASS. */
  private static boolean isRegexSpace(final char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** How much a signal is the article's news: headline and lede alike, then body, then background. */
  private static int level(final Signal signal) {
    return signal.getSalience() == Salience.HEADLINE ? 0 : signal.getSalience().ordinal() - 1;
  }

  /**
   * Whether two signals of a type may be one engagement: the same instrument, or either one's only
   * the type's catch-all (a "meeting"). A call and talks are two.
   */
  private static boolean sameEngagement(final Signal a, final Signal b) {
    return a.getInstrument() == null || b.getInstrument() == null || a.getInstrument().equals(b.getInstrument())
        || a.getType() != SignalType.MEETING || GENERIC_MEETING.equals(a.getInstrument())
        || GENERIC_MEETING.equals(b.getInstrument());
  }

  /** The catch-all instrument of a meeting, which tells no engagement from another. */
  private static final String GENERIC_MEETING = "MEETING";

  /** Whether a signal's mode was read from modality or a fallback rather than its cue as written. */
  private static boolean derived(final Signal signal) {
    return signal.getRule().contains("+modal") || signal.getRule().contains(FALLBACK);
  }

  private static void keepBest(final Map<String, Signal> best, final Signal signal) {
    best.merge(signal.getType() + "/" + signal.getMode(), signal, (a, b) -> {
      final int bySalience = a.getSalience().compareTo(b.getSalience());
      if (bySalience != 0) {
        return bySalience < 0 ? a : b;
      }
      return a.getConfidence() >= b.getConfidence() ? a : b;
    });
  }
}
