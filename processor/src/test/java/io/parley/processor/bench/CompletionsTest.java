package io.parley.processor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.signals.ArticleCoder;
import io.parley.processor.topology.DeadLetterHandlers;
import io.parley.processor.topology.ParleyTopology;
import io.parley.processor.topology.TopologyListener;
import io.parley.schemas.Alert;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: the benchmark counted an article when it was coded, before its round and alerts, so
 * the topology figure left out the second half of the work. Every raw item ends in exactly one
 * completion, after the last step that concerns it — seen from outside the topology.
 */
class CompletionsTest {

  private static final Instant T0 = Instant.parse("2025-05-10T12:00:00Z");

  @TempDir Path stateDir;

  private static RawItem item(final String feed, final String guid, final String title, final String text, final Instant published) {
    return RawItem.newBuilder().setItemKey(feed + ":" + guid).setFeedId(feed).setFeedUrl("https://" + feed + ".test/rss")
        .setFeedTitle(feed).setGuid(guid).setLink("https://" + feed + ".test/" + guid).setTitle(title).setSummary(text)
        .setPublished(published).setFetchedAt(published.plusSeconds(60)).build();
  }

  @Test
  void everyItemIsSeenOnceAfterItsLastStep() {
    final Topics topics = Topics.standard();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final TopologyListener alerts = new TopologyListener() {
      @Override
      public void alert(final Alert alert, final Instant published, final Instant ingested) {
        events.add("alert " + alert.getAlertId());
      }
    };
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "completions-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    DeadLetterHandlers.configure(props, topics.dlq().name(), TopologyListener.NONE);
    try (TopologyTestDriver driver = new TopologyTestDriver(Completions.attach(
        ParleyTopology.build(topics, ProcessorConfig.defaults(), ArticleCoder.bundled(), alerts),
        article -> events.add("settled " + article.getItemKey() + (article.getTrack() == null ? "" : " " + article.getRoundId())),
        () -> events.add("dead")), props)) {
      final TestInputTopic<String, RawItem> raw = driver.createInputTopic(topics.rawItems().name(),
          Serdes.String().serializer(), topics.rawItems().valueSerde().serializer());
      final TestInputTopic<String, byte[]> rawBytes = driver.createInputTopic(topics.rawItems().name(),
          Serdes.String().serializer(), Serdes.ByteArray().serializer());
      for (final RawItem item : List.of(
          item("wire", "1", "India and Pakistan agree to a ceasefire", "The truce took effect at five.", T0),
          item("daily", "2", "India and Pakistan agree to a ceasefire", "The truce took effect at five.", T0.plusSeconds(60)),
          item("wire", "3", "Retailers report strong sales", "Spending rose.", T0))) {
        raw.pipeInput(item.getItemKey(), item, item.getFetchedAt());
      }
      rawBytes.pipeInput("bad:1", new byte[] {1, 2, 3}, T0);
    }

    assertThat(events).filteredOn(e -> !e.startsWith("alert")).hasSize(4);
    assertThat(events).filteredOn(e -> e.startsWith("settled wire:1")).singleElement().asString().contains("IN-PK/");
    assertThat(events).filteredOn(e -> e.startsWith("settled daily:2")).hasSize(1);
    assertThat(events).contains("settled wire:3", "dead");
    assertThat(events.indexOf(events.stream().filter(e -> e.startsWith("settled wire:1")).findFirst().orElseThrow()))
        .as("settled after its alert was raised").isGreaterThan(events.indexOf(events.stream()
            .filter(e -> e.startsWith("alert ")).findFirst().orElseThrow()));
  }
}
