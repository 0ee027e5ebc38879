package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.MappingLoader;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.mapper.MapperOptions;
import io.arrayflow.dataflows.mapper.Objective;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.run.LayerRun;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.reports.io.AtomicFiles;
import io.arrayflow.reports.results.ResultTables;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow run}: every layer (or one) of a workload with one or all dataflows at one
 * fidelity; a row per layer and dataflow and a TOTAL row per dataflow. Layers no mapping fits are
 * reported with the reasons and make the exit status 2 after the others ran.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Simulate a workload on an architecture with one or all dataflows.")
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin Target target;

  @Option(
      names = "--dataflow",
      defaultValue = "all",
      description = "ws, os, is, a comma list, or all (default ${DEFAULT-VALUE}).")
  String dataflow;

  @Option(
      names = "--fidelity",
      defaultValue = "event",
      description = "analytical, event or cycle (default ${DEFAULT-VALUE}).")
  String fidelity;

  @Option(
      names = "--mapping",
      paramLabel = "FILE",
      description = "An explicit mapping (YAML, docs/mapping.md) instead of the dataflow's own.")
  Path mapping;

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
      description = "Also write results.csv, results.json and mappings.txt into DIR.")
  Path out;

  @Override
  public Integer call() {
    ReportFormat fmt = format.get();
    Fidelity fid = fidelity(fidelity);
    List<Dataflow> dataflows = Target.dataflows("--dataflow", dataflow);
    ArchSpec arch = target.arch();
    Workload w = target.workload();
    List<Layer> layers = target.layers(w);
    Mapping explicit = mapping == null ? null : MappingLoader.load(mapping);
    LayerRunner runner =
        new LayerRunner(
            arch, target.table(arch), MapperOptions.of(RunCommand.objective(objective)));
    if (explicit != null && runner.systolic()) {
      throw new ConfigException(
          "--mapping: "
              + arch.name()
              + " has a systolic NoC, which runs fold schedules; explicit mappings apply to a"
              + " multicast NoC");
    }
    if (explicit != null && dataflows.size() != 1) {
      throw new ConfigException(
          "--mapping: one mapping runs once; name the dataflow it belongs to with --dataflow ws,"
              + " os or is (it labels the rows)");
    }
    List<LayerRun> runs = new ArrayList<>();
    for (Dataflow d : dataflows) {
      for (Layer l : layers) {
        runs.add(runner.run(w.name(), l, d, fid, explicit));
      }
    }
    return report(
        spec.commandLine().getOut(), spec.commandLine().getErr(), runs, fmt, out, mapping != null);
  }

  /** Prints (and writes) the results of {@code runs}; 2 if any layer was unmapped. */
  static int report(
      PrintWriter stdout,
      PrintWriter err,
      List<LayerRun> runs,
      ReportFormat fmt,
      Path out,
      boolean explicit) {
    List<LayerResult> results = new ArrayList<>();
    List<String> unmapped = new ArrayList<>();
    List<String> droppedTotals = new ArrayList<>();
    StringBuilder mappings = new StringBuilder();
    for (LayerRun r : runs) {
      if (r.mapped()) {
        results.add(r.result());
        mappings.append(r.dataflow().key()).append(' ').append(r.layer()).append(": ");
        mappings.append(r.mapping()).append('\n');
      } else {
        unmapped.add(
            (explicit ? "--mapping: " : "")
                + "layer "
                + r.layer()
                + " ("
                + r.dataflow().key()
                + "): no mapping fits: "
                + String.join("; ", r.reasons()));
        if (!droppedTotals.contains(r.dataflow().key())) {
          droppedTotals.add(r.dataflow().key());
        }
      }
    }
    List<LayerResult> complete = new ArrayList<>();
    for (LayerResult r : results) {
      if (!droppedTotals.contains(r.dataflow())) {
        complete.add(r);
      }
    }
    List<LayerResult> rows = ResultTables.withTotals(complete);
    stdout.print(
        fmt.render(
            fmt == ReportFormat.TABLE ? ResultTables.compact(rows) : ResultTables.full(rows)));
    if (out != null) {
      write(out, rows, mappings.toString());
    }
    for (String u : unmapped) {
      err.println("error: " + u);
    }
    if (!droppedTotals.isEmpty()) {
      err.println(
          "error: dataflows left out because some layer could not be mapped: "
              + String.join(", ", droppedTotals));
      return 2;
    }
    return 0;
  }

  private static void write(Path dir, List<LayerResult> results, String mappings) {
    try {
      Files.createDirectories(dir);
      AtomicFiles.writeString(
          dir.resolve("results.csv"), ReportFormat.CSV.render(ResultTables.full(results)));
      AtomicFiles.writeString(
          dir.resolve("results.json"), ReportFormat.JSON.render(ResultTables.full(results)));
      AtomicFiles.writeString(dir.resolve("mappings.txt"), mappings);
    } catch (IOException e) {
      throw new ConfigException("--out: cannot write results into " + dir + ": " + e);
    }
  }

  /** Parses {@code --objective}. */
  static Objective objective(String value) {
    try {
      return Objective.named(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "--objective: unknown objective '" + value + "'; expected energy, cycles or edp");
    }
  }

  /** Parses {@code --fidelity}. */
  static Fidelity fidelity(String value) {
    try {
      return Fidelity.named(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "--fidelity: unknown fidelity '" + value + "'; expected analytical, event or cycle");
    }
  }
}
