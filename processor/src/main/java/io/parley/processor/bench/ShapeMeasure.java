package io.parley.processor.bench;

import io.parley.processor.ProcessorConfig;
import io.parley.schemas.Topic;
import java.util.List;

/** {@link TopologyShape}: the topology's topics, repartition and store writes, on the same records, without its work. */
final class ShapeMeasure {

  private final StreamsRun run;

  ShapeMeasure(final StreamsRun run) {
    this.run = run;
  }

  StreamsRun.Throughput run(final String prefix, final Workload workload, final boolean measured)
      throws InterruptedException {
    final Topic<String, byte[]> in = StreamsRun.bytesTopic(prefix + "shape-in");
    final Topic<String, byte[]> articles = StreamsRun.bytesTopic(prefix + "shape-articles");
    final Topic<String, byte[]> alerts = StreamsRun.bytesTopic(prefix + "shape-alerts");
    run.createTopics(List.of(in, articles, alerts));
    run.preload(in.name(), workload);
    final StreamsRun.Progress progress = new StreamsRun.Progress();
    return run.measure(TopologyShape.build(in.name(), articles.name(), alerts.name(), ProcessorConfig.defaults().dedupWindow(),
        progress::tick), prefix.replace('.', '-') + "shape", progress, workload.size(), null, measured);
  }
}
