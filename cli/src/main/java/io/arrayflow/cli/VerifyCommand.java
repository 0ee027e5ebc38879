package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.dataflows.run.ResourceEstimate;
import io.arrayflow.dataflows.run.ScaleDown;
import io.arrayflow.dataflows.run.Verification;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.reports.table.Table;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow verify}: every layer at cycle fidelity with random operands, its outputs
 * compared with the reference engine's; PASS or FAIL per layer and dataflow. MAC layers run on the
 * PE array (a causal one as its query blocks), vector layers on the vector unit's float32 datapath
 * (pooling, whose window shape its spec does not hold, is skipped). Layers above the budget (MACs,
 * or a vector layer's elements) are skipped unless {@code --scale-down} asks for a smaller copy.
 * Exit status: 0 when every layer that ran passed, {@link Main#EXIT_VERIFY_FAILED} when any failed,
 * {@link Main#EXIT_BAD_INPUT} when nothing was verified.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Run layers at cycle fidelity with real values and check them against the"
            + " reference engine.")
final class VerifyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin Target target;

  @Mixin DataflowOption dataflow;

  @Option(
      names = "--max-macs",
      defaultValue = "2000000",
      description =
          "Largest layer (MACs; elements of a vector layer) run at cycle fidelity (default"
              + " ${DEFAULT-VALUE}).")
  long maxMacs;

  @Option(
      names = "--max-steps",
      defaultValue = "10000000000",
      description =
          "Largest cycle-level run in PE-steps (cycles × PEs stepped; a systolic array steps"
              + " every PE every cycle), about 20 s per 10^10 (default ${DEFAULT-VALUE}).")
  double maxSteps;

  @Option(
      names = "--scale-down",
      description = "Verify a scaled-down copy of layers above --max-macs instead of skipping.")
  boolean scaleDown;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the random operands.")
  long seed;

  @Mixin FormatOption format;

  @Override
  public Integer call() {
    ReportFormat fmt = format.get();
    if (maxMacs < 1) {
      throw new ConfigException("--max-macs: must be >= 1, was " + maxMacs);
    }
    if (!(maxSteps >= 1)) {
      throw new ConfigException("--max-steps: must be >= 1, was " + maxSteps);
    }
    ArchSpec arch = target.arch();
    List<Dataflow> dfs = dataflow.get(arch);
    Workload w = target.workload();
    List<Layer> layers = target.layers(w);
    LayerRunner runner = new LayerRunner(arch, target.table(arch));
    Table.Builder t =
        Table.withColumns(
            "layer", "dataflow", "macs", "cycles", "max_abs_error", "tolerance", "result", "note");
    int pass = 0;
    int fail = 0;
    int skip = 0;
    for (Dataflow d : dfs) {
      for (Layer l : layers) {
        String note = "";
        String skipped = null;
        long size = l.isMac() ? l.macs() : l.vector().elements();
        Layer run = l;
        if (!l.isMac() && l.vector().kind().pooling()) {
          skipped = "pooling has no value model (its window shape is not in its spec)";
        } else if (size > maxMacs && !scaleDown) {
          skipped =
              "above --max-macs "
                  + maxMacs
                  + (l.isMac() ? "" : " elements")
                  + "; use --scale-down to verify a smaller copy";
        } else if (size > maxMacs && l.isMac()) {
          note = "scaled down from " + l.macs() + " MACs";
          run = Layer.of(ScaleDown.of(l.mac(), maxMacs));
        } else if (size > maxMacs) {
          VectorOpSpec v = l.vector();
          note = "scaled down from " + v.rows() + " rows";
          run =
              Layer.of(v.firstRows(Math.max(1, maxMacs / v.rowLength()))).fusedInto(l.fusedInto());
        }
        if (skipped == null && run.isMac()) {
          Resources.require(arch, run.mac(), d, Fidelity.CYCLE);
          double steps = ResourceEstimate.cycleSteps(arch, run.mac(), d);
          if (steps > maxSteps) {
            skipped =
                String.format(
                    Locale.ROOT,
                    "about %.3g PE-steps, above --max-steps %.3g; raise it to run this layer",
                    steps,
                    maxSteps);
          }
        }
        if (skipped != null) {
          t.row(l.name(), d.key(), run.macs(), null, null, null, "SKIP", skipped);
          skip++;
          continue;
        }
        Verification v = runner.verify(run, d, seed, note);
        t.row(
            v.layer(),
            d.key(),
            v.macs(),
            v.cycles(),
            v.maxAbsError(),
            v.tolerance(),
            v.pass() ? "PASS" : "FAIL",
            v.note());
        if (v.pass()) {
          pass++;
        } else {
          fail++;
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(fmt.render(t.build()));
    if (fmt == ReportFormat.TABLE) {
      out.printf(
          Locale.ROOT,
          "verify %s on %s: %d passed, %d failed, %d skipped%n",
          w.name(),
          arch.name(),
          pass,
          fail,
          skip);
    }
    if (fail > 0) {
      return Main.EXIT_VERIFY_FAILED;
    }
    if (pass == 0) {
      spec.commandLine()
          .getErr()
          .println(
              "error: nothing was verified: "
                  + "every layer was skipped (above --max-macs "
                  + maxMacs
                  + " or --max-steps, or pooling); see the notes");
      return Main.EXIT_BAD_INPUT;
    }
    return 0;
  }
}
