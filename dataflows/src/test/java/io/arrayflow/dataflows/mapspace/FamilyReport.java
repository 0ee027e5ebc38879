package io.arrayflow.dataflows.mapspace;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.analysis.AccessAnalysis;
import io.arrayflow.dataflows.analysis.AccessCounts;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.Locale;

/**
 * Per-layer figures of the WS/OS/IS families (not a test): utilised PEs and AccessAnalysis totals
 * per level for a zoo workload on eyeriss or edge-int8. Args: workload (alexnet), arch (eyeriss |
 * edge-int8), print mappings (false).
 */
public final class FamilyReport {
  private FamilyReport() {}

  /** Prints one row per dataflow and layer, then a total per dataflow. */
  public static void main(String[] args) {
    String workload = args.length > 0 ? args[0] : "alexnet";
    ArchSpec arch =
        args.length > 1 && args[1].equals("edge-int8") ? TestArchs.edgeInt8() : TestArchs.eyeriss();
    boolean mappings = args.length > 2 && Boolean.parseBoolean(args[2]);
    Hierarchy h = ArchHierarchy.of(arch);
    System.out.printf(
        Locale.ROOT,
        "%s on %s (%d PEs); per level reads/fills/updates summed over operands%n",
        workload,
        arch.name(),
        h.pes());
    for (Dataflow df : Dataflow.values()) {
      MappingFamily family = df.family();
      long macs = 0;
      long steps = 0;
      long[] total = new long[h.size() * 3];
      long nanos = 0;
      System.out.printf(
          Locale.ROOT,
          "%n%-3s %-10s %12s %5s %10s %-32s %-32s %-32s %-32s %-32s %10s %10s%n",
          df.key(),
          "layer",
          "MACs",
          "PEs",
          "steps",
          "rf.outputs R/F/U",
          "rf.weights R/F/U",
          "rf.inputs R/F/U",
          "glb R/F/U",
          "dram R/F/U",
          "X fills",
          "deliveries");
      for (Layer layer : ModelZoo.named(workload, 1, 128).layers()) {
        OpSpec spec = layer.mac();
        if (spec == null) {
          continue;
        }
        long t0 = System.nanoTime();
        MappingChoice choice = family.choose(spec, h);
        nanos += System.nanoTime() - t0;
        if (!choice.found()) {
          System.out.printf(Locale.ROOT, "%-3s %-10s none: %s%n", "", layer.name(), choice);
          continue;
        }
        AccessCounts c = AccessAnalysis.count(spec, h, choice.mapping());
        Role x = stationary(df);
        String xLevel = "rf." + x.key();
        StringBuilder cells = new StringBuilder();
        for (int lv = 0; lv < h.size(); lv++) {
          String name = h.level(lv).name();
          long r = c.total(name, AccessAction.READ);
          long f = c.total(name, AccessAction.FILL);
          long u = c.total(name, AccessAction.UPDATE);
          total[lv * 3] += r;
          total[lv * 3 + 1] += f;
          total[lv * 3 + 2] += u;
          cells.append(String.format(Locale.ROOT, " %-32s", r + "/" + f + "/" + u));
        }
        long deliveries = 0;
        for (Role role : Role.values()) {
          deliveries += c.deliveries(role);
        }
        macs += c.macs();
        steps += c.computeCycles();
        System.out.printf(
            Locale.ROOT,
            "%-3s %-10s %12d %5d %10d%s %10d %10d%n",
            "",
            layer.name(),
            c.macs(),
            c.utilisedPes(),
            c.computeCycles(),
            cells,
            c.fills(xLevel, x),
            deliveries);
        if (mappings) {
          System.out.println(choice.mapping());
        }
      }
      StringBuilder cells = new StringBuilder();
      for (int lv = 0; lv < h.size(); lv++) {
        cells.append(
            String.format(
                Locale.ROOT,
                " %-32s",
                total[lv * 3] + "/" + total[lv * 3 + 1] + "/" + total[lv * 3 + 2]));
      }
      System.out.printf(
          Locale.ROOT,
          "%-3s %-10s %12d %5s %10d%s   utilisation %.3f, choose %.2f ms total%n",
          "",
          "TOTAL",
          macs,
          "",
          steps,
          cells,
          (double) macs / steps / h.pes(),
          nanos / 1e6);
    }
  }

  private static Role stationary(Dataflow df) {
    return switch (df) {
      case WS -> Role.WEIGHTS;
      case OS -> Role.OUTPUTS;
      case IS -> Role.INPUTS;
      case RS, NLR -> Role.WEIGHTS;
    };
  }
}
