package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.reports.io.OutputDir;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code --out DIR} of {@code run}, {@code compare} and {@code sweep}: checked before any
 * simulation starts, then written as one {@link OutputDir} transaction, so the files of one run
 * appear together or not at all and an earlier result set is replaced whole.
 */
final class ResultOutput {
  private ResultOutput() {}

  /** What writes the files of a result set into a transaction. */
  interface Writer {
    /** Writes every file of the result set into {@code dir}. */
    void write(OutputDir dir) throws IOException;
  }

  /**
   * The directory {@code option} names ({@code --out}), or null when it was not given; a value that
   * cannot receive results is bad input, found before the work starts.
   */
  static Path check(String option, String value) {
    if (value == null) {
      return null;
    }
    String problem = OutputDir.problem(value);
    if (problem != null) {
      throw new ConfigException(option + ": " + problem);
    }
    return Path.of(value);
  }

  /**
   * Writes a result set into {@code dir} with {@code writer}, whole or not at all; says on {@code
   * err} when it replaced an earlier one.
   */
  static void write(String option, Path dir, java.io.PrintWriter err, Writer writer) {
    OutputDir tx = null;
    boolean earlier = java.nio.file.Files.exists(dir.resolve(OutputDir.MARKER));
    try {
      tx = OutputDir.begin(dir);
      writer.write(tx);
      if (tx.commit() && earlier) {
        err.println("note: " + option + ": replaced the earlier result set in " + dir);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ConfigException(option + ": cannot write results into " + dir + ": " + e);
    } finally {
      if (tx != null) {
        tx.abort();
      }
    }
  }
}
