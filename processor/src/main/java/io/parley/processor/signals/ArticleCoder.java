package io.parley.processor.signals;

import io.parley.processor.normalize.Normalizer;
import io.parley.processor.text.ArticleText;
import io.parley.schemas.Article;
import io.parley.schemas.ParleyRecords;
import io.parley.schemas.Salience;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Adds actors, places, track, signals, horizon and the rules version to a normalized article. Pure. */
public final class ArticleCoder {

  /**
   * Two names joined by a hyphen or a dash, no space, before a word for an engagement: "EU-US
   * trade deal", "U.S.-China talks", "Israel–Hamas ceasefire", "Trump-Putin call" (not a
   * "Russian-Chinese bid", whose pair is the bid's sponsors, not the story's parties).
   */
  /** Whether {@code lower} is a trade story; a substring search first, as most texts are not. */
  private static boolean isTrade(final String lower) {
    return Keywords.anyIn(TRADE_WORDS, lower) && TRADE.matcher(lower).find();
  }

  private static final List<String> TRADE_WORDS = List.of("trade", "tariff", "duties", "export", "import");

  /** Words of a trade story: there the United States or the EU is a party, never a go-between. */
  private static final Pattern TRADE = Pattern.compile("\\b(?:trade|tariffs?|duties|exports?|imports?)\\b");

  private static final Pattern PAIR = Pattern.compile("(\\p{L}[\\p{L}.]*)[-–](\\p{L}[\\p{L}.]*)\\s+(?:trade\\s+|peace\\s+)?"
      + "(?i:talks|summit|ceasefire|truce|deal|treaty|peace|war|meeting|call|agreement|accord|negotiations|tariffs?|"
      + "relations|border|conflict|framework|declaration|statement|arrangement|pact|dialogue|rapprochement)\\b");

  /** What follows a pair's engagement word when the pair are its sponsors: "US-Saudi truce plan". */
  private static final Pattern SPONSORED = Pattern.compile("\\s*(?i:plan|proposal|initiative|paper|draft|offer|blueprint|roadmap|mediation)\\b");

  /** The sentences of the body that, with the headline, carry an article's news. */
  private static final int LEAD_SENTENCES = 2;

  /**
   * The most of an article's body that is coded: about 15,000 words, three times the longest news
   * feature, where the news is in the headline and lede anyway. A longer body (the normalizer lets
   * through up to a million characters) is coded on its first this-many characters, cut at a space,
   * and flagged {@value #TEXT_CUT}; its text is kept whole. With sentences bounded too
   * ({@link io.parley.processor.text.Sentences#MAX_CHARS}), this bounds an article's coding time.
   */
  public static final int MAX_CODED_CHARS = 100_000;

  /** Flag of an article whose body was coded only in part. */
  public static final String TEXT_CUT = "TEXT_CUT";

  private final Gazetteer gazetteer;
  private final SignalCoder coder;

  public ArticleCoder(final Gazetteer gazetteer, final SignalCoder coder) {
    this.gazetteer = gazetteer;
    this.coder = coder;
  }

  /** The bundled gazetteer and rules. */
  public static ArticleCoder bundled() {
    return new ArticleCoder(Gazetteer.bundled(), new SignalCoder(SignalRules.bundled()));
  }

  /** Rules and gazetteer versions, as recorded on articles. */
  public String version() {
    return coder.version() + "+g" + gazetteer.version();
  }

  /**
   * The track of the article's news: the parties its headline names, or its headline and lede,
   * when they name two or more and not only mediators and hosts ("Macron and Starmer to host a
   * summit" on Ukraine); else those of the whole text. A long piece names many countries in
   * its background ("US tariffs on India" that recalls Russian oil and Pakistan); its news names the
   * parties of the development.
   */
  private Optional<String> track(final Gazetteer.Mentions all, final boolean measure, final ArticleText text, final long day) {
    final String title = text.title();
    final Optional<String> named = pairNamed(title, day);
    if (named.isPresent()) {
      return named;
    }
    final Map<String, Integer> headline = all.before().get(0);
    if (measure && headline.size() >= 2) {
      return gazetteer.measureTrack(headline);
    }
    if (all.counts().size() <= 2) {
      if (all.counts().size() == 2 && !gazetteer.namesTwoParties(all.counts()) && gazetteer.namesAParty(all.counts())
          && isTrade(text.lowerWhole())) {
        // A usual mediator in a trade story is a principal: the US trade team visiting New Delhi is
        // US-IN, not India's conflict track.
        return gazetteer.measureTrack(all.counts());
      }
      return gazetteer.track(all.counts()); // nothing to choose between
    }
    if (headline.size() >= 2 && gazetteer.namesAParty(headline)) {
      return gazetteer.track(headline);
    }
    final Map<String, Integer> lede = all.before().get(1);
    if (lede.size() >= 2 && (gazetteer.namesAParty(lede) || onlyInPassing(all.counts(), lede))) {
      return gazetteer.track(lede);
    }
    return gazetteer.track(all.counts());
  }

