package io.parley.processor.cli;

import io.parley.schemas.ParleySchemaStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parley} command line. */
@Command(name = "parley", mixinStandardHelpOptions = true,
    versionProvider = ParleyCommand.Version.class,
    description = "Watches diplomatic news as it breaks: feeds → Kafka → signals, rounds and alerts.",
    subcommands = {RunCommand.class, ServiceCommands.Ingest.class, ServiceCommands.Process.class, ServiceCommands.Web.class, FeedCommand.class, SchemasCommand.class,
        FeedsCommand.class, BenchCommand.class,
        ReplayCommand.class, EvalCommand.class, AlertsCommand.class,
        CommandLine.HelpCommand.class})
public final class ParleyCommand implements Runnable {

  /** Exit code for bad arguments or configuration. */
  public static final int BAD_CONFIG = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(final String[] args) {
    ParleySchemaStore.trustGeneratedClasses();
    System.exit(execute(System.getenv(), args));
  }

  /** Runs the command line with {@code env} as the environment; returns the exit code. */
  public static int execute(final Map<String, String> env, final String... args) {
    final CommandLine cli = commandLine(env);
    return cli.execute(args);
  }

  static CommandLine commandLine(final Map<String, String> env) {
    final CommandLine cli = new CommandLine(new ParleyCommand(), new EnvFactory(env));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      final PrintWriter err = commandLine.getErr();
      if (e instanceof ConfigError) {
        err.println("parley: " + e.getMessage());
        err.flush();
        return BAD_CONFIG;
      }
      throw e;
    });
    // A mistyped option is a configuration error like any other: one line, exit code 2.
    cli.setParameterExceptionHandler((e, args) -> {
      final PrintWriter err = e.getCommandLine().getErr();
      final List<String> suggestions = e instanceof CommandLine.UnmatchedArgumentException unmatched
          ? unmatched.getSuggestions() : List.of();
      err.println("parley: " + e.getMessage().lines().findFirst().orElse("bad arguments")
          + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)")
          + "; see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
      err.flush();
      return BAD_CONFIG;
    });
    return cli;
  }

  /** Hands the environment to commands, so that tests can pass their own. */
  static final class EnvFactory implements CommandLine.IFactory {
    private final Map<String, String> env;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    EnvFactory(final Map<String, String> env) {
      this.env = env;
    }

    @Override
    public <K> K create(final Class<K> cls) throws Exception {
      final K instance = fallback.create(cls);
      if (instance instanceof UsesEnvironment user) {
        user.environment(env);
      }
      return instance;
    }
  }

  /** Commands that read {@code PARLEY_*} / {@code KAFKA_*} variables. */
  interface UsesEnvironment {
    void environment(Map<String, String> env);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      final String v = ParleyCommand.class.getPackage().getImplementationVersion();
      return new String[] {"parley " + (v == null ? "dev" : v)};
    }
  }
}
