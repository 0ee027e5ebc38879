package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.MappingLoader;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.mapper.MapperOptions;
import io.arrayflow.dataflows.mapper.Objective;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.reports.manifest.Manifest;
import io.arrayflow.reports.results.ResultTables;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
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

  @Mixin DataflowOption dataflow;

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
      description =
          "Also write results.csv, results.json, mappings/DATAFLOW/LAYER.yaml and manifest.json"
              + " into DIR (whole or not at all).")
  String out;

  @Override
  public Integer call() throws Exception {
    return Interrupts.during("arrayflow run", this::work);
  }

  private Integer work() {
    ReportFormat fmt = format.get();
    Fidelity fid = fidelity(fidelity);
    Path outDir = ResultOutput.check("--out", out);
    ArchSpec arch = target.arch();
    List<Dataflow> dataflows = dataflow.get(arch);
    Workload w = target.workload();
    List<Layer> layers = target.layers(w);
    Resources.require(arch, layers, dataflows, fid);
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
    PrintWriter err = spec.commandLine().getErr();
    Runs runs = new Runs(runner, w, layers, dataflows, fid, explicit, target.label(arch), err);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        fmt.render(
            fmt.forPeople() ? ResultTables.compact(runs.rows()) : ResultTables.full(runs.rows())));
    Phases phases = target.phases(w, arch);
    List<LayerResult> phaseRows = phases == null ? List.of() : phases.rows(runs.rows());
    if (fmt.forPeople() && !phaseRows.isEmpty()) {
      out.println();
      out.print(fmt.render(ResultTables.compact(phaseRows, phases.extra())));
    }
    if (outDir != null) {
      Manifest manifest = Manifests.ofRun(spec, target, arch, w.name(), fid.key());
      ResultOutput.write(
          "--out", outDir, err, dir -> runs.write(dir, manifest, target.options(), phases));
    }
    return runs.reportUnmapped(err);
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
