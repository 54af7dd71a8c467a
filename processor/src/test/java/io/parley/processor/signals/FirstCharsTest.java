package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.processor.text.Sentences;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The first-character lookahead changes how fast a rule runs, never what it matches. */
class FirstCharsTest {

  private static final Set<String> PATTERN_FIELDS = Set.of("negation", "irrealis", "background", "backgroundExceptions",
      "clauseBreak", "goal", "pattern", "cue", "trigger", "guards", "contextGuard", "contextUnless");

  @Test
  void readsTheFirstCharactersOfEveryAlternative() {
    assertThat(FirstChars.of("\\b(agree(?:s|d)?|reach\\w*)\\b")).hasValue("[ar]");
    assertThat(FirstChars.of("(?<!trade |price )wars?")).hasValue("[w]");
    assertThat(FirstChars.of("a?b*c")).hasValue("[abc]");
    assertThat(FirstChars.of("\\b(\\d+|a) days? ago\\b|\\bago\\b")).hasValue("[\\da]");
    assertThat(FirstChars.of("[^.;]{0,3}x|'ll\\b|\\s(?:but|yet)\\s|;")).hasValue("[[^.;]x\\'\\s\\;]");
    assertThat(FirstChars.of("(?<name>ab|cd)e")).hasValue("[ac]");
    // a lookahead matches no text: what follows it starts the match
    assertThat(FirstChars.of("(?=a)b")).hasValue("[b]");
    assertThat(FirstChars.of("\\b(call(?! for| on )|talks)\\b")).hasValue("[ct]");
  }

  @Test
  void leavesUnguardedWhatItCannotRead() {
    for (final String regex : List.of(".", "a|", "x*", "(?i)a", "(a)\\1", "\\Qa\\E", "[a[b]]", "[a&&b]", "\\p{L}",
        "(?>a)", "a{,2}", "\\n", "(", "[a", "")) {
      assertThat(FirstChars.of(regex)).as(regex).isEmpty();
      assertThat(FirstChars.guard(regex)).as(regex).isEqualTo(regex);
    }
  }

  @Test
  void everyBundledPatternAndDatePatternMatchesExactlyAsWritten() throws Exception {
    final List<String> patterns = bundledPatterns();
    final List<String> texts = texts();
    long matches = 0;
    int guarded = 0;
    for (final String regex : patterns) {
      final Pattern plain = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
      final Pattern fast = Pattern.compile(FirstChars.guard(regex), Pattern.CASE_INSENSITIVE);
      guarded += FirstChars.of(regex).isPresent() ? 1 : 0;
      for (final String text : texts) {
        final Matcher a = plain.matcher(text);
        final Matcher b = fast.matcher(text);
        while (a.find()) {
          matches++;
          assertThat(b.find()).as(regex + " in: " + text).isTrue();
          assertThat(b.groupCount()).isEqualTo(a.groupCount());
          for (int g = 0; g <= a.groupCount(); g++) {
            assertThat(b.start(g)).as(regex + " group " + g + " in: " + text).isEqualTo(a.start(g));
            assertThat(b.end(g)).as(regex + " group " + g + " in: " + text).isEqualTo(a.end(g));
          }
        }
        assertThat(b.find()).as(regex + " matched more in: " + text).isFalse();
      }
    }
    assertThat(guarded).as("bundled patterns guarded").isGreaterThan(patterns.size() * 3 / 4);
    assertThat(matches).as("the comparison saw matches").isGreaterThan(50_000);
  }

  private static List<String> bundledPatterns() throws Exception {
    final List<String> out = new ArrayList<>();
    try (InputStream in = SignalRules.class.getResourceAsStream(SignalRules.RESOURCE)) {
      collect(new ObjectMapper().readTree(in), "", out);
    }
    assertThat(out).hasSizeGreaterThan(40);
    assertThat(Horizon.patterns()).hasSize(4);
    out.addAll(Horizon.patterns());
    return out;
  }

  private static void collect(final JsonNode node, final String field, final List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collect(e.getValue(), e.getKey(), out));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, field, out));
    } else if (node.isTextual() && PATTERN_FIELDS.contains(field)) {
      out.add(node.asText());
    }
  }

  /**
   * Sentences of the synthetic coverage and of the dev set, and random ones made of rule words in
   * odd cases among awkward characters: the Kelvin sign and dotted capital I (which lower-case to
   * ASCII), a long s, accented capitals, dashes, curly quotes, no-break spaces and digits.
   */
  private static List<String> texts() throws Exception {
    final List<String> texts = TestSentences.syntheticAndDevSet(1_000, 9);
    final String[] words = {"agreed", "AGREE", "Truce", "cease-fire", "CEASEFIRE", "talks", "summit", "tariffs", "sanctions",
        "would", "not", "n't", "'ll", "no", "2 days ago", "a week ago", "last month", "in 2024", "had", "said", "but", "; ",
        "\u212Aremlin", "\u0130mposed", "\u017Fanctions", "\u00C9LYS\u00C9E", "\u2014", "\u201Cdeal\u201D", "\u00A0", "war",
        "trade war", "price ", "rejected", "violated", "held", "meet", "aid", "weapons", "plan", "signed", "x", "7",
        "on Monday", "by FRIDAY", "May 12", "3 june", "next week", "in the coming days", "within 4 weeks", "is due"};
    final Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      final StringBuilder b = new StringBuilder();
      for (int w = random.nextInt(10) + 1; w > 0; w--) {
        b.append(words[random.nextInt(words.length)]).append(" ,.;-'".charAt(random.nextInt(6))).append(random.nextBoolean() ? " " : "");
      }
      texts.add(b.toString());
    }
    return texts;
  }
}
