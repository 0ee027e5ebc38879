package io.arrayflow.reports.chart;

import io.arrayflow.reports.chart.ChartData.Panel;
import io.arrayflow.reports.chart.ChartData.Point;
import io.arrayflow.reports.chart.ChartData.Series;
import io.arrayflow.reports.chart.ChartData.Shape;
import io.arrayflow.reports.results.Designs;
import io.arrayflow.reports.results.Designs.Design;
import io.arrayflow.reports.results.Objective;
import io.arrayflow.reports.results.ResultRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The chart builders behind {@link ChartKind}: pure functions of result rows. */
final class Charts {
  private static final String TOTAL = "TOTAL";

  private Charts() {}

  static ChartData energyBreakdown(ResultRows all, ChartKind.Options o) {
    ResultRows rows = layer(all, o.layer(), "energy-breakdown");
    List<String> parts = new ArrayList<>();
    for (String c : rows.columnsStartingWith("energy_")) {
      if (!c.equals("energy_unit")) {
        parts.add(c);
      }
    }
    List<Series> series = new ArrayList<>();
    for (String part : parts) {
      List<Point> points = new ArrayList<>();
      boolean any = false;
      for (List<String> r : rows.rows()) {
        double perMac = rows.number(r, part) / Math.max(1, rows.number(r, "macs"));
        any |= perMac > 0;
        points.add(Point.bar(category(rows, r), perMac));
      }
      if (any) {
        series.add(new Series(part.substring("energy_".length()), false, points));
      }
    }
    String unit = rows.text(rows.rows().get(0), "energy_unit");
    return new ChartData(
        "energy-breakdown",
        Shape.STACKED_BARS,
        "Energy per MAC by level, " + what(rows, o.layer()),
        "dataflow",
        "energy per MAC (" + unit + ")",
        List.of(new Panel("", series)));
  }

  static ChartData dramPerMac(ResultRows all, ChartKind.Options o) {
    ResultRows rows = layer(all, o.layer(), "dram-per-mac");
    List<Series> series = new ArrayList<>();
    for (String reads : rows.columnsStartingWith("dram_reads_")) {
      String operand = reads.substring("dram_reads_".length());
      String writes = "dram_writes_" + operand;
      List<Point> points = new ArrayList<>();
      for (List<String> r : rows.rows()) {
        double n = rows.number(r, reads) + (rows.has(writes) ? rows.number(r, writes) : 0);
        points.add(Point.bar(category(rows, r), n / Math.max(1, rows.number(r, "macs"))));
      }
      series.add(new Series(operand, false, points));
    }
    return new ChartData(
        "dram-per-mac",
        Shape.STACKED_BARS,
        "DRAM accesses per MAC by operand, " + what(rows, o.layer()),
        "dataflow",
        "DRAM accesses per MAC (values read or written)",
        List.of(new Panel("", series)));
  }

  static ChartData latency(ResultRows all, ChartKind.Options o) {
    ResultRows rows = macLayers(all);
    require(!rows.rows().isEmpty(), "latency", "needs per-layer rows of MAC layers");
    oneDesign(rows, "latency");
    // Every stall_<cause> column; stall_cycles is their sum, not a cause.
    List<String> causes = new ArrayList<>(rows.columnsStartingWith("stall_"));
    causes.remove("stall_cycles");
    Map<String, ResultRows> byDataflow = new LinkedHashMap<>();
    for (List<String> r : rows.rows()) {
      String d = rows.text(r, "dataflow");
      byDataflow.computeIfAbsent(d, k -> rows.where(x -> rows.text(x, "dataflow").equals(k)));
    }
    List<Panel> panels = new ArrayList<>();
    for (Map.Entry<String, ResultRows> e : byDataflow.entrySet()) {
      ResultRows d = e.getValue();
      List<Series> series = new ArrayList<>();
      List<Point> busy = new ArrayList<>();
      for (List<String> r : d.rows()) {
        busy.add(Point.bar(layerLabel(d, r), d.number(r, "cycles") - d.number(r, "stall_cycles")));
      }
      series.add(new Series("busy", false, busy));
      for (String c : causes) {
        List<Point> points = new ArrayList<>();
        for (List<String> r : d.rows()) {
          points.add(Point.bar(layerLabel(d, r), d.number(r, c)));
        }
        series.add(new Series(c.substring("stall_".length()) + " stall", false, points));
      }
      panels.add(new Panel(e.getKey(), series));
    }
    return new ChartData(
        "latency",
        Shape.STACKED_BARS,
        "Cycles per MAC layer, stalls by cause, " + context(rows),
        "layer",
        "cycles",
        panels);
  }

