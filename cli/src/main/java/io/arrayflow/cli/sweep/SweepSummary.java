package io.arrayflow.cli.sweep;

import io.arrayflow.reports.results.Designs;
import io.arrayflow.reports.results.Designs.Design;
import io.arrayflow.reports.results.Objective;
import io.arrayflow.reports.results.ResultRows;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.reports.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code summary.md} says about a finished sweep: how many points were drawn, skipped, run and
 * failed; the best design for each objective; the top designs by the sweep's objective; the Pareto
 * set of energy against latency; and why points failed. A design is a point run under one dataflow,
 * its energy, cycles and latency summed over the sweep's workloads (run one after another); a
 * design counts only if every workload ran.
 */
public final class SweepSummary {
  private static final int TOP = 10;
  private static final int FAILURES_SHOWN = 20;

  private SweepSummary() {}

  /** summary.md for a sweep. */
  public static String markdown(SweepSpec spec, Expansion x, ResultRows results) {
    List<String> axisColumns = new ArrayList<>();
    spec.axes().forEach(a -> axisColumns.add(a.path()));
    List<Design> designs = Designs.of(results, axisColumns);
    StringBuilder b = new StringBuilder("# Sweep " + spec.name() + "\n\n");
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<Long, String> failed = new TreeMap<>();
    for (List<String> r : results.rows()) {
      String status = results.text(r, "status");
      byStatus.merge(status, 1, Integer::sum);
      if (!status.equals("ok")) {
        failed.putIfAbsent(
            (long) results.number(r, "point"), status + ": " + results.text(r, "reason"));
      }
    }
    List<String> axes = new ArrayList<>();
    for (SweepSpec.Axis a : spec.axes()) {
      axes.add(a.path() + " (" + a.values().size() + ")");
    }
    b.append(
        String.format(
            Locale.ROOT,
            "Base arch %s; workloads %s; dataflows %s; fidelity %s.%n%n",
            String.join(", ", distinct(results, "arch")),
            String.join(", ", distinct(results, "workload")),
            String.join(", ", spec.dataflows().stream().map(d -> d.key()).toList()),
            spec.fidelity().key()));
    b.append(
        String.format(
            Locale.ROOT,
            "Points: %d in the grid (%s); %d drawn (%s); %d skipped by `where`; %d run, of which"
                + " %d failed. Rows by status: %s.%n%n",
            x.gridSize(),
            axes.isEmpty() ? "no axes" : String.join(" × ", axes),
            x.sampled(),
            spec.sampling().grid()
                ? "grid"
                : "random " + spec.sampling().random() + ", seed " + spec.sampling().seed(),
            x.skipped(),
            x.points().size(),
            failed.size(),
            byStatus.isEmpty() ? "none" : byStatus.toString()));
    b.append(
        "A design is a point under one dataflow, totalled over the workloads; edp is energy ×"
            + " latency (energy unit × ms). Ranked by `"
            + spec.objective().key()
            + "`.\n\n");
    if (designs.isEmpty()) {
      b.append("No design ran on every workload.\n");
    } else {
      b.append("## Best design per objective\n\n");
      Table.Builder best = table(spec, "objective");
      for (Objective o : Objective.values()) {
        best.row(row(spec, o.key(), Designs.ranked(designs, o).get(0)));
      }
      b.append(ReportFormat.MARKDOWN.render(best.build()));
      b.append("\n## Top ").append(Math.min(TOP, designs.size())).append(" by ");
      b.append(spec.objective().key()).append("\n\n");
      Table.Builder top = table(spec, "rank");
      List<Design> ranked = Designs.ranked(designs, spec.objective());
      for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
        top.row(row(spec, String.valueOf(i + 1), ranked.get(i)));
      }
      b.append(ReportFormat.MARKDOWN.render(top.build()));
      b.append("\n## Pareto set: energy against latency\n\n");
      b.append("No other design has both less energy and less latency than these.\n\n");
      Table.Builder front = table(spec, null);
      for (Design d : Designs.pareto(designs)) {
        front.row(row(spec, null, d));
      }
      b.append(ReportFormat.MARKDOWN.render(front.build()));
    }
    if (!failed.isEmpty()) {
      b.append("\n## Failed points\n\n");
      Table.Builder f = Table.withColumns("point", "status: reason");
      int shown = 0;
      for (Map.Entry<Long, String> e : failed.entrySet()) {
        if (shown++ == FAILURES_SHOWN) {
          break;
        }
        f.row(e.getKey(), e.getValue());
      }
      b.append(ReportFormat.MARKDOWN.render(f.build()));
      if (failed.size() > FAILURES_SHOWN) {
        b.append("\n… and ").append(failed.size() - FAILURES_SHOWN);
        b.append(" more; every one is in results.csv (status, reason).\n");
      }
    }
    return b.toString();
  }

  /** The distinct values of {@code column}, in row order: names as the rows give them. */
  private static List<String> distinct(ResultRows rows, String column) {
    return rows.rows().stream().map(r -> rows.text(r, column)).distinct().toList();
  }

  private static Table.Builder table(SweepSpec spec, String lead) {
    List<String> cols = new ArrayList<>();
    if (lead != null) {
      cols.add(lead);
    }
    cols.add("point");
    cols.add("dataflow");
    spec.axes().forEach(a -> cols.add(a.path()));
    cols.addAll(List.of("energy", "unit", "cycles", "latency_ms", "edp"));
    return Table.withColumns(cols);
  }

  private static Object[] row(SweepSpec spec, String lead, Design d) {
    List<Object> r = new ArrayList<>();
    if (lead != null) {
      r.add(lead);
    }
    r.add(d.point());
    r.add(d.dataflow());
    r.addAll(d.axes());
    r.add(String.format(Locale.ROOT, "%.4g", d.energy()));
    r.add(d.unit());
    r.add(d.cycles());
    r.add(d.latencyMs());
    r.add(String.format(Locale.ROOT, "%.4g", d.score(Objective.EDP)));
    return r.toArray();
  }
}
