package io.parley.processor.cli;

import io.parley.processor.web.JsonShapes;
import io.parley.schemas.Topics;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley alerts tail}: alerts from a running cluster, one readable line each. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Reads alerts from a running cluster's alerts topic.",
    subcommands = {AlertsCommand.Tail.class})
public final class AlertsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code parley alerts tail}. */
  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = {
          "Prints committed alerts (read_committed) as they arrive, one readable line each, until Ctrl-C.",
          "Needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS."})
  public static final class Tail extends EnvCommand implements Callable<Integer> {

    @Mixin KafkaOptions kafkaOptions;

    @Option(names = "--from-beginning", description = "Print the alerts already on the topic first.")
    boolean fromBeginning;

    @Option(names = "--json", description = "One alert a line in its JSON shape (the API's and replay's), for scripts.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
      final Configuration config = Configuration.of(env, kafkaOptions, null);
      final String bootstrap = config.bootstrapServers();
      if (bootstrap == null) {
        throw new ConfigError("alerts tail needs --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
      }
      final Topics topics = config.topics();
      final PrintWriter out = spec.commandLine().getOut();
      final AlertConsole console;
      try {
        console = new AlertConsole(config.kafkaClients(bootstrap, spec.commandLine().getErr()), topics.alerts(), out, fromBeginning,
            json ? a -> JsonShapes.line(JsonShapes.alert(a)) : AlertLine::format);
      } catch (final KafkaException e) {
        throw new ConfigError("cannot read " + topics.alerts().name() + " from " + bootstrap + ": " + e.getMessage());
      }
      final CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        console.close();
        stopped.countDown();
      }, "parley-tail-shutdown"));
      console.start();
      stopped.await();
      return 0;
    }
  }
}
