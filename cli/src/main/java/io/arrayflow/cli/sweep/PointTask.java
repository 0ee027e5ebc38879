package io.arrayflow.cli.sweep;

import io.arrayflow.cli.config.ArchLoader;
import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.Node;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.mapper.MapperOptions;
import io.arrayflow.dataflows.mapper.Objective;
import io.arrayflow.dataflows.run.LayerRun;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.energy.EnergyTableException;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.reports.results.ResultTables;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.reports.table.Table;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a point into rows, the same way wherever it runs (a local thread, a Spark task): the base
 * architecture with the point's axis values applied as {@code --set} would, loaded and checked;
 * then every workload under every dataflow, each layer run as {@code arrayflow run} runs it. A
 * point that cannot run is rows with a status and a reason, not an exception: {@code invalid-arch}
 * (the overrides make an architecture the loader rejects), {@code unmapped} (some layer has no
 * mapping of the dataflow) or {@code error} (the simulator failed).
 */
public final class PointTask {
  /** The columns both files start with, before the axes. */
  private static final List<String> LEAD = List.of("point", "status", "reason");

  private final SweepInputs inputs;
  private final SweepSpec spec;
  private final Node base;
  private final String baseName;
  private final Path baseDir;
  private final List<Workload> workloads;

  /**
   * The task of {@code inputs} (built by {@link SweepInputs#task}): {@code spec} and {@code
   * workloads} read from them, {@code base} the base architecture's document (never changed; each
   * point applies its values to a copy).
   */
  PointTask(SweepInputs inputs, SweepSpec spec, Node base, List<Workload> workloads) {
    this.inputs = inputs;
    this.spec = spec;
    this.base = base;
    this.baseName = inputs.arch().displayName();
    this.baseDir = inputs.arch().baseDirPath();
    this.workloads = List.copyOf(workloads);
  }

  /** The inputs this task was built from: what an engine ships to run it elsewhere. */
  public SweepInputs inputs() {
    return inputs;
  }

  /** The sweep. */
  public SweepSpec spec() {
    return spec;
  }

  /** The workloads every point runs, in the sweep's order. */
  public List<Workload> workloads() {
    return workloads;
  }

  /** Point {@code index} of the grid, with its axis values: how a remote task gets its point. */
  public Point point(long index) {
    return Expansion.point(spec, index);
  }

  /** The columns of results.csv and layers.csv: point, status, reason, one per axis, then run's. */
  public static List<String> columns(SweepSpec spec) {
    List<String> c = new ArrayList<>(LEAD);
    for (SweepSpec.Axis a : spec.axes()) {
      c.add(a.path());
    }
    c.addAll(ResultTables.fullColumns());
    return c;
  }

  /** The rows of point {@code p}. */
  public PointResult run(Point p) {
    List<Object> axes = new ArrayList<>();
    for (Node v : p.values()) {
      axes.add(Axes.text(v));
    }
    Table.Builder results = Table.withColumns(columns(spec));
    Table.Builder layers = Table.withColumns(columns(spec));
    LayerRunner runner;
    try {
      ArchSpec arch =
          ArchLoader.load(
              Expansion.apply(spec, base, p), baseName + " at point " + p.index(), baseDir);
      // The sweep's objective steers each layer's mapping; points run in parallel, so each
      // point's mapper searches on one thread (the result does not depend on it).
      runner =
          new LayerRunner(
              arch,
              table(arch),
              MapperOptions.of(Objective.named(spec.objective().key())).withThreads(1));
    } catch (ConfigException e) {
      failAll(results, p, axes, "invalid-arch", String.join("; ", e.problems()));
      return result(p, results, layers);
    } catch (RuntimeException e) {
      failAll(results, p, axes, "error", String.valueOf(e));
      return result(p, results, layers);
    }
    for (Workload w : workloads) {
      for (Dataflow d : spec.dataflowsOn(runner.arch())) {
        try {
          runOne(runner, w, d, p, axes, results, layers);
        } catch (RuntimeException e) {
          results.row(row(p, "error", String.valueOf(e), axes, blank(runner.arch().name(), w, d)));
        }
      }
    }
    return result(p, results, layers);
  }

  private void runOne(
      LayerRunner runner,
      Workload w,
      Dataflow d,
      Point p,
      List<Object> axes,
      Table.Builder results,
      Table.Builder layers) {
    List<LayerResult> done = new ArrayList<>();
    List<String> unmapped = new ArrayList<>();
    for (Layer l : w.layers()) {
      LayerRun r = runner.run(w.name(), l, d, spec.fidelity(), null);
      if (r.mapped()) {
        done.add(r.result());
      } else {
        unmapped.add("layer " + r.layer() + ": " + String.join("; ", r.reasons()));
      }
    }
    if (!unmapped.isEmpty()) {
      results.row(
          row(p, "unmapped", String.join("; ", unmapped), axes, blank(runner.arch().name(), w, d)));
      return;
    }
    Table full = ResultTables.full(ResultTables.withTotals(done));
    for (List<Object> cells : full.rows()) {
      boolean total = "TOTAL".equals(cells.get(2));
      (total ? results : layers).row(row(p, "ok", "", axes, cells));
    }
  }

  private EnergyModel table(ArchSpec arch) {
    try {
      return EnergyTables.resolve(arch.energyTable(), baseDir == null ? Path.of(".") : baseDir);
    } catch (EnergyTableException e) {
      throw new ConfigException(e.messages());
    }
  }

  private void failAll(
      Table.Builder results, Point p, List<Object> axes, String status, String why) {
    for (Workload w : workloads) {
      for (Dataflow d : spec.dataflows()) {
        results.row(row(p, status, why, axes, blank(archName(), w, d)));
      }
    }
  }

  /** The base architecture's name as its document gives it, for rows of archs that failed. */
  private String archName() {
    if (base instanceof Node.MapNode m && m.entries().get("name") instanceof Node.Scalar s) {
      return s.text();
    }
    return baseName;
  }

  /** The run columns of a row that has no numbers: arch, workload, layer, dataflow, fidelity. */
  private List<Object> blank(String arch, Workload w, Dataflow d) {
    Object[] cells = new Object[ResultTables.fullColumns().size()];
    cells[0] = arch;
    cells[1] = w.name();
    cells[2] = "TOTAL";
    cells[3] = d.key();
    cells[4] = spec.fidelity().key();
    return Arrays.asList(cells);
  }

  private static Object[] row(
      Point p, String status, String reason, List<Object> axes, List<Object> cells) {
    // One CSV line per row: a reason never spans lines.
    List<Object> row =
        new ArrayList<>(List.of(p.index(), status, reason.replace('\n', ' ').replace('\r', ' ')));
    row.addAll(axes);
    row.addAll(cells);
    return row.toArray();
  }

  private static PointResult result(Point p, Table.Builder results, Table.Builder layers) {
    return new PointResult(p.index(), lines(results.build()), lines(layers.build()));
  }

  /** The CSV lines of {@code t} without its header. */
  private static List<String> lines(Table t) {
    List<String> all = ReportFormat.CSV.render(t).lines().toList();
    return all.subList(1, all.size());
  }
}
