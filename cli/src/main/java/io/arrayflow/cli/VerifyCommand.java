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
import io.arrayflow.workloads.spec.OpSpec;
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
 * {@code arrayflow verify}: every MAC layer at cycle fidelity with random operands, its outputs
 * compared with the reference engine's; PASS or FAIL per layer and dataflow. Layers above the MAC
 * budget are skipped unless {@code --scale-down} asks for a smaller copy. Exit status: 0 when every
 * layer that ran passed, {@link Main#EXIT_VERIFY_FAILED} when any failed, {@link
 * Main#EXIT_BAD_INPUT} when nothing was verified (every MAC layer skipped, or none to verify).
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
      description = "Largest layer (MACs) run at cycle fidelity (default ${DEFAULT-VALUE}).")
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
    int vector = 0;
    for (Dataflow d : dfs) {
      for (Layer l : layers) {
        if (!l.isMac()) {
          vector += d == dfs.get(0) ? 1 : 0;
          continue;
        }
        OpSpec op = l.mac();
        String note = "";
        String skipped = null;
        if (op.macs() > maxMacs && !scaleDown) {
          skipped = "above --max-macs " + maxMacs + "; use --scale-down to verify a smaller copy";
        } else if (op.macs() > maxMacs) {
          note = "scaled down from " + op.macs() + " MACs";
          op = ScaleDown.of(op, maxMacs);
        }
        if (skipped == null) {
          Resources.require(arch, op, d, Fidelity.CYCLE);
          double steps = ResourceEstimate.cycleSteps(arch, op, d);
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
          t.row(l.name(), d.key(), op.macs(), null, null, null, "SKIP", skipped);
          skip++;
          continue;
        }
        Verification v = runner.verify(op, d, seed, note);
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
          "verify %s on %s: %d passed, %d failed, %d skipped%s%n",
          w.name(),
          arch.name(),
          pass,
          fail,
          skip,
          vector == 0
              ? ""
              : "; "
                  + vector
                  + " vector layers not verified (the vector unit has no value-level model)");
    }
    if (fail > 0) {
      return Main.EXIT_VERIFY_FAILED;
    }
    if (pass == 0) {
      spec.commandLine()
          .getErr()
          .println(
              "error: nothing was verified: "
                  + (skip > 0
                      ? "every MAC layer was skipped (above --max-macs "
                          + maxMacs
                          + " or --max-steps); see the notes"
                      : "no MAC layers to run (the vector unit has no value-level model)"));
      return Main.EXIT_BAD_INPUT;
    }
    return 0;
  }
}
