package io.parley.processor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.processor.ProcessorConfig;
import io.parley.processor.topology.DeadLetterHandlers;
import io.parley.processor.topology.ParleyTopology;
import io.parley.processor.topology.TopologyListener;
import io.parley.schemas.Alert;
import io.parley.schemas.RawItem;
import io.parley.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON mirror writes each alert revision, with the alerts' key, in the one JSON shape. */
class AlertsJsonMirrorTest {

  private static final Instant T0 = Instant.parse("2025-05-10T12:00:00Z");

  @TempDir Path stateDir;

  private static RawItem item(final String feed, final String title) {
    return RawItem.newBuilder().setItemKey(feed + ":1").setFeedId(feed).setFeedUrl("https://" + feed + ".test/rss")
        .setFeedTitle(feed).setGuid("1").setLink("https://" + feed + ".test/1").setTitle(title)
        .setSummary("The truce took effect at five.").setPublished(T0).setFetchedAt(T0.plusSeconds(60)).build();
  }

  @Test
  void everyAlertRevisionIsMirroredAsJsonUnderTheSameKey() {
    final Topics topics = Topics.standard();
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "mirror-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    DeadLetterHandlers.configure(props, topics.dlq().name(), TopologyListener.NONE);
    try (TopologyTestDriver driver = new TopologyTestDriver(
        AlertsJsonMirror.attach(ParleyTopology.build(topics, ProcessorConfig.defaults()), topics), props)) {
      final TestInputTopic<String, RawItem> raw = driver.createInputTopic(topics.rawItems().name(),
          Serdes.String().serializer(), topics.rawItems().valueSerde().serializer());
      final TestOutputTopic<String, Alert> alerts = driver.createOutputTopic(topics.alerts().name(),
          Serdes.String().deserializer(), topics.alerts().valueSerde().deserializer());
      final TestOutputTopic<String, String> json = driver.createOutputTopic(AlertsJsonMirror.topic(topics).name(),
          Serdes.String().deserializer(), Serdes.String().deserializer());
      for (final RawItem item : List.of(item("wire", "India and Pakistan agree to a ceasefire"),
          item("daily", "India and Pakistan agree ceasefire after strikes"))) {
        raw.pipeInput(item.getItemKey(), item, item.getFetchedAt());
      }
      final List<KeyValue<String, Alert>> avro = alerts.readKeyValuesToList();
      final List<KeyValue<String, String>> mirrored = json.readKeyValuesToList();
      assertThat(avro).isNotEmpty();
      assertThat(mirrored).hasSameSizeAs(avro);
      for (int i = 0; i < avro.size(); i++) {
        assertThat(mirrored.get(i).key).isEqualTo(avro.get(i).key);
        assertThat(mirrored.get(i).value).isEqualTo(JsonShapes.line(JsonShapes.alert(avro.get(i).value)));
      }
      assertThat(mirrored).anySatisfy(kv -> assertThat(kv.value).contains("\"revision\":2", "\"confirmed\":true"));
    }
  }
}
