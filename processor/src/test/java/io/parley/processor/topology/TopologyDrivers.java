package io.parley.processor.topology;

import io.parley.processor.ProcessorConfig;
import io.parley.schemas.Topics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/** The service topology on a {@link TopologyTestDriver}, with the dead-letter handlers the service configures. */
final class TopologyDrivers {

  private TopologyDrivers() {}

  /** A driver of the topology for {@code topics} with default settings, its state under {@code stateDir}. */
  static TopologyTestDriver start(final Topics topics, final String applicationId, final Path stateDir) {
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    DeadLetterHandlers.configure(props, topics.dlq().name(), TopologyListener.NONE);
    return new TopologyTestDriver(ParleyTopology.build(topics, ProcessorConfig.defaults()), props);
  }
}
