package io.arrayflow.cli;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.mapper.MapperOptions;
import io.arrayflow.dataflows.run.LayerRun;
import io.arrayflow.dataflows.run.LayerRunner;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow compare}: the whole workload under each dataflow, one TOTAL row per dataflow,
 * and which dataflow has the lowest energy and the lowest latency.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Compare dataflows on a workload: one total row per dataflow.")
final class CompareCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin Target target;

  @Option(
      names = "--dataflows",
      defaultValue = "all",
      description = "A comma list of ws, os, is, or all (default ${DEFAULT-VALUE}).")
  String dataflows;

  @Option(
      names = "--fidelity",
      defaultValue = "event",
      description = "analytical, event or cycle (default ${DEFAULT-VALUE}).")
  String fidelity;

  @Option(
      names = "--objective",
      defaultValue = "edp",
      description =
          "What the mapper minimises per layer on a multicast NoC: energy, cycles or edp"
              + " (default ${DEFAULT-VALUE}).")
  String objective;

  @Mixin FormatOption format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write the per-layer results.csv, results.json and mappings.txt.")
  Path out;

  @Override
  public Integer call() {
    ReportFormat fmt = format.get();
    Fidelity fid = RunCommand.fidelity(fidelity);
    List<Dataflow> dfs = Target.dataflows("--dataflows", dataflows);
    ArchSpec arch = target.arch();
    Workload w = target.workload();
    List<Layer> layers = target.layers(w);
    LayerRunner runner =
        new LayerRunner(
            arch, target.table(arch), MapperOptions.of(RunCommand.objective(objective)));
    List<LayerRun> runs = new ArrayList<>();
    List<LayerResult> totals = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Dataflow d : dfs) {
      List<LayerResult> results = new ArrayList<>();
      for (Layer l : layers) {
        LayerRun r = runner.run(w.name(), l, d, fid, null);
        runs.add(r);
        if (r.mapped()) {
          results.add(r.result());
        } else if (!failed.contains(d.key())) {
          failed.add(d.key());
        }
      }
      if (!results.isEmpty() && !failed.contains(d.key())) {
        totals.add(ResultTables.total(results));
      }
    }
    PrintWriter stdout = spec.commandLine().getOut();
    if (fmt == ReportFormat.TABLE) {
      stdout.print(fmt.render(ResultTables.compact(totals)));
      if (!totals.isEmpty()) {
        LayerResult energy = totals.get(0);
        LayerResult latency = totals.get(0);
        for (LayerResult t : totals) {
          energy = t.energy().total() < energy.energy().total() ? t : energy;
          latency = t.cycles() < latency.cycles() ? t : latency;
        }
        stdout.printf(
            Locale.ROOT,
            "lowest energy: %s (%.4g %s); lowest latency: %s (%d cycles, %.4g ms)%n",
            energy.dataflow(),
            energy.energy().total(),
            energy.energy().unit(),
            latency.dataflow(),
            latency.cycles(),
            latency.latencyMs());
      }
    } else {
      stdout.print(fmt.render(ResultTables.full(totals)));
    }
    if (out == null && failed.isEmpty()) {
      return 0;
    }
    // The per-layer files and the unmapped layers' reasons, without printing the layer table.
    PrintWriter quiet = new PrintWriter(java.io.Writer.nullWriter());
    return RunCommand.report(
        quiet, spec.commandLine().getErr(), runs, ReportFormat.CSV, out, false);
  }
}