  static ChartData pareto(ResultRows rows, ChartKind.Options o) {
    require(
        rows.has("point") && rows.has("status"),
        "pareto",
        "needs a sweep's results.csv (columns point and status)");
    List<Design> designs = Designs.of(rows, List.of());
    require(!designs.isEmpty(), "pareto", "needs at least one design whose every workload ran");
    List<Design> front = Designs.pareto(designs);
    Set<String> dataflows = new LinkedHashSet<>();
    designs.forEach(d -> dataflows.add(d.dataflow()));
    List<Series> series = new ArrayList<>();
    for (String df : dataflows) {
      List<Point> points = new ArrayList<>();
      for (Design d : designs) {
        if (d.dataflow().equals(df)) {
          points.add(Point.at(d.latencyMs(), d.energy(), ""));
        }
      }
      series.add(new Series(df, false, points));
    }
    // Label only the best design of each objective, so labels never pile up on the front.
    Map<Design, List<String>> best = new LinkedHashMap<>();
    for (Objective obj : Objective.values()) {
      best.computeIfAbsent(Designs.ranked(designs, obj).get(0), k -> new ArrayList<>())
          .add(obj.key());
    }
    List<Point> line = new ArrayList<>();
    for (Design d : front) {
      line.add(Point.at(d.latencyMs(), d.energy(), best.containsKey(d) ? "p" + d.point() : ""));
    }
    series.add(new Series("Pareto front", true, line));
    List<String> legend = new ArrayList<>();
    best.forEach(
        (d, of) ->
            legend.add("best " + String.join(", ", of) + ": p" + d.point() + " " + d.dataflow()));
    return new ChartData(
        "pareto",
        Shape.SCATTER,
        "Sweep designs: energy against latency, "
            + context(rows)
            + "\n"
            + String.join("; ", legend),
        "latency (ms)",
        "energy (" + designs.get(0).unit() + ")",
        List.of(new Panel("", series)));
  }

  static ChartData roofline(ResultRows all, ChartKind.Options o) {
    Roof roof = o.roof();
    require(roof != null, "roofline", "needs the architecture (its peak MACs and DRAM bandwidth)");
    ResultRows rows =
        ok(all).where(r -> !TOTAL.equals(all.text(r, "layer")) && all.number(r, "macs") > 0);
    require(!rows.rows().isEmpty(), "roofline", "needs per-layer rows of MAC layers");
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    Map<String, List<Point>> byDataflow = new LinkedHashMap<>();
    for (List<String> r : rows.rows()) {
      double bytes = 0;
      if (rows.has("dram_bytes")) {
        bytes = rows.number(r, "dram_bytes");
      } else {
        for (Map.Entry<String, Integer> op : roof.bitsPerOperand().entrySet()) {
          for (String rw : List.of("dram_reads_", "dram_writes_")) {
            if (rows.has(rw + op.getKey())) {
              bytes += rows.number(r, rw + op.getKey()) * op.getValue() / 8.0;
            }
          }
        }
      }
      double macs = rows.number(r, "macs");
      double seconds = rows.number(r, "latency_ms") / 1000;
      if (bytes <= 0 || seconds <= 0) {
        continue;
      }
      double oi = macs / bytes;
      lo = Math.min(lo, oi);
      hi = Math.max(hi, oi);
      // A decoder's layers are named after their phase: one series per dataflow and phase kind,
      // unlabelled, each point once (every decode step repeats most layers).
      String layer = rows.text(r, "layer");
      String phase =
          layer.startsWith("prefill.") ? " prefill" : layer.startsWith("decode.") ? " decode" : "";
      List<Point> series =
          byDataflow.computeIfAbsent(rows.text(r, "dataflow") + phase, k -> new ArrayList<>());
      Point p = Point.at(oi, macs / seconds / 1e9, phase.isEmpty() ? layer : "");
      if (phase.isEmpty() || !series.contains(p)) {
        series.add(p);
      }
    }
    require(hi > 0, "roofline", "needs layers that move DRAM data");
    lo = Math.min(lo, roof.ridge()) / 4;
    hi = Math.max(hi, roof.ridge()) * 4;
    List<Series> series = new ArrayList<>();
    byDataflow.forEach((d, points) -> series.add(new Series(d, false, points)));
    double peak = roof.peakMacsPerSecond() / 1e9;
    double bw = roof.dramBytesPerSecond() / 1e9;
    series.add(
        new Series(
            "roof",
            true,
            List.of(
                Point.at(lo, lo * bw, ""),
                Point.at(
                    roof.ridge(),
                    peak,
                    String.format(Locale.ROOT, "ridge %.3g MAC/B", roof.ridge())),
                Point.at(hi, peak, ""))));
    return new ChartData(
        "roofline",
        Shape.LOG_SCATTER,
        String.format(
            Locale.ROOT,
            "Roofline of %s (%.4g GMAC/s, %.4g GB/s DRAM), %s",
            roof.arch(),
            peak,
            bw,
            context(rows, "workload")),
        "operational intensity (MACs per DRAM byte)",
        "performance (GMAC/s)",
        List.of(new Panel("", series)));
  }

