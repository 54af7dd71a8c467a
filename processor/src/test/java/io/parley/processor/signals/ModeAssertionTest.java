package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mode is what the clause asserts, not the word it uses (issue 21): one test per failure mode
 * and per new cue, each with sentences written for the test.
 */
class ModeAssertionTest {

  private final SignalCoder coder = new SignalCoder(SignalRules.bundled());

  private List<Signal> code(final String title, final String text) {
    return coder.code(title, text, 2);
  }

  private List<SignalMode> modes(final SignalType type, final String title, final String text) {
    return code(title, text).stream().filter(s -> s.getType() == type).map(Signal::getMode).toList();
  }

  /**
   * An instrument named only as the condition or deadline of another act — troops sent once a
   * truce holds, tariffs unless a deal is reached, days given to reach one — is not a development of
   * its own: the act is the news (aid pledged, sanctions threatened).
   */
  @Test
  void anInstrumentThatIsOnlyTheConditionOfAnotherActIsNoSignal() {
    assertThat(modes(SignalType.CEASEFIRE, "Allies pledge monitors for the Sahel",
        "Nine countries said they would send monitors to the border once a ceasefire is in place.")).isEmpty();
    assertThat(modes(SignalType.CEASEFIRE, "Monitors pledged",
        "The mission would deploy only after a truce between the two armies.")).isEmpty();
    assertThat(modes(SignalType.CEASEFIRE, "Monitors pledged",
        "The mission would deploy after any truce, the minister said.")).isEmpty();
    assertThat(modes(SignalType.AGREEMENT, "Washington sets Caracas deadline",
        "The president gave Venezuela 30 days to reach a deal or face new oil sanctions.")).isEmpty();
    assertThat(modes(SignalType.AGREEMENT, "Levies threatened",
        "Buyers of Venezuelan oil would face a 50 percent levy unless Caracas agreed to a deal with the opposition.")).isEmpty();
    // The instrument itself still counts where it is the news.
    assertThat(modes(SignalType.CEASEFIRE, "Truce agreed", "The two armies agreed a ceasefire on Sunday.")).containsExactly(SignalMode.AGREED);
    assertThat(modes(SignalType.CEASEFIRE, "Kyiv rejects terms",
        "Moscow wants troops withdrawn before any full ceasefire, a demand Kyiv rejected.")).containsExactly(SignalMode.REJECTED);
  }

  /** Word sense: a country buying weapons for itself is trade, not aid; "New" in a place name is no promise and no measure. */
  @Test
  void weaponsBoughtForOneselfAndPlaceNamesAreNotMilitaryAid() {
    assertThat(modes(SignalType.MILITARY_AID, "Tariff on Turkey",
        "The penalty is over New Delhi's purchases of Russian oil and weapons, officials in Ankara said.")).isEmpty();
    assertThat(modes(SignalType.MILITARY_AID, "Tariff on Turkey",
        "Ankara kept buying Russian weapons despite the warnings.")).isEmpty();
    assertThat(modes(SignalType.SANCTIONS, "Ministers meet in New York in a push on sanctions; no breakthrough", ""))
        .doesNotContain(SignalMode.IMPOSED);
    assertThat(modes(SignalType.SANCTIONS, "Brussels adopts new sanctions on Minsk", "")).containsExactly(SignalMode.IMPOSED);
    assertThat(modes(SignalType.MILITARY_AID, "Allies to fund arms",
        "European allies will buy American weapons for Ukraine under the new plan.")).containsExactly(SignalMode.PLEDGED);
  }

  /** A tariff a deal sets is the deal's term: the news is the deal, not a measure of its own. */
  @Test
  void aTariffADealSetsIsTheDealsTermNotAMeasure() {
    assertThat(modes(SignalType.SANCTIONS, "Washington and Seoul sign trade deal: 15% tariff, $350 billion investment", ""))
        .isEmpty();
    assertThat(modes(SignalType.AGREEMENT, "Washington and Seoul sign trade deal: 15% tariff, $350 billion investment", ""))
        .containsExactly(SignalMode.SIGNED);
    assertThat(modes(SignalType.SANCTIONS, "Washington imposes 25% tariff on Korean steel", ""))
        .containsExactly(SignalMode.IMPOSED);
    assertThat(modes(SignalType.SANCTIONS, "Washington and Seoul sign a deal that cuts tariffs on cars", ""))
        .as("an easing the deal brings is news of its own").containsExactly(SignalMode.EASED);
  }

