package io.parley.schemas;

import java.time.Instant;
import java.util.List;

/** One fully populated instance of every record, for round-trip tests. */
final class Samples {

  static final Instant T0 = Instant.parse("2025-04-11T12:00:00Z");

  private Samples() {}

  static FeedConfig feedConfig() {
    return FeedConfig.newBuilder().setFeedId("f1").setUrl("https://example.org/rss")
        .setName("Example").setTags(List.of("world")).setAddedAt(T0).build();
  }

  static RawItem rawItem() {
    return RawItem.newBuilder().setItemKey("f1:abc").setFeedId("f1").setFeedUrl("https://example.org/rss")
        .setGuid("urn:1").setLink("https://example.org/a").setTitle("Envoy meets president")
        .setSummary("<p>Talks lasted four hours.</p>").setPublished(T0).setFetchedAt(T0.plusSeconds(5))
        .setFlags(List.of("GUID_FROM_LINK")).build();
  }

  static FeedStatus feedStatus() {
    return FeedStatus.newBuilder().setFeedId("f1").setUrl("https://example.org/rss").setPolledAt(T0)
        .setOutcome(PollOutcome.HTTP_ERROR).setHttpStatus(503).setLatencyMs(120).setError("503 Service Unavailable")
        .setNextPollAt(T0.plusSeconds(600)).build();
  }

  static Signal signal() {
    return Signal.newBuilder().setType(SignalType.SANCTIONS).setMode(SignalMode.THREATENED)
        .setInstrument("TARIFF").setEvidence("I am going to put secondary tariffs on all oil.")
        .setCameo("1312").setPlover("THREATEN/restrict").setSalience(Salience.BACKGROUND)
        .setConfidence(0.8).setRule("sanctions.threat.conditional").build();
  }

  static Article article() {
    return Article.newBuilder().setArticleId("a1").setItemKey("f1:abc").setGuid("urn:1")
        .setUrl("https://example.org/a").setTitle("Envoy meets president").setText("Talks lasted four hours.")
        .setSource("Example").setFeedId("f1").setPublished(T0).setIngested(T0.plusSeconds(5))
        .setLanguage("en").setFingerprint("0123456789abcdef").setTrack("RU-UA").setRoundId("RU-UA-20250411-1")
        .setActors(List.of("US", "RU")).setPlaces(List.of("St Petersburg")).setSignals(List.of(signal()))
        .setRulesVersion("1").build();
  }

  static Round round() {
    return Round.newBuilder().setRoundId("r1").setTrack("RU-UA").setTitle("Witkoff–Putin talks")
        .setStatus(RoundStatus.HELD).setParticipants(List.of("US", "RU")).setPlaces(List.of("St Petersburg"))
        .setStart(T0).setEnd(T0.plusSeconds(3600)).setArticleIds(List.of("a1")).setSources(List.of("Example"))
        .setSignals(List.of(new SignalRef(SignalType.MEETING, SignalMode.HELD))).build();
  }

  static Alert alert() {
    return Alert.newBuilder().setAlertId("r1/MEETING/HELD").setRevision(2).setType(SignalType.MEETING)
        .setMode(SignalMode.HELD).setRoundId("r1").setTrack("RU-UA").setTitle("Meeting held")
        .setEvidence("Witkoff met Putin.").setArticleIds(List.of("a1", "a2")).setSources(List.of("A", "B"))
        .setLinks(List.of("https://example.org/a")).setFirstSeen(T0).setUpdated(T0.plusSeconds(60))
        .setSeverity(Severity.HIGH).setConfirmed(true).build();
  }

  static DeadLetter deadLetter() {
    return DeadLetter.newBuilder().setStage("decode").setTopic("parley.raw-items").setPartition(0).setOffset(42L)
        .setKey(java.nio.ByteBuffer.wrap(new byte[] {1})).setValue(java.nio.ByteBuffer.wrap(new byte[] {2, 3}))
        .setError("corrupt").setErrorClass("SerializationException").setFailedAt(T0).build();
  }

  static List<org.apache.avro.specific.SpecificRecordBase> all() {
    return List.of(feedConfig(), rawItem(), feedStatus(), article(), signal(), round(), alert(), deadLetter());
  }
}
