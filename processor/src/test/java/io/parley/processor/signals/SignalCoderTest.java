package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.parley.schemas.Salience;
import io.parley.schemas.Signal;
import io.parley.schemas.SignalMode;
import io.parley.schemas.SignalType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One test per behaviour, each with sentences written for the test. */
class SignalCoderTest {

  private final SignalCoder coder = new SignalCoder(SignalRules.bundled());

  private List<Signal> code(final String title, final String text) {
    return coder.code(title, text, 2);
  }

  @Test
  void conditionalTariffThreatIsAThreatNotAnImposition() {
    assertThat(code("Trade warning", "If Ankara keeps buying the jets, I am going to put tariffs on all Turkish steel."))
        .extracting(Signal::getType, Signal::getMode, Signal::getInstrument)
        .containsExactly(tuple(SignalType.SANCTIONS, SignalMode.THREATENED, "TARIFF"));
  }

  @Test
  void negatedCeasefireIsNoCeasefire() {
    assertThat(code("Talks end in Cairo", "The mediators left Cairo on Tuesday and no ceasefire was announced."))
        .noneMatch(s -> s.getType() == SignalType.CEASEFIRE);
  }

  @Test
  void mountainSummitsAndPriceWarTrucesAreNotDiplomacy() {
    assertThat(code("Climbers reach the summit", "Two Nepalese climbers reached the summit of Lhotse before dawn.")).isEmpty();
    assertThat(code("Supermarkets call a truce", "The two chains agreed a truce in their price war over milk.")).isEmpty();
  }

  @Test
  void modalityTurnsAnActIntoItsPendingMode() {
    assertThat(code("Brussels weighs measures", "The European Union would impose sanctions on the shipping firms next month."))
        .extracting(Signal::getMode).containsExactly(SignalMode.THREATENED);
    assertThat(code("Demand made", "Moscow was urged to agree to a ceasefire."))
        .extracting(Signal::getMode).containsExactly(SignalMode.PROPOSED);
    // A deadline's demanded outcome is the ultimatum's condition, not a proposal of its own (ModeAssertionTest).
    assertThat(code("Deadline set", "Moscow was given ten days to agree to a ceasefire.")).isEmpty();
  }

  @Test
  void actsInThePastAreActs() {
    assertThat(code("Envoys meet", "The two foreign ministers met in Doha on Monday."))
        .extracting(Signal::getType, Signal::getMode)
        .containsExactly(tuple(SignalType.MEETING, SignalMode.HELD));
  }

  @Test
  void brokenTruceIsAViolationEvenAfterItWasAccepted() {
    assertThat(code("Front line", "Both sides accepted and then broke a short truce over the holiday."))
        .extracting(Signal::getMode).contains(SignalMode.VIOLATED);
  }

  @Test
  void aMeetingOfferedOrHopedForIsProposedWhateverItsDate() {
    assertThat(code("Talks", "Quito has offered Lima new talks next week.")).filteredOn(s -> s.getType() == SignalType.MEETING)
        .extracting(Signal::getMode).containsOnly(SignalMode.PROPOSED);
    assertThat(code("Talks", "The president said he hoped to speak to the king within days.")).filteredOn(
        s -> s.getType() == SignalType.MEETING).extracting(Signal::getMode).containsOnly(SignalMode.PROPOSED);
    assertThat(code("Talks", "The envoys would travel to Cairo on Sunday for talks on the ceasefire proposal.")).filteredOn(
        s -> s.getType() == SignalType.MEETING).as("a proposal the talks are about").extracting(Signal::getMode)
        .containsOnly(SignalMode.SCHEDULED);
  }

  @Test
  void whatIsToHappenBeforeADealIsSignedDoesNotSignIt() {
    assertThat(code("Truce", "A week of calm will begin on Monday, a test of both armies before the two sides sign an accord."))
        .filteredOn(s -> s.getType() == SignalType.AGREEMENT).extracting(Signal::getMode).doesNotContain(SignalMode.SIGNED);
    assertThat(code("Deal", "The two sides signed an accord on Monday before the leaders left.")).filteredOn(
        s -> s.getType() == SignalType.AGREEMENT).extracting(Signal::getMode).contains(SignalMode.SIGNED);
  }

  @Test
  void disarmingAndCallsToEndOutsideSupportAreNoAid() {
    assertThat(code("War", "The army said the rebels must hand over their weapons before any truce."))
        .extracting(Signal::getType).doesNotContain(SignalType.MILITARY_AID);
    assertThat(code("War", "The envoys urged an end to outside military support for both camps."))
        .extracting(Signal::getType).doesNotContain(SignalType.MILITARY_AID);
    assertThat(code("War", "Washington suspended military support for the government on Monday."))
        .extracting(Signal::getType, Signal::getMode).contains(tuple(SignalType.MILITARY_AID, SignalMode.CUT));
  }