  /**
   * The track a headline names outright with a hyphenated pair — "EU-US trade deal", "Israel-Hamas
   * ceasefire", "U.S.-China talks", "Armenia-Azerbaijan treaty" — whoever else it names: the pair is
   * the engagement's, a reacting leader or a host is not.
   */
  Optional<String> pairNamed(final String title, final long day) {
    if (title == null || title.indexOf('-') < 0 && title.indexOf('–') < 0) {
      return Optional.empty(); // most headlines: no pair, and no regex run over them
    }
    final Matcher m = PAIR.matcher(title);
    while (m.find()) {
      final Map<String, Integer> left = gazetteer.find(m.group(1), day).counts();
      final Map<String, Integer> right = gazetteer.find(m.group(2), day).counts();
      if (left.size() == 1 && right.size() == 1 && !left.keySet().equals(right.keySet())) {
        final Map<String, Integer> pair = new LinkedHashMap<>(left);
        pair.putAll(right);
        if (!gazetteer.namesAParty(pair) && SPONSORED.matcher(title).region(m.end(), title.length()).lookingAt()) {
          continue; // "a US-Saudi truce plan": two go-betweens' plan, for the parties the rest names
        }
        // The pair itself (or the track a weak pair folds into): never another track of one of
        // them — "US-India trade talks" are not on the India-Pakistan track.
        return gazetteer.measureTrack(pair);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the parties the body adds to a lead that names only usual mediators and hosts ("the
   * European Union and the United States reached a framework trade agreement") are named only in
   * passing — less often than the lead's second party: then the lead's pair is the story's, not a
   * country the body mentions once.
   */
  private boolean onlyInPassing(final Map<String, Integer> whole, final Map<String, Integer> lead) {
    final int second = lead.values().stream().sorted(Comparator.reverseOrder()).skip(1).findFirst().orElse(0);
    return whole.entrySet().stream().filter(e -> !lead.containsKey(e.getKey())).allMatch(e -> e.getValue() < second);
  }

  /** Where the lede ends in {@link ArticleText#whole()}: after the first {@link #LEAD_SENTENCES} sentences of the body. */
  private static int ledeEnd(final ArticleText text, final int titleEnd) {
    final String body = text.text() == null ? "" : text.text();
    int at = 0;
    final List<String> sentences = text.sentences();
    for (int k = 0; k < Math.min(LEAD_SENTENCES, sentences.size()); k++) {
      final int found = body.indexOf(sentences.get(k), at);
      if (found < 0) {
        break;
      }
      at = found + sentences.get(k).length();
    }
    return titleEnd + 1 + at;
  }


  /**
   * Whether the article's news is a coercive measure — sanctions, tariffs, export controls — and no
   * meeting, truce, deal or aid: its parties are who acts and who is targeted. (Aid stays on the
   * track of the war it serves.)
   */
  private static boolean isMeasure(final List<Signal> signals) {
    boolean measure = false;
    for (final Signal s : signals) {
      if (s.getSalience() != Salience.HEADLINE && s.getSalience() != Salience.LEDE) {
        continue;
      }
      if (s.getType() == SignalType.SANCTIONS) {
        measure = true;
      } else {
        return false;
      }
    }
    return measure;
  }

  /** A copy of {@code article} with its mentions, track and signals. */
  public Article code(final Article article) {
    if (article.getFlags().contains(Normalizer.NOT_ENGLISH)) {
      // The rules and the gazetteer are English: another language passes through uncoded.
      return Article.newBuilder(article).setRulesVersion(version()).build();
    }
    // Cut and lower-cased once: the signal coder and the horizon both read the body sentence by sentence.
    final String body = article.getText();
    final boolean cut = body != null && body.length() > MAX_CODED_CHARS;
    final ArticleText text = ArticleText.of(article.getTitle(), cut ? firstChars(body, MAX_CODED_CHARS) : body);
    final String whole = text.whole();
    final int titleEnd = text.title() == null ? 0 : text.title().length();
    // Leaders speak for the state they served on the article's day (UTC): "Rutte" is NATO in 2025.
    final long day = article.getPublished() == null ? Gazetteer.UNDATED
        : Math.floorDiv(article.getPublished().toEpochMilli(), 86_400_000L);
    final Gazetteer.Mentions mentions = gazetteer.find(whole, day, titleEnd, ledeEnd(text, titleEnd));
    final Article coded = ParleyRecords.shallowCopy(article, Article::new);
    coded.setActors(mentions.actors());
    coded.setPlaces(mentions.places());
    final List<Signal> signals = coder.code(text, mentions.counts().size());
    coded.setTrack(track(mentions, isMeasure(signals), text, day).orElse(null));
    coded.setSignals(signals);
    coded.setHorizon(Horizon.of(text, article.getPublished()).orElse(null));
    coded.setRulesVersion(version());
    if (cut) {
      final List<String> flags = new ArrayList<>(article.getFlags());
      flags.add(TEXT_CUT);
      coded.setFlags(flags);
    }
    return coded;
  }

  /** The first {@code max} characters of {@code text} or fewer, ending before a space when one is in the last tenth. */
  static String firstChars(final String text, final int max) {
    int end = max;
    while (end > max - max / 10 && !Character.isWhitespace(text.charAt(end))) {
      end--;
    }
    if (!Character.isWhitespace(text.charAt(end))) {
      end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }
    return text.substring(0, end);
  }
}