  /** A hostage proposal, plan or offer is a deal on the table, like a hostage deal. */
  @Test
  void aHostageProposalIsADealProposed() {
    assertThat(modes(SignalType.AGREEMENT, "Mediators float new hostage proposal to both sides", ""))
        .containsExactly(SignalMode.PROPOSED);
    assertThat(modes(SignalType.AGREEMENT, "The two sides sign the hostage agreement in Cairo", ""))
        .containsExactly(SignalMode.SIGNED);
  }

  /** A meeting called off was planned: the cancellation is the news, however near "planned" stands. */
  @Test
  void aPlannedMeetingThatWillNotGoAheadIsCancelled() {
    assertThat(modes(SignalType.MEETING, "Ministers' trip off",
        "A planned visit by the foreign ministers to Lima next week will not go ahead, officials said."))
        .containsExactly(SignalMode.CANCELLED);
    assertThat(modes(SignalType.MEETING, "Ministers' trip", "A planned visit by the foreign ministers to Lima is set for Monday."))
        .containsExactly(SignalMode.SCHEDULED);
  }

  @Test
  void aCallBetweenLeadersReportedDoneIsAMeetingHeld() {
    assertThat(modes(SignalType.MEETING, "Erdogan and Aliyev speak for an hour", "")).containsExactly(SignalMode.HELD);
    assertThat(modes(SignalType.MEETING, "Tokyo briefing",
        "The prime minister said after a telephone conversation with the Korean president that lasted forty minutes that ties were improving."))
        .containsExactly(SignalMode.HELD);
    assertThat(modes(SignalType.MEETING, "Seoul briefing", "The two leaders had a very good phone conversation on Tuesday."))
        .containsExactly(SignalMode.HELD);
  }

  @Test
  void anInitialledTextAwaitingSignatureIsADealProposedNotSigned() {
    assertThat(modes(SignalType.AGREEMENT, "Peru and Chile initial border accord",
        "The two foreign ministers initialled the agreed text of a border treaty in Lima; the leaders are to sign it later."))
        .containsExactly(SignalMode.PROPOSED);
    assertThat(modes(SignalType.AGREEMENT, "Border deal still unsigned",
        "Peru and Chile agreed the text of the treaty, but it has not yet been signed."))
        .containsExactly(SignalMode.PROPOSED);
    assertThat(modes(SignalType.AGREEMENT, "Peru and Chile sign border treaty", "The leaders signed the treaty in Lima."))
        .containsExactly(SignalMode.SIGNED);
  }

  @Test
  void aMeetingWithNoDateOrVenueIsProposedNotScheduled() {
    assertThat(modes(SignalType.MEETING, "Negotiators will meet again, ministers say", "")).containsExactly(SignalMode.PROPOSED);
    assertThat(modes(SignalType.MEETING, "Negotiators will meet again in Oslo on Friday", "")).containsExactly(SignalMode.SCHEDULED);
    assertThat(modes(SignalType.MEETING, "Minister says he would speak with his counterpart at 9 a.m. on Monday", ""))
        .containsExactly(SignalMode.SCHEDULED);
  }

  @Test
  void anArrivalReportedAfterTheFactIsAMeetingHeldUnlessTheMeetingIsStillAhead() {
    assertThat(modes(SignalType.MEETING, "Envoy lands in Cairo", "The envoy landed in Cairo on Friday to meet the president."))
        .contains(SignalMode.HELD);
    assertThat(modes(SignalType.MEETING, "Minister lands in Lima",
        "The minister landed in Lima for a regional summit and said he expected a meeting with his counterpart on Thursday."))
        .containsExactly(SignalMode.SCHEDULED);
  }

  @Test
  void aHeadlineShorthandYieldsToTheLedesFullerReading() {
    assertThat(modes(SignalType.MEETING, "Peru and Chile to hold talks",
        "The foreign ministers of Peru and Chile will meet in Santiago on Thursday, officials said."))
        .containsExactly(SignalMode.SCHEDULED);
  }

