package io.parley.processor.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  /**
   * Every state by its English name and a demonym, as this test's own table says them (written for
   * it, independently of world.tsv): code | name | demonym, "-" where English news has no demonym of
   * its own for it (the Republic of the Congo's "Congolese" is read as the DRC's, Dominica's
   * "Dominican" as the Dominican Republic's — both asserted below).
   */
  private static final String STATES = """
      AF|Afghanistan|Afghan
      AL|Albania|Albanian
      DZ|Algeria|Algerian
      AD|Andorra|Andorran
      AO|Angola|Angolan
      AG|Antigua and Barbuda|Antiguan
      AR|Argentina|Argentine
      AM|Armenia|Armenian
      AU|Australia|Australian
      AT|Austria|Austrian
      AZ|Azerbaijan|Azerbaijani
      BS|Bahamas|Bahamian
      BH|Bahrain|Bahraini
      BD|Bangladesh|Bangladeshi
      BB|Barbados|Barbadian
      BY|Belarus|Belarusian
      BE|Belgium|Belgian
      BZ|Belize|Belizean
      BJ|Benin|Beninese
      BT|Bhutan|Bhutanese
      BO|Bolivia|Bolivian
      BA|Bosnia and Herzegovina|Bosnian
      BW|Botswana|Batswana
      BR|Brazil|Brazilian
      BN|Brunei|Bruneian
      BG|Bulgaria|Bulgarian
      BF|Burkina Faso|Burkinabe
      BI|Burundi|Burundian
      CV|Cape Verde|Cape Verdean
      KH|Cambodia|Cambodian
      CM|Cameroon|Cameroonian
      CA|Canada|Canadian
      CF|Central African Republic|Central African
      TD|Chad|Chadian
      CL|Chile|Chilean
      CN|China|Chinese
      CO|Colombia|Colombian
      KM|Comoros|Comorian
      CG|Republic of the Congo|-
      CR|Costa Rica|Costa Rican
      CI|Ivory Coast|Ivorian
      HR|Croatia|Croatian
      CU|Cuba|Cuban
      CY|Cyprus|Cypriot
      CZ|Czech Republic|Czech
      KP|North Korea|North Korean
      CD|Democratic Republic of Congo|Congolese
      DK|Denmark|Danish
      DJ|Djibouti|Djiboutian
      DM|Dominica|-
      DO|Dominican Republic|Dominican
      EC|Ecuador|Ecuadorian
      EG|Egypt|Egyptian
      SV|El Salvador|Salvadoran
      GQ|Equatorial Guinea|Equatoguinean
      ER|Eritrea|Eritrean
      EE|Estonia|Estonian
      SZ|Eswatini|Swazi
      ET|Ethiopia|Ethiopian
      FJ|Fiji|Fijian
      FI|Finland|Finnish
      FR|France|French
      GA|Gabon|Gabonese
      GM|Gambia|Gambian
      GE|Georgia|Georgian
      DE|Germany|German
      GH|Ghana|Ghanaian
      GR|Greece|Greek
      GD|Grenada|Grenadian
      GT|Guatemala|Guatemalan
      GN|Guinea|Guinean
      GW|Guinea-Bissau|Bissau-Guinean
      GY|Guyana|Guyanese
      HT|Haiti|Haitian
      HN|Honduras|Honduran
      HU|Hungary|Hungarian
      IS|Iceland|Icelandic
      IN|India|Indian
      ID|Indonesia|Indonesian
      IR|Iran|Iranian
      IQ|Iraq|Iraqi
      IE|Ireland|Irish
      IL|Israel|Israeli
      IT|Italy|Italian
      JM|Jamaica|Jamaican
      JP|Japan|Japanese
      JO|Jordan|Jordanian
      KZ|Kazakhstan|Kazakh
      KE|Kenya|Kenyan
      KI|Kiribati|I-Kiribati
      KW|Kuwait|Kuwaiti
      KG|Kyrgyzstan|Kyrgyz
      LA|Laos|Laotian
      LV|Latvia|Latvian
      LB|Lebanon|Lebanese
      LS|Lesotho|Basotho
      LR|Liberia|Liberian
      LY|Libya|Libyan
      LI|Liechtenstein|Liechtensteiner
      LT|Lithuania|Lithuanian
      LU|Luxembourg|Luxembourger
      MG|Madagascar|Malagasy
      MW|Malawi|Malawian
      MY|Malaysia|Malaysian
      MV|Maldives|Maldivian
      ML|Mali|Malian
      MT|Malta|Maltese
      MH|Marshall Islands|Marshallese
      MR|Mauritania|Mauritanian
      MU|Mauritius|Mauritian
      MX|Mexico|Mexican
      FM|Micronesia|Micronesian
      MC|Monaco|Monegasque
      MN|Mongolia|Mongolian
      ME|Montenegro|Montenegrin
      MA|Morocco|Moroccan
      MZ|Mozambique|Mozambican
      MM|Myanmar|Burmese
      NA|Namibia|Namibian
      NR|Nauru|Nauruan
      NP|Nepal|Nepali
      NL|Netherlands|Dutch
      NZ|New Zealand|New Zealander
      NI|Nicaragua|Nicaraguan
      NE|Niger|Nigerien
      NG|Nigeria|Nigerian
      MK|North Macedonia|Macedonian
      NO|Norway|Norwegian
      OM|Oman|Omani
      PK|Pakistan|Pakistani
      PW|Palau|Palauan
      PA|Panama|Panamanian
      PG|Papua New Guinea|Papua New Guinean
      PY|Paraguay|Paraguayan
      PE|Peru|Peruvian
      PH|Philippines|Filipino
      PL|Poland|Polish
      PT|Portugal|Portuguese
      QA|Qatar|Qatari
      KR|South Korea|South Korean
      MD|Moldova|Moldovan
      RO|Romania|Romanian
      RU|Russia|Russian
      RW|Rwanda|Rwandan
      KN|Saint Kitts and Nevis|Kittitian
      LC|Saint Lucia|Saint Lucian
      VC|Saint Vincent and the Grenadines|Vincentian
      WS|Samoa|Samoan
      SM|San Marino|Sammarinese
      ST|Sao Tome and Principe|Santomean
      SA|Saudi Arabia|Saudi
      SN|Senegal|Senegalese
      RS|Serbia|Serbian
      SC|Seychelles|Seychellois
      SL|Sierra Leone|Sierra Leonean
      SG|Singapore|Singaporean
      SK|Slovakia|Slovak
      SI|Slovenia|Slovenian
      SB|Solomon Islands|Solomon Islander
      SO|Somalia|Somali
      ZA|South Africa|South African
      SS|South Sudan|South Sudanese
      ES|Spain|Spanish
      LK|Sri Lanka|Sri Lankan
      SD|Sudan|Sudanese
      SR|Suriname|Surinamese
      SE|Sweden|Swedish
      CH|Switzerland|Swiss
      SY|Syria|Syrian
      TJ|Tajikistan|Tajik
      TH|Thailand|Thai
      TL|Timor-Leste|Timorese
      TG|Togo|Togolese
      TO|Tonga|Tongan
      TT|Trinidad and Tobago|Trinidadian
      TN|Tunisia|Tunisian
      TR|Turkey|Turkish
      TM|Turkmenistan|Turkmen
      TV|Tuvalu|Tuvaluan
      UG|Uganda|Ugandan
      UA|Ukraine|Ukrainian
      AE|United Arab Emirates|Emirati
      GB|United Kingdom|British
      TZ|Tanzania|Tanzanian
      US|United States|American
      UY|Uruguay|Uruguayan
      UZ|Uzbekistan|Uzbek
      VU|Vanuatu|Ni-Vanuatu
      VE|Venezuela|Venezuelan
      VN|Vietnam|Vietnamese
      YE|Yemen|Yemeni
      ZM|Zambia|Zambian
      ZW|Zimbabwe|Zimbabwean
      VA|Holy See|Vatican
      PS|Palestine|Palestinian
      XK|Kosovo|Kosovar
      TW|Taiwan|Taiwanese
      EH|Western Sahara|Sahrawi
      """;

  @Test
  void everyStateResolvesByItsEnglishNameAndItsDemonym() {
    final List<String[]> rows = STATES.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\\|")).toList();
    assertThat(rows).hasSize(198);
    assertThat(rows.stream().map(r -> r[0])).containsAll(UN_MEMBERS).contains("VA", "PS", "XK", "TW", "EH");
    for (final String[] row : rows) {
      final String code = row[0];
      final String name = row[1];
      if (code.equals("GE")) {
        // Georgia is the US state unless the text names the country otherwise too.
        assertThat(gazetteer.find(name + " and Russia").counts()).as(name).doesNotContainKey("GE");
        assertThat(gazetteer.find(name + " said the Georgian envoy would go.").counts()).as(name).containsOnlyKeys("GE");
      } else {
        assertThat(gazetteer.find("Talks: " + name + " said on Monday it would attend.").counts()).as(name).containsOnlyKeys(code);
      }
      if (!row[2].equals("-")) {
        assertThat(gazetteer.find("The " + row[2] + " delegation arrived.").counts()).as(row[2]).containsOnlyKeys(code);
      }
    }
    assertThat(gazetteer.find("Congolese officials").counts()).as("the DRC's, the larger").containsOnlyKeys("CD");
    assertThat(gazetteer.find("Republic of the Congo and Congo-Brazzaville").counts()).containsOnlyKeys("CG");
    assertThat(gazetteer.find("the Dominican delegation").counts()).containsOnlyKeys("DO");
  }

  @Test
  void aNameThatIsAlsoAPersonsIsNotTheStateInThatPersonsName() {
    assertThat(gazetteer.find("Jordan said it would host the talks.").counts()).containsOnlyKeys("JO");
    assertThat(gazetteer.find("Egypt and Jordan backed the plan.").counts()).containsOnlyKeys("EG", "JO");
    assertThat(gazetteer.find("The far-right leader Jordan Bardella criticised it.").counts()).isEmpty();
    assertThat(gazetteer.find("The late Michael Jordan story.").counts()).isEmpty();
    assertThat(gazetteer.find("Chad Daniels wrote the report.").counts()).isEmpty();
    assertThat(gazetteer.find("Sudan and Chad agreed to reopen the crossing.").counts()).containsOnlyKeys("SD", "TD");
    assertThat(gazetteer.find("In Jordan, officials said so.").counts()).containsOnlyKeys("JO");
  }

  @Test
  void georgiaIsTheStateOnlyWhenTheTextSaysSo() {
    assertThat(gazetteer.find("Georgia's governor signed the bill in Atlanta.").counts()).isEmpty();
    assertThat(gazetteer.find("Georgia and Armenia opened the border, Tbilisi said.").counts()).containsEntry("GE", 2);
    assertThat(gazetteer.find("Georgian and Azerbaijani ministers met.").counts()).containsOnlyKeys("GE", "AZ");
  }

  private static long day(final String date) {
    return java.time.LocalDate.parse(date).toEpochDay();
  }

  @Test
  void aLeaderSpeaksForTheStateOfTheirOfficeOnTheArticlesDay() {
    assertThat(gazetteer.find("Rutte said the alliance would respond.", day("2023-03-01")).counts()).containsOnlyKeys("NL");
    assertThat(gazetteer.find("Rutte said the alliance would respond.", day("2025-06-25")).counts()).containsOnlyKeys("NATO");
    assertThat(gazetteer.find("Stoltenberg warned Moscow.", day("2022-04-01")).counts()).containsOnlyKeys("NATO", "RU");
    assertThat(gazetteer.find("Stoltenberg presented the budget.", day("2025-10-01")).counts()).containsOnlyKeys("NO");
    assertThat(gazetteer.find("Kallas spoke.", day("2023-05-01")).counts()).containsOnlyKeys("EE");
    assertThat(gazetteer.find("Kallas spoke.", day("2025-05-01")).counts()).containsOnlyKeys("EU");
  }

  @Test
  void aFormerLeaderSpeaksForNoOneAndAnIncomingOneAlready() {
    assertThat(gazetteer.find("former president Jair Bolsonaro was convicted", day("2025-09-11")).counts()).isEmpty();
    assertThat(gazetteer.find("Bolsonaro visited Washington.", day("2020-03-07")).counts()).containsOnlyKeys("BR", "US");
    assertThat(gazetteer.find("Biden said the truce would hold.", day("2024-11-26")).counts()).containsOnlyKeys("US");
    assertThat(gazetteer.find("Biden said the truce would hold.", day("2025-06-01")).counts()).isEmpty();
    assertThat(gazetteer.find("Trump's envoy joined the Gaza talks.", day("2025-01-10")).counts()).as("president-elect").containsOnlyKeys("US", "PS");
    assertThat(gazetteer.find("Trump said so.", day("2023-06-01")).counts()).as("between terms").isEmpty();
    assertThat(gazetteer.find("Trump said so.", day("2018-06-12")).counts()).containsOnlyKeys("US");
    assertThat(gazetteer.find("Sharif spoke.", day("2016-01-01")).counts()).as("Nawaz").containsOnlyKeys("PK");
    assertThat(gazetteer.find("Rutte said so.").counts()).as("undated: the latest office").containsOnlyKeys("NATO");
  }

  @Test
  void leadersDataIsCheckedWhenRead() {
    assertThatThrownBy(() -> Leaders.read(List.of("US\tJohn Doe\tpresident\t2020-13-01\t")))
        .hasMessageContaining("leaders.tsv:1: not a date");
    assertThatThrownBy(() -> Leaders.read(List.of("US\tJohn Doe\tpresident\t2020-01-01\t2019-01-01")))
        .hasMessageContaining("ends before it starts");
    assertThatThrownBy(() -> Leaders.read(List.of("# a comment", "US\tJohn Doe\tpresident")))
        .hasMessageContaining("leaders.tsv:2: expected 5");
  }
}
