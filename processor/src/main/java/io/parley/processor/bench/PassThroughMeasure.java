package io.parley.processor.bench;

import io.parley.schemas.Topic;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A plain consume→produce copy of the workload's bytes under the same Streams settings: the limit. */
final class PassThroughMeasure {

  private final StreamsRun run;

  PassThroughMeasure(final StreamsRun run) {
    this.run = run;
  }

  StreamsRun.Throughput run(final String prefix, final Workload workload, final boolean measured)
      throws InterruptedException {
    final Topic<String, byte[]> in = StreamsRun.bytesTopic(prefix + "pass-in");
    final Topic<String, byte[]> out = StreamsRun.bytesTopic(prefix + "pass-out");
    run.createTopics(List.of(in, out));
    run.preload(in.name(), workload);
    final StreamsRun.Progress progress = new StreamsRun.Progress();
    final StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .peek((k, v) -> progress.tick())
        .to(out.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
    return run.measure(builder.build(), prefix.replace('.', '-') + "pass", progress, workload.size(), null, measured);
  }
}
