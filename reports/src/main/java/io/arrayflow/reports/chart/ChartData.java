package io.arrayflow.reports.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a chart shows, apart from how it looks: a title, axis labels with units, and one or more
 * panels of named series. Bar charts ({@link Shape#STACKED_BARS}) put each point on a category;
 * scatter charts ({@link Shape#SCATTER}, {@link Shape#LOG_SCATTER}) on an x value. A title may have
 * a second line. {@link #toText()} is the form golden tests compare.
 *
 * @param kind the chart kind's key
 * @param shape how the data is drawn
 * @param title the title (names the arch and workload)
 * @param xLabel the domain axis label, with unit
 * @param yLabel the range axis label, with unit
 * @param panels the panels, top to bottom, sharing the domain axis
 */
public record ChartData(
    String kind, Shape shape, String title, String xLabel, String yLabel, List<Panel> panels) {

  /** Copies the panels. */
  public ChartData {
    panels = List.copyOf(panels);
  }

  /** How the data is drawn. */
  public enum Shape {
    /** Stacked bars, one bar per category. */
    STACKED_BARS,
    /** Marks and lines on linear axes (a Pareto front). */
    SCATTER,
    /** Marks and lines on logarithmic axes (a roofline). */
    LOG_SCATTER
  }

  /** One panel: its name (shown on its range axis when there are several) and its series. */
  public record Panel(String name, List<Series> series) {
    /** Copies the series. */
    public Panel {
      series = List.copyOf(series);
    }
  }

  /**
   * A named series; {@code line} series are drawn joined (a Pareto front, a roof), the others as
   * marks.
   */
  public record Series(String name, boolean line, List<Point> points) {
    /** Copies the points. */
    public Series {
      points = List.copyOf(points);
    }
  }

  /**
   * One value: on a bar chart its category and height; on a scatter chart its x and y, and an
   * optional label drawn beside it (empty for none).
   */
  public record Point(String category, double x, double y, String label) {
    /** A bar of height {@code y} in {@code category}. */
    public static Point bar(String category, double y) {
      return new Point(category, Double.NaN, y, "");
    }

    /** A mark at ({@code x}, {@code y}) with {@code label} beside it. */
    public static Point at(double x, double y, String label) {
      return new Point("", x, y, label);
    }
  }

  /** The data as text, one line per point, numbers to 6 significant digits: for golden tests. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("chart: ").append(kind).append(" (").append(shape.name().toLowerCase(Locale.ROOT));
    b.append(")\ntitle: ").append(title).append("\nx: ").append(xLabel);
    b.append("\ny: ").append(yLabel).append('\n');
    for (Panel p : panels) {
      b.append("panel: ").append(p.name()).append('\n');
      for (Series s : p.series()) {
        b.append("  series: ").append(s.name()).append(s.line() ? " (line)" : "").append('\n');
        for (Point pt : s.points()) {
          b.append("    ");
          if (shape == Shape.STACKED_BARS) {
            b.append(pt.category()).append(": ").append(num(pt.y()));
          } else {
            b.append(num(pt.x())).append(", ").append(num(pt.y()));
            if (!pt.label().isEmpty()) {
              b.append("  ").append(pt.label());
            }
          }
          b.append('\n');
        }
      }
    }
    return b.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /** The names of every series in every panel, each once, in first-seen order. */
  public List<String> seriesNames() {
    List<String> out = new ArrayList<>();
    for (Panel p : panels) {
      for (Series s : p.series()) {
        if (!out.contains(s.name())) {
          out.add(s.name());
        }
      }
    }
    return out;
  }
}
