package io.arrayflow.cli;

import io.arrayflow.reports.table.ReportFormat;
import picocli.CommandLine.Option;

/** The {@code --format} option of every command that prints a table. */
final class FormatOption {
  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, csv, json or markdown (default ${DEFAULT-VALUE}).")
  String format;

  /** The chosen format; a bad name is a bad-input error listing the valid ones. */
  ReportFormat get() {
    return Formats.named(format);
  }
}
