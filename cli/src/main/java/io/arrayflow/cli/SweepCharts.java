package io.arrayflow.cli;

import io.arrayflow.cli.sweep.SweepSpec;
import io.arrayflow.reports.io.OutputDir;
import io.arrayflow.reports.results.ResultRows;
import java.io.IOException;
import java.util.List;

/** The charts a sweep draws into {@code charts/}. */
final class SweepCharts {
  private SweepCharts() {}

  /** Writes the sweep's charts into {@code dir}; returns the files written. */
  static List<String> write(OutputDir dir, SweepSpec s, ResultRows rows) throws IOException {
    return List.of();
  }
}
