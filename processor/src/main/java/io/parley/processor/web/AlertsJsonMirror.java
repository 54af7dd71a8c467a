package io.parley.processor.web;

import io.parley.processor.topology.ParleyTopology;
import io.parley.schemas.Alert;
import io.parley.schemas.Topic;
import io.parley.schemas.Topics;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The opt-in JSON mirror of the alerts topic ({@code PARLEY_ALERTS_JSON=true}): every alert
 * revision also written to {@code <prefix>alerts-json}, keyed by round id like the alerts, its
 * value the JSON of {@link JsonShapes#alert} as UTF-8 text — for Kafka Connect sinks, ksqlDB and
 * kcat, which need no Avro. Added to the topology from outside, as a child of the step that raises
 * alerts ({@link ParleyTopology#ALERTS_STEP}), so it is written in the same transaction as the Avro
 * alert (exactly once) and the Streams core knows nothing of JSON.
 */
public final class AlertsJsonMirror {

  private AlertsJsonMirror() {}

  /** The mirror topic of {@code topics}. */
  public static Topic<String, String> topic(final Topics topics) {
    return new Topic<>(topics.prefix() + "alerts-json", Serdes.String(), Serdes.String(), "delete", Optional.empty());
  }

  /** Adds the mirror to {@code topology} (built by {@link ParleyTopology}, not yet started). */
  public static Topology attach(final Topology topology, final Topics topics) {
    topology.addProcessor("alerts-to-json", () -> new Processor<String, Alert, String, String>() {
      private ProcessorContext<String, String> context;

      @Override
      public void init(final ProcessorContext<String, String> context) {
        this.context = context;
      }

      @Override
      public void process(final Record<String, Alert> record) {
        context.forward(record.withValue(JsonShapes.line(JsonShapes.alert(record.value()))));
      }
    }, ParleyTopology.ALERTS_STEP);
    topology.addSink("alerts-json-sink", topic(topics).name(), new StringSerializer(), new StringSerializer(),
        "alerts-to-json");
    return topology;
  }
}
