package io.parley.processor.cli;

import java.util.Map;
import picocli.CommandLine;

/** A command that reads {@code PARLEY_*} / {@code KAFKA_*} variables and writes to its command line's streams. */
abstract class EnvCommand implements ParleyCommand.UsesEnvironment {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  Map<String, String> env = Map.of();

  @Override
  public void environment(final Map<String, String> env) {
    this.env = env;
  }
}
