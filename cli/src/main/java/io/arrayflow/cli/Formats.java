package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.reports.table.ReportFormat;

/** Parses {@code --format} into a {@link ReportFormat}, as a bad-input error when unknown. */
final class Formats {
  private Formats() {}

  static ReportFormat named(String name) {
    try {
      return ReportFormat.named(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--format: " + e.getMessage());
    }
  }
}
