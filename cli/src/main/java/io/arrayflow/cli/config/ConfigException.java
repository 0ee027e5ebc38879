package io.arrayflow.cli.config;

import java.util.List;

/**
 * Bad user input: every problem found in a config, each naming the file, the YAML path, the bad
 * value and what is allowed. The CLI prints the messages and exits with status 2.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** An exception carrying {@code problems}, one message each, in the order found. */
  public ConfigException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /** An exception carrying one problem. */
  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** The problems, one message each. */
  public List<String> problems() {
    return problems;
  }
}