  /** The ok rows of {@code layer} (TOTAL by default); fails if there are none. */
  private static ResultRows layer(ResultRows all, String layer, String kind) {
    String want = layer == null ? TOTAL : layer;
    ResultRows rows = ok(all).where(r -> all.text(r, "layer").equals(want));
    require(!rows.rows().isEmpty(), kind, "has no rows of layer '" + want + "'");
    return rows;
  }

  /**
   * The ok per-layer rows of layers with MACs (vector layers take few cycles and would crowd the
   * axis; their rows stay in the CSV).
   */
  private static ResultRows macLayers(ResultRows all) {
    return ok(all).where(r -> !TOTAL.equals(all.text(r, "layer")) && all.number(r, "macs") > 0);
  }

  /** Fails unless every row ran on one architecture (one sweep point, one arch label). */
  private static void oneDesign(ResultRows rows, String kind) {
    for (String c : List.of("point", "arch")) {
      if (rows.has(c) && distinct(rows, c) > 1) {
        throw new IllegalArgumentException(
            kind
                + " chart draws one architecture; the rows hold "
                + distinct(rows, c)
                + " "
                + c
                + "s (keep the rows of one "
                + c
                + ")");
      }
    }
  }

  /** Rows without a status column, or whose status is ok. */
  private static ResultRows ok(ResultRows rows) {
    return rows.has("status") ? rows.where(r -> rows.text(r, "status").equals("ok")) : rows;
  }

  private static void require(boolean ok, String kind, String what) {
    if (!ok) {
      throw new IllegalArgumentException(kind + " chart " + what);
    }
  }

  /** A bar's category: the dataflow, prefixed by what else varies among the rows. */
  private static String category(ResultRows rows, List<String> r) {
    StringBuilder b = new StringBuilder();
    for (String c : List.of("point", "arch", "workload")) {
      if (rows.has(c) && distinct(rows, c) > 1) {
        b.append(c.equals("point") ? "p" : "").append(rows.text(r, c)).append(' ');
      }
    }
    return b.append(rows.text(r, "dataflow")).toString();
  }

  private static String layerLabel(ResultRows rows, List<String> r) {
    return distinct(rows, "workload") > 1
        ? rows.text(r, "workload") + " " + rows.text(r, "layer")
        : rows.text(r, "layer");
  }

  private static long distinct(ResultRows rows, String column) {
    return rows.rows().stream().map(r -> rows.text(r, column)).distinct().count();
  }

  private static String what(ResultRows rows, String layer) {
    return (layer == null || layer.equals(TOTAL) ? "network total" : "layer " + layer)
        + ", "
        + context(rows);
  }

  /** "eyeriss, alexnet", or "several archs" when the rows mix them. */
  private static String context(ResultRows rows) {
    return context(rows, "arch", "workload");
  }

  /** The single value of each of {@code columns} in {@code rows}, or how many there are. */
  private static String context(ResultRows rows, String... columns) {
    List<String> parts = new ArrayList<>();
    for (String c : columns) {
      if (rows.has(c)) {
        long n = distinct(rows, c);
        parts.add(n == 1 ? rows.text(rows.rows().get(0), c) : n + " " + c + "s");
      }
    }
    return String.join(", ", parts);
  }
}
