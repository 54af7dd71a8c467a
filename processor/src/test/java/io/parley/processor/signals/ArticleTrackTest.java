package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.schemas.Article;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose story it is: the track an article's lead gives it, in made-up coverage written for these tests. */
class ArticleTrackTest {

  private static final ArticleCoder CODER = ArticleCoder.bundled();

  private static String track(final String title, final String text) {
    return CODER.code(Article.newBuilder().setArticleId("a-1").setItemKey("f:1").setTitle(title).setText(text)
        .setSource("t").setFeedId("f").setPublished(Instant.parse("2025-07-27T10:00:00Z"))
        .setIngested(Instant.parse("2025-07-27T10:01:00Z")).setFingerprint("0").setFlags(List.of()).setRulesVersion("")
        .build()).getTrack();
  }

  @Test
  void twoUsualHostsInTheLeadAreThePartiesWhenTheBodyOnlyMentionsOthersInPassing() {
    assertThat(track("Brussels accepts a lower tariff to end the transatlantic dispute",
        "The European Union and the United States agreed a framework on Sunday after the two leaders met. "
            + "Officials in Washington and the EU said the deal would hold for three years. "
            + "It mirrors a smaller accord Japan reached last week."))
        .isEqualTo("EU-US");
  }

  /** In a trade story a usual mediator is a principal: the story is theirs, not the other party's war. */
  @Test
  void aUsualMediatorInATradeStoryIsAParty() {
    assertThat(track("US trade delegation's trip to Islamabad postponed",
        "American negotiators will not travel to Pakistan next week for talks on a tariff agreement, officials said."))
        .isEqualTo("PK-US");
    // Where the story is the war, the mediator still does not make the track.
    assertThat(track("US envoy says Hamas studying truce offer",
        "Washington's envoy said Hamas was studying the latest ceasefire proposal for Gaza."))
        .isEqualTo("IL-PS");
  }

  @Test
  void hostsInTheLeadYieldToThePartiesTheBodyIsAbout() {
    assertThat(track("France and Britain to host a summit next week",
        "Paris and London will receive leaders in Paris on Tuesday. "
            + "The summit will discuss guarantees for Ukraine after a ceasefire with Russia. "
            + "Ukraine wants guarantees before any truce; Russia rejects foreign troops in Ukraine. "
            + "Ukraine's president will attend, and Russia was not invited."))
        .isEqualTo("RU-UA");
  }

  @Test
  void aHyphenatedPairBeforeAnEngagementNamesTheTrackWhoeverElseTheHeadlineNames() {
    assertThat(track("Spanish minister calls EU-US trade deal a defeat",
        "Madrid said the accord gave too much away, while Berlin and Rome welcomed it."))
        .isEqualTo("EU-US");
    assertThat(track("Egypt hosts new round of Israel-Hamas talks in Cairo", "Mediators met both delegations."))
        .isEqualTo("IL-PS");
    assertThat(track("US-India trade talks resume in New Delhi", "Negotiators met for two days."))
        .as("the pair itself, not another track of one of its parties").isEqualTo("IN-US");
    assertThat(track("Trump-Putin call lasts two hours", "The leaders spoke about the war.")).isEqualTo("RU-UA");
    assertThat(track("Iran protests after Russian-Chinese bid on sanctions fails at the council",
        "Tehran said the vote was a mistake by the Europeans.")).isNotEqualTo("CN-RU");
  }

  @Test
  void aPairOfGoBetweensBeforeTheirPlanIsNotTheTrack() {
    // Regression: "US-Saudi truce plan" put the army's answer on the mediators' track (SA-US).
    assertThat(track("Sudan's army rejects US-Saudi truce plan",
        "The army chief said the proposal from the United States and Saudi Arabia would leave the RSF in place."))
        .isEqualTo("RSF-SD");
    // A pair of parties before a proposal is still the pair.
    assertThat(track("Thailand-Cambodia ceasefire proposal welcomed by Malaysia", "Kuala Lumpur said talks would follow."))
        .isEqualTo("TH-KH");
  }
}
