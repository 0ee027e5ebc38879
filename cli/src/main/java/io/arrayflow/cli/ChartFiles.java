package io.arrayflow.cli;

import io.arrayflow.reports.chart.ChartData;
import io.arrayflow.reports.chart.ChartKind;
import io.arrayflow.reports.chart.ChartRenderer;
import io.arrayflow.reports.io.OutputDir;
import io.arrayflow.reports.results.ResultRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The charts of a result set, as PNG and SVG side by side: a sweep draws its Pareto chart, {@code
 * compare --charts} the charts of one run.
 */
final class ChartFiles {
  private ChartFiles() {}

  /** Writes a sweep's charts into {@code charts/} of {@code dir}; returns the files written. */
  static List<String> sweep(OutputDir dir, ResultRows rows) throws IOException {
    List<String> files = new ArrayList<>();
    try {
      files.addAll(
          write(dir, "charts/", ChartKind.PARETO.data(rows, new ChartKind.Options(null, null))));
    } catch (IllegalArgumentException e) {
      // No design ran on every workload: summary.md says so; there is nothing to plot.
    }
    return files;
  }

  /** Writes {@code data} as {@code prefix + kind + .png} and {@code .svg}; returns both names. */
  static List<String> write(OutputDir dir, String prefix, ChartData data) throws IOException {
    String png = prefix + data.kind() + ".png";
    String svg = prefix + data.kind() + ".svg";
    dir.write(png, ChartRenderer.png(data));
    dir.write(svg, ChartRenderer.svg(data));
    return List.of(png, svg);
  }
}
