package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.schemas.SignalType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trigger pre-filter may let a sentence through needlessly, never hold back one that triggers. */
class KeywordsTest {

  @Test
  void readsTheLongestMandatoryLiteralOfEachAlternative() {
    assertThat(Keywords.of("\\b(cease-?fires?|truces?|halt (?:the )?fighting|f-16s?|\\w+fire)\\b"))
        .contains(List.of("cease", "truce", "fighting", "f-16", "fire"));
    assertThat(Keywords.of("\\b((?:re)?impose|t?alks|[ck]ease)\\b")).contains(List.of("impose", "alks", "ease"));
    assertThat(Keywords.of("\\b(\\d+|a|two)[- ](days?|weeks?)[- ]ago\\b|\\blast (week|month)\\b"))
        .contains(List.of("ago", "last"));
  }

  @Test
  void fallsBackToAMandatoryGroupWhenNoRunIsLongEnough() {
    assertThat(Keywords.of("\\b((?:swap|exchange) of|deals?)\\b")).contains(List.of("swap", "exchange", "deal"));
    assertThat(Keywords.of("\\bin (19|20)\\d\\d\\b")).contains(List.of("19", "20"));
  }

  @Test
  void dropsWordsThatHoldAnotherAndRepeats() {
    assertThat(Keywords.of("\\b(hosted|host|ago|in the past|the past|\\d+ days ago|swap|swap)\\b"))
        .contains(List.of("host", "ago", "the past", "swap"));
    assertThat(Keywords.minimal(List.of("talks", "talks", "walkout", "alk"))).containsExactly("alk");
    assertThat(Keywords.minimal(List.of("deal", "accord"))).containsExactly("deal", "accord");
  }

  @Test
  void givesUpWhenAnAlternativeHasNoMandatoryLiteral() {
    assertThat(Keywords.of("\\b(truce|\\w+)\\b")).isEmpty();
    assertThat(Keywords.of("\\b(truce|[a-z]{4})\\b")).isEmpty();
    assertThat(Keywords.of("\\b(truce|(?:cease)?fire)\\b")).contains(List.of("truce", "fire"));
    assertThat(Keywords.of("truce|.*")).isEmpty();
    assertThat(Keywords.of("truce|(?:a|\\d+)")).isEmpty();
  }

  @Test
  void everyBundledTriggerAndCueHasKeywords() {
    assertThat(SignalRules.bundled().types()).allSatisfy(type -> {
      assertThat(type.keywords()).as(type.type().name()).isNotEmpty();
      assertThat(type.modes()).allSatisfy(mode -> assertThat(mode.keywords()).as(mode.id()).isNotEmpty());
    });
  }

  @Test
  void noSentenceThatTriggersIsFilteredOut() throws Exception {
    final List<String> sentences = TestSentences.syntheticAndDevSet(2_000, 5);
    sentences.add("CEASE-FIRE HOLDS; TRUCE TALKS RESUME");
    final SignalRules rules = SignalRules.bundled();
    int triggered = 0;
    int cued = 0;
    int background = 0;
    int guarded = 0;
    for (final String sentence : sentences) {
      final String lower = sentence.toLowerCase(Locale.ROOT);
      for (final SignalRules.TypeRule type : rules.types()) {
        if (type.guards() != null && type.guards().matcher(sentence).find()) {
          guarded++;
          assertThat(type.guarded(sentence, lower)).as(type.type() + " guard: " + sentence).isTrue();
        }
        final boolean outOfContext = type.contextGuard() != null && type.contextGuard().matcher(sentence).find()
            && (type.contextUnless() == null || !type.contextUnless().matcher(sentence).find());
        assertThat(type.outOfContext(sentence, lower)).as(type.type() + " context: " + sentence).isEqualTo(outOfContext);
        if (type.trigger().matcher(sentence).find()) {
          triggered++;
          assertThat(type.mayTrigger(lower)).as(type.type() + ": " + sentence).isTrue();
        }
        for (final SignalRules.ModeRule mode : type.modes()) {
          if (mode.cue().matcher(sentence).find()) {
            cued++;
            assertThat(mode.mayOccur(lower)).as(mode.id() + ": " + sentence).isTrue();
          }
        }
      }
      if (rules.background().matcher(sentence).find()) {
        background++;
        assertThat(rules.mayBeBackground(lower)).as("background: " + sentence).isTrue();
      }
    }
    assertThat(triggered).isGreaterThan(1_000);
    assertThat(cued).isGreaterThan(1_000);
    assertThat(background).isGreaterThan(10);
    assertThat(guarded).isGreaterThan(10);
  }

  @Test
  void aSentenceWithoutAnyKeywordIsRuledOut() {
    final Optional<SignalRules.TypeRule> ceasefire = SignalRules.bundled().types().stream()
        .filter(t -> t.type() == SignalType.CEASEFIRE).findFirst();
    assertThat(ceasefire).hasValueSatisfying(t ->
        assertThat(t.mayTrigger("farmers said heavy rain had delayed the harvest")).isFalse());
  }
}