  @Test
  void aJointStatementThatOnlyCarriesWordsIsNoAgreement() {
    assertThat(code("Talks", "In a joint statement the mediators said the pause in talks was routine."))
        .extracting(Signal::getType).doesNotContain(SignalType.AGREEMENT);
    assertThat(code("Deal", "The two foreign ministers signed a joint declaration on Friday."))
        .extracting(Signal::getType, Signal::getMode).contains(tuple(SignalType.AGREEMENT, SignalMode.SIGNED));
  }

  @Test
  void troopsPledgedForAnotherCountryAreAidAndTheirConditionIsNotTheirMode() {
    assertThat(code("Coalition", "Twelve allies pledge forces for Moldova once the fighting stops.")).filteredOn(
        s -> s.getType() == SignalType.MILITARY_AID).extracting(Signal::getMode).containsOnly(SignalMode.PLEDGED);
    assertThat(code("Coalition", "Nine countries committed to a reassurance force for Armenia.")).filteredOn(
        s -> s.getType() == SignalType.MILITARY_AID).extracting(Signal::getMode).containsOnly(SignalMode.PLEDGED);
  }

  @Test
  void aTruceThatEndedTheFightingIsNoViolation() {
    assertThat(code("Border", "The envoys met after a ceasefire ended a month of clashes on the border."))
        .extracting(Signal::getMode).doesNotContain(SignalMode.VIOLATED);
    assertThat(code("Border", "The ceasefire ended on Sunday when both sides shelled the town."))
        .extracting(Signal::getMode).contains(SignalMode.VIOLATED);
  }

  @Test
  void talksResumedAreHeldAndTalksToResumeProposed() {
    assertThat(code("Talks", "The two delegations resumed negotiations in Nairobi on Monday.")).filteredOn(
        s -> s.getType() == SignalType.MEETING).extracting(Signal::getMode).containsOnly(SignalMode.HELD);
    assertThat(code("Talks", "The mediators vowed to resume negotiations.")).filteredOn(
        s -> s.getType() == SignalType.MEETING).extracting(Signal::getMode).containsOnly(SignalMode.PROPOSED);
  }

  @Test
  void aMeetingThatWasIsHeld() {
    assertThat(code("Talks", "It was the third round between the two delegations this year.")).filteredOn(
        s -> s.getType() == SignalType.MEETING).extracting(Signal::getMode).containsOnly(SignalMode.HELD);
  }

  @Test
  void aQuidProQuoOfferedIsADealProposed() {
    assertThat(code("Talks", "The junta offered to free the detained ministers in return for an end to the blockade."))
        .extracting(Signal::getType, Signal::getMode).contains(tuple(SignalType.AGREEMENT, SignalMode.PROPOSED));
  }

  @Test
  void whatWouldHaveHappenedIsNoSignal() {
    assertThat(code("Trade", "Without the deal, duties on Korean cars could have climbed to 50%."))
        .extracting(Signal::getType).doesNotContain(SignalType.SANCTIONS);
    assertThat(code("Trade", "Duties on Korean cars could climb to 50% next month.")).as("a possibility ahead is a threat")
        .extracting(Signal::getType).contains(SignalType.SANCTIONS);
  }

  @Test
  void payingForAnotherCountrysWeaponsIsAidPledged() {
    assertThat(code("Aid", "Norway to finance a $300 million package of American arms for Moldova."))
        .extracting(Signal::getType, Signal::getMode).contains(tuple(SignalType.MILITARY_AID, SignalMode.PLEDGED));
    assertThat(code("Arms", "The ministry bought a package of arms for its own army.")).as("a purchase for itself")
        .extracting(Signal::getType).doesNotContain(SignalType.MILITARY_AID);
  }

  @Test
  void aMeetingTheSentencePresupposesIsScheduled() {
    assertThat(code("Trade", "The president wants to lower the duty on steel before meeting Lula.")).filteredOn(
        s -> s.getType() == SignalType.MEETING).extracting(Signal::getMode).containsOnly(SignalMode.SCHEDULED);
    assertThat(code("Trade", "Ministers traded offers ahead of their talks with the Kenyan delegation.")).filteredOn(
        s -> s.getType() == SignalType.MEETING).extracting(Signal::getMode).containsOnly(SignalMode.SCHEDULED);
    assertThat(code("Trade", "Ministers hope to trade offers ahead of a possible meeting with the Kenyan delegation.")).filteredOn(
        s -> s.getType() == SignalType.MEETING).extracting(Signal::getMode).containsOnly(SignalMode.PROPOSED);
  }

