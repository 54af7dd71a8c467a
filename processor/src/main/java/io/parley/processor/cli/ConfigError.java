package io.parley.processor.cli;

/** Bad configuration: printed as one line on stderr, exit code 2. */
public final class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigError(final String message) {
    super(message);
  }
}
