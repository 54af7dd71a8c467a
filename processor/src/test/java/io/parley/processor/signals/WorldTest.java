package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The world beyond the curated countries: every state, organisations and armed groups. */
class WorldTest {

  private static final List<String> UN_MEMBERS = List.of((
      "AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD CL CN"
      + " CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW"
      + " GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH"
      + " MR MU MX FM MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW"
      + " KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG"
      + " UA AE GB TZ US UY UZ VU VE VN YE ZM ZW").split(" "));

  private final Gazetteer gazetteer = Gazetteer.bundled();

  @Test
  void everyStateIsKnown() {
    assertThat(UN_MEMBERS).hasSize(193);
    final Set<String> known = World.bundled().stream().map(World.Entry::code).collect(Collectors.toSet());
    known.addAll(List.of("RU", "UA", "US", "CN", "IL", "PS", "LB", "IR", "IN", "PK", "TH", "KH", "CD", "RW", "AM",
        "AZ", "SY", "BR", "CA", "MX", "GB", "FR", "DE", "TR", "SA", "QA", "EG", "KP", "VE", "HU", "FI"));
    assertThat(known).containsAll(UN_MEMBERS).contains("VA", "PS", "XK", "TW", "EH");
  }

  @Test
  void aStateIsNamedByItsJdkNameItsDemonymAndItsCapital() {
    assertThat(gazetteer.find("Eritrea said on Monday.").counts()).containsOnlyKeys("ER");
    assertThat(gazetteer.find("Eritrean officials and Asmara's envoy").counts()).containsEntry("ER", 2);
    assertThat(gazetteer.find("Emirati mediators").counts()).containsOnlyKeys("AE");
    assertThat(gazetteer.find("Mozambique").counts()).as("from the JDK's ISO 3166 list").containsOnlyKeys("MZ");
  }

  @Test
  void ambiguousNamesAreNotTaken() {
    assertThat(gazetteer.find("Georgia's governor signed the bill.").counts()).as("the US state").isEmpty();
    assertThat(gazetteer.find("Guinea-Bissau and Equatorial Guinea").counts()).doesNotContainKey("GN");
    assertThat(gazetteer.find("Niger and Nigeria").counts()).containsOnlyKeys("NE", "NG");
  }

  @Test
  void organisationsAndArmedGroupsNegotiateToo() {
    assertThat(gazetteer.find("The Rapid Support Forces accepted; Burhan refused.").counts()).containsOnlyKeys("RSF", "SD");
    assertThat(gazetteer.find("the Taliban").counts()).containsOnlyKeys("AF");
    assertThat(gazetteer.find("the Houthis").counts()).containsOnlyKeys("YE");
    assertThat(gazetteer.find("the African Union and IGAD").counts()).containsOnlyKeys("AFU", "IGAD");
    // An organisation that mediates does not make the pair.
    assertThat(gazetteer.track(Map.of("ET", 2, "ER", 2, "AFU", 3))).contains("ER-ET");
  }

  @Test
  void aCapitalIsWhereAfterALocativeAndWhoOtherwise() {
    assertThat(gazetteer.find("Trump and Kim Jong Un met in Hanoi.").counts()).containsOnlyKeys("US", "KP");
    assertThat(gazetteer.find("Hanoi said it would host the summit.").counts()).containsOnlyKeys("VN");
  }

  @Test
  void aMediatorTieGoesToTheFirstNamed() {
    final LinkedHashMap<String, Integer> counts = new LinkedHashMap<>();
    counts.put("US", 1);
    counts.put("KP", 1);
    counts.put("SG", 1);
    assertThat(gazetteer.track(counts)).contains("KP-US");
  }

  @Test
  void anArmedGroupAloneIsOnTheTrackOfItsState() {
    assertThat(gazetteer.track(Map.of("RSF", 2))).contains("RSF-SD");
    final LinkedHashMap<String, Integer> withMediator = new LinkedHashMap<>();
    withMediator.put("RSF", 1);
    withMediator.put("US", 1);
    assertThat(gazetteer.track(withMediator)).as("a US-led plan does not make the US a party").contains("RSF-SD");
  }

  @Test
  void hostsAloneNameNoParty() {
    assertThat(gazetteer.namesAParty(Map.of("FR", 1, "GB", 1))).isFalse();
    assertThat(gazetteer.namesAParty(Map.of("FR", 1, "UA", 1))).isTrue();
  }
}