  @Test
  void aBackgroundCueInAnotherClauseLeavesTheNewsItsSalience() {
    // Regression: the recalled clause after the semicolon made the reported call BACKGROUND.
    assertThat(code("Leaders talk", "The prime minister said he spoke with the rebel commander by phone on Tuesday; the rebels "
        + "had announced last week that they would fight on."))
        .filteredOn(s -> s.getType() == SignalType.MEETING).extracting(Signal::getSalience).containsOnly(Salience.LEDE);
    assertThat(code("Trade", "Two weeks ago the minister had warned reporters: \"If the talks fail, but only then, we are going "
        + "to put tariffs on their cars.\"")).filteredOn(s -> s.getType() == SignalType.SANCTIONS)
        .as("the quotation is what was said then, whatever its clauses").extracting(Signal::getSalience)
        .containsOnly(Salience.BACKGROUND);
    assertThat(code("Leaders talk", "Last month the prime minister spoke with the rebel commander by phone."))
        .filteredOn(s -> s.getType() == SignalType.MEETING).extracting(Signal::getSalience).containsOnly(Salience.BACKGROUND);
  }

  @Test
  void backgroundCuesMarkBackgroundButReportedSpeechDoesNot() {
    assertThat(code("Border quiet", "Three months ago the two armies had agreed to a ceasefire."))
        .extracting(Signal::getSalience).containsOnly(Salience.BACKGROUND);
    assertThat(code("Border quiet", "Officials said on Sunday the two armies had agreed to a ceasefire."))
        .extracting(Signal::getSalience).containsOnly(Salience.LEDE);
  }

  @Test
  void headlineSignalIsKeptOverTheSameSignalInTheBody() {
    final List<Signal> signals = code("Kyiv and Moscow agree to a ceasefire", "The ceasefire took effect at noon.");
    assertThat(signals).hasSize(1);
    assertThat(signals.get(0).getSalience()).isEqualTo(Salience.HEADLINE);
    assertThat(signals.get(0).getEvidence()).isEqualTo("Kyiv and Moscow agree to a ceasefire");
    assertThat(signals.get(0).getCameo()).isEqualTo("0871");
    assertThat(signals.get(0).getPlover()).isEqualTo("RETREAT/ceasefire");
  }

  @Test
  void meetingsNeedTwoParties() {
    assertThat(coder.code("School board meeting draws angry parents", "Hundreds attended the meeting.", 0)).isEmpty();
  }

  @Test
  void albumTitlesTechSummitsAndWageTalksAreNotDiplomacy() {
    assertThat(code("Truce, the new album, tops the charts", "The band's record went straight to number one.")).isEmpty();
    assertThat(code("Leaders meet at tech summit", "Chief executives met at the technology summit in Lisbon.")).isEmpty();
    assertThat(code("Wage talks resume", "The union held wage talks with the rail operator.")).isEmpty();
  }

  @Test
  void aTariffTruceInATradeStoryIsNotACeasefire() {
    assertThat(code("Washington and Beijing extend their tariff truce", "Both sides will keep duties on exports lower for 90 days."))
        .noneMatch(s -> s.getType() == SignalType.CEASEFIRE);
  }

  @Test
  void aCueInAnotherClauseDoesNotSetTheMode() {
    assertThat(code("Prisoner swap", "The sides agreed on an exchange of prisoners but remained far apart on terms for a ceasefire."))
        .noneMatch(s -> s.getType() == SignalType.CEASEFIRE);
  }

  @Test
  void aGoalIsNotAnAct() {
    assertThat(code("Trade talks open", "The two ministers began talks in London aimed at easing export controls."))
        .noneMatch(s -> s.getType() == SignalType.SANCTIONS);
  }

  @Test
  void haltedDeliveriesAreACutNotADelivery() {
    assertThat(code("Pentagon halts some weapons deliveries to Kyiv", ""))
        .extracting(Signal::getType, Signal::getMode)
        .containsExactly(tuple(SignalType.MILITARY_AID, SignalMode.CUT));
  }

  @Test
  void salienceFollowsPosition() {
    final List<Signal> signals = code("Markets steady",
        "Stocks rose on Monday. Bond yields fell. Later, the two foreign ministers met in Geneva.");
    assertThat(signals).extracting(Signal::getSalience).containsExactly(Salience.BODY);
    assertThat(signals.get(0).getConfidence()).isBetween(0.05, 0.99);
  }

