package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.mapper.MapperOptions;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.reports.chart.ChartData;
import io.arrayflow.reports.chart.ChartKind;
import io.arrayflow.reports.chart.Roof;
import io.arrayflow.reports.io.OutputDir;
import io.arrayflow.reports.manifest.Manifest;
import io.arrayflow.reports.results.Objective;
import io.arrayflow.reports.results.ResultRows;
import io.arrayflow.reports.results.ResultTables;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow compare}: the whole workload under each dataflow, one TOTAL row per dataflow
 * ranked by an objective with the best value of each column marked, and which dataflow has the
 * lowest energy and the lowest latency; {@code --per-layer} ranks every layer the same way.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Compare dataflows on a workload: one ranked total row per dataflow.")
final class CompareCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin Target target;

  @Mixin DataflowOption dataflow;

  @Option(
      names = "--fidelity",
      defaultValue = "event",
      description = "analytical, event or cycle (default ${DEFAULT-VALUE}).")
  String fidelity;

  @Option(
      names = "--objective",
      defaultValue = "edp",
      description =
          "What the mapper minimises per layer on a multicast NoC and what ranks the dataflows:"
              + " energy, cycles or edp (default ${DEFAULT-VALUE}).")
  String objective;

  @Option(
      names = "--per-layer",
      description = "Rank the dataflows on every layer too, not only on the totals.")
  boolean perLayer;

  @Option(
      names = "--charts",
      paramLabel = "DIR",
      description =
          "Also draw energy-breakdown, latency, dram-per-mac and roofline charts (PNG and SVG)"
              + " into DIR.")
  String charts;

  @Mixin FormatOption format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Also write the per-layer results.csv, results.json, the mappings and manifest.json"
              + " into DIR (whole or not at all).")
  String out;

  @Override
  public Integer call() throws Exception {
    return Interrupts.during("arrayflow compare", this::work);
  }

  private Integer work() {
    ReportFormat fmt = format.get();
    Fidelity fid = RunCommand.fidelity(fidelity);
    Objective obj = objective(objective);
    Path outDir = ResultOutput.check("--out", out);
    Path chartDir = ResultOutput.check("--charts", charts);
    ArchSpec arch = target.arch();
    List<Dataflow> dfs = dataflow.get(arch);
    Workload w = target.workload();
    List<Layer> layers = target.layers(w);
    Resources.require(arch, layers, dfs, fid);
    LayerRunner runner =
        new LayerRunner(
            arch, target.table(arch), MapperOptions.of(RunCommand.objective(objective)));
    PrintWriter err = spec.commandLine().getErr();
    Runs runs = new Runs(runner, w, layers, dfs, fid, null, target.label(arch), err);
    Phases phases = target.phases(w, arch);
    List<LayerResult> phaseRows = phases == null ? List.of() : phases.rows(runs.rows());
    PrintWriter stdout = spec.commandLine().getOut();
    if (fmt.forPeople()) {
      if (perLayer || phaseRows.isEmpty()) {
        List<LayerResult> shown = perLayer ? byLayer(runs.rows()) : runs.totals();
        stdout.print(fmt.render(ResultTables.ranked(shown, obj)));
      }
      if (!phaseRows.isEmpty()) {
        stdout.print(fmt.render(ResultTables.ranked(phaseRows, obj, phases.extra())));
      }
      if (!runs.totals().isEmpty()) {
        stdout.print(verdict(runs.totals()));
      }
    } else if (!phaseRows.isEmpty() && !perLayer) {
      stdout.print(fmt.render(ResultTables.full(phaseRows, phases.extra())));
    } else {
      stdout.print(fmt.render(ResultTables.full(perLayer ? byLayer(runs.rows()) : runs.totals())));
    }
    if (outDir != null) {
      Manifest manifest = Manifests.ofRun(spec, target, arch, w.name(), fid.key());
      ResultOutput.write(
          "--out", outDir, err, dir -> runs.write(dir, manifest, target.options(), phases));
    }
    if (chartDir != null && !runs.totals().isEmpty()) {
      ResultRows rows =
          ResultRows.parseCsv(ReportFormat.CSV.render(ResultTables.full(runs.rows())));
      // A decoder's latency chart has a bar per phase (prefill, each step), not per layer.
      List<LayerResult> steps = new ArrayList<>(phaseRows);
      steps.removeIf(r -> r.layer().equals(Phases.DECODE));
      ResultRows latency =
          steps.isEmpty()
              ? rows
              : ResultRows.parseCsv(ReportFormat.CSV.render(ResultTables.full(steps)));
      List<ChartData> drawn = new ArrayList<>();
      for (ChartKind k : ChartKind.values()) {
        if (k != ChartKind.PARETO) {
          ResultRows data = k == ChartKind.LATENCY ? latency : rows;
          drawn.add(k.data(data, new ChartKind.Options(null, Roof.of(arch))));
        }
      }
      ResultOutput.write(
          "--charts",
          chartDir,
          err,
          dir -> {
            List<String> files = new ArrayList<>();
            for (ChartData d : drawn) {
              files.addAll(ChartFiles.write(dir, "", d));
              dir.writeString(d.kind() + ".txt", d.toText());
              files.add(d.kind() + ".txt");
            }
            files.add(OutputDir.MARKER);
            dir.writeString(
                OutputDir.MARKER,
                Manifests.ofRun(spec, target, arch, w.name(), fid.key())
                    .put("files", files)
                    .toJson());
          });
    }
    return runs.reportUnmapped(err);
  }

  /** The rows with each layer's dataflows together, layers in workload order, TOTAL last. */
  private static List<LayerResult> byLayer(List<LayerResult> rows) {
    List<String> order = new ArrayList<>();
    for (LayerResult r : rows) {
      if (!order.contains(r.layer())) {
        order.add(r.layer());
      }
    }
    order.remove("TOTAL");
    order.add("TOTAL");
    List<LayerResult> out = new ArrayList<>(rows);
    out.sort(Comparator.comparingInt(r -> order.indexOf(r.layer())));
    return out;
  }

  private static String verdict(List<LayerResult> totals) {
    LayerResult energy = totals.get(0);
    LayerResult latency = totals.get(0);
    for (LayerResult t : totals) {
      energy = t.energy().total() < energy.energy().total() ? t : energy;
      latency = t.cycles() < latency.cycles() ? t : latency;
    }
    return String.format(
        Locale.ROOT,
        "lowest energy: %s (%.4g %s); lowest latency: %s (%d cycles, %.4g ms)%n",
        energy.dataflow(),
        energy.energy().total(),
        energy.energy().unit(),
        latency.dataflow(),
        latency.cycles(),
        latency.latencyMs());
  }

  /** Parses {@code --objective}: the mapper's objective and the ranking, named alike. */
  static Objective objective(String value) {
    RunCommand.objective(value);
    try {
      return Objective.named(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--objective: " + e.getMessage());
    }
  }
}