  @Test
  void stoppingShortOfATruceIsNoTruce() {
    assertThat(modes(SignalType.CEASEFIRE, "Talks end",
        "The general said the army was ready to negotiate but stopped short of accepting the ceasefire."))
        .doesNotContain(SignalMode.AGREED);
  }

  @Test
  void aTradeTruceNamedIsNoEasingButExtendingItIs() {
    assertThat(modes(SignalType.SANCTIONS, "Officials open talks",
        "Officials opened talks in Geneva to rescue a fragile tariff truce strained by export quarrels."))
        .doesNotContain(SignalMode.EASED);
    assertThat(modes(SignalType.SANCTIONS, "White House extends the tariff pause by 90 days", ""))
        .containsExactly(SignalMode.EASED);
  }

  @Test
  void sanctionsThatSnapBackAreImposed() {
    assertThat(modes(SignalType.SANCTIONS, "UN sanctions on the regime came back into force at midnight", ""))
        .containsExactly(SignalMode.IMPOSED);
  }

  @Test
  void weaponsDeliveriesNamedAreNotDelivered() {
    assertThat(modes(SignalType.MILITARY_AID, "Kyiv warns",
        "Any delay in weapons deliveries would only embolden the attackers, the ministry said."))
        .doesNotContain(SignalMode.DELIVERED);
  }

  @Test
  void aMeetingPutOffOrATeamRecalledIsCancelled() {
    assertThat(modes(SignalType.MEETING, "Talks between the envoys were put off until next month", ""))
        .containsExactly(SignalMode.CANCELLED);
    assertThat(modes(SignalType.MEETING, "Mediators recall their negotiating teams from Cairo", ""))
        .containsExactly(SignalMode.CANCELLED);
  }

  @Test
  void diplomacyIsNotGuardedAwayByWordsOfOtherSenses() {
    // "Union", "strike", "team", "League" and "tour" are diplomacy here, not labour, sport or music.
    assertThat(modes(SignalType.MEETING, "European Union and Japan hold summit in Tokyo", "")).containsExactly(SignalMode.HELD);
    assertThat(modes(SignalType.MEETING, "Arab League to host emergency summit in Cairo on Monday after air strike", ""))
        .containsExactly(SignalMode.SCHEDULED);
    assertThat(modes(SignalType.MEETING, "Trade team's visit to Jakarta called off", "")).containsExactly(SignalMode.CANCELLED);
    assertThat(modes(SignalType.MEETING, "Band's world tour meets sold-out crowds", "")).isEmpty();
  }

  @Test
  void aJointStatementSignedIsAnAgreementAndADealAnnouncedIsOneMade() {
    assertThat(code("Leaders sign joint statement at first summit", ""))
        .extracting(Signal::getType, Signal::getMode).contains(tuple(SignalType.AGREEMENT, SignalMode.SIGNED));
    assertThat(modes(SignalType.AGREEMENT, "President announces trade deal with Vietnam", "")).containsExactly(SignalMode.SIGNED);
    assertThat(modes(SignalType.AGREEMENT, "Airline signs deal for 40 jets on the air show floor", "")).isEmpty();
  }

  @Test
  void aBareWouldProposesNothing() {
    assertThat(modes(SignalType.MEETING, "Minister predicts the meeting would go very well", "")).isEmpty();
  }

  @Test
  void welcomingADecisionIsNoMeeting() {
    assertThat(modes(SignalType.MEETING, "Neighbours welcomed the pressure on the government", "")).isEmpty();
  }

  @Test
  void aTruceThatIsOnlyTheSubjectOfTalksIsNotAgreed() {
    assertThat(modes(SignalType.CEASEFIRE, "Both sides will start ceasefire talks immediately, president says", ""))
        .doesNotContain(SignalMode.AGREED);
    assertThat(modes(SignalType.CEASEFIRE, "Kyiv's outline starts with a ceasefire of at least 30 days", ""))
        .doesNotContain(SignalMode.AGREED);
    assertThat(modes(SignalType.CEASEFIRE, "The ceasefire started at dawn", "")).containsExactly(SignalMode.AGREED);
  }
}