  @Test
  void earlierThisYearIsBackground() {
    assertThat(code("Sanctions review", "Earlier this year the bloc imposed sanctions on the shipping firms."))
        .extracting(Signal::getSalience).containsOnly(Salience.BACKGROUND);
  }

  /** The word count between a cue and its trigger is the one the regular-expression split gave, on awkward text too. */
  @Test
  void wordsBetweenPositionsCountAsTheSplitDid() {
    final java.util.regex.Pattern spaces = java.util.regex.Pattern.compile("\\s+");
    final String alphabet = "ab \t\n\u000B\f\r\u00A0\u2003\u2028\u3000\u0301\uD83D\uDE00,.-";
    final Random random = new Random(3);
    for (int n = 0; n < 20_000; n++) {
      final StringBuilder b = new StringBuilder();
      for (int i = random.nextInt(24); i > 0; i--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      final String s = b.toString();
      final int from = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
      final int to = from + (s.length() == from ? 0 : random.nextInt(s.length() - from + 1));
      final String between = s.substring(from, to).strip();
      final int expected = between.isEmpty() ? 0 : spaces.split(between).length;
      assertThat(SignalCoder.words(s, from, to)).as("[" + s + "] " + from + ".." + to).isEqualTo(expected);
    }
    assertThat(SignalCoder.words("a b", 2, 1)).isZero();
  }

  @Test
  void aCallHeldAndTalksProposedAreTwoEngagements() {
    // The talks to come are news of their own, not a weaker reading of the call held.
    assertThat(code("Modi and Sharif speak for an hour",
        "The two prime ministers spoke by phone on Tuesday. Their negotiating teams would hold talks soon, officials said."))
        .extracting(Signal::getType, Signal::getMode)
        .contains(tuple(SignalType.MEETING, SignalMode.HELD), tuple(SignalType.MEETING, SignalMode.PROPOSED));
    // One meeting told twice stays one reading: the held meeting's "to hold talks" says less.
    assertThat(code("Envoys meet in Oman", "The envoys met in Muscat on Sunday, a week after agreeing to hold talks."))
        .extracting(Signal::getType, Signal::getMode).containsExactly(tuple(SignalType.MEETING, SignalMode.HELD));
  }

  @Test
  void leadersSideBySideMet() {
    assertThat(code("Tariff warning", "Seated beside the Danish prime minister in the Oval Office, the president said Greenland was not for sale."))
        .extracting(Signal::getType, Signal::getMode).contains(tuple(SignalType.MEETING, SignalMode.HELD));
    assertThat(code("Press conference", "Speaking alongside the German chancellor in Berlin, the Polish president said the border would stay open."))
        .extracting(Signal::getType, Signal::getMode).contains(tuple(SignalType.MEETING, SignalMode.HELD));
    // Soldiers fighting alongside another army are no meeting.
    assertThat(code("Front", "North Korean troops fought alongside Russian units in Kursk."))
        .noneMatch(s -> s.getType() == SignalType.MEETING);
  }

  @Test
  void aHumanitarianPauseOrAReductionInViolenceIsATruce() {
    assertThat(code("Pause accepted", "The rebels accepted a humanitarian pause of three months proposed by the mediators."))
        .extracting(Signal::getType, Signal::getMode).contains(tuple(SignalType.CEASEFIRE, SignalMode.AGREED));
    assertThat(code("Lull", "A week-long reduction in violence between the government and the insurgents will begin at midnight."))
        .extracting(Signal::getType, Signal::getMode).contains(tuple(SignalType.CEASEFIRE, SignalMode.AGREED));
  }

  @Test
  void sanctionsThatStayOrReliefThatIsAskedForAreNoDevelopment() {
    assertThat(code("Status quo", "The minister said the sanctions on Minsk would remain in place for now.")).isEmpty();
    assertThat(code("Talks stall", "Iran offered to cap enrichment in return for sanctions relief, which Washington refused."))
        .noneMatch(s -> s.getType() == SignalType.SANCTIONS);
    assertThat(code("Demand", "Caracas wanted the oil sanctions lifted before any election date was set."))
        .noneMatch(s -> s.getType() == SignalType.SANCTIONS);
    // Lifting them is still easing.
    assertThat(code("Relief", "Washington lifted the oil sanctions on Caracas on Friday."))
        .extracting(Signal::getMode).containsExactly(SignalMode.EASED);
  }
}
