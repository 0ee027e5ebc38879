package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapspace.MappingChoice;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.Locale;
import java.util.function.Function;

/**
 * Per-layer figures of the mapper against the fixed rules (not a test): for a zoo workload on a
 * built-in multicast arch, each dataflow's layers with the rule's and the mapper's energy, cycles
 * and objective (analytical model), the candidates scored and the mapper's time per layer (wall
 * clock, and CPU time of the whole process: every worker thread). Args: workload (alexnet), arch
 * (eyeriss | eyeriss-256 | edge-int8), objective (edp), budget.
 */
public final class MapperReport {
  private MapperReport() {}

  /** CPU time of the whole process (every thread), nanoseconds. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Prints one row per dataflow and layer and a total per dataflow. */
  public static void main(String[] args) {
    String workload = args.length > 0 ? args[0] : "alexnet";
    String archName = args.length > 1 ? args[1] : "eyeriss";
    ArchSpec arch =
        switch (archName) {
          case "edge-int8" -> TestArchs.edgeInt8();
          case "eyeriss-256" -> TestArchs.eyeriss256();
          default -> TestArchs.eyeriss();
        };
    Objective objective = Objective.named(args.length > 2 ? args[2] : "edp");
    MapperOptions options = MapperOptions.of(objective);
    if (args.length > 3) {
      options = options.withBudget(Integer.parseInt(args[3]));
    }
    EnergyModel table = EnergyTables.named(arch.energyTable());
    Hierarchy h = ArchHierarchy.of(arch);
    Function<OpSpec, Evaluator> evaluators = op -> new Evaluator(op, arch, h, table);
    System.out.printf(
        Locale.ROOT,
        "%s on %s, %s, budget %d, %d threads%n",
        workload,
        arch.name(),
        objective.key(),
        options.budget(),
        options.threads());
    for (Dataflow df : Dataflow.values()) {
      Mapper mapper = new Mapper(arch, h, table, options);
      double[] rule = new double[2];
      double[] mapped = new double[2];
      long totalNanos = 0;
      long totalCpu = 0;
      System.out.printf(
          Locale.ROOT,
          "%n%-3s %-22s %11s %11s %11s %11s %8s %9s %9s %s%n",
          df.key(),
          "layer",
          "rule E",
          "rule cyc",
          "mapper E",
          "mapper cyc",
          "gain",
          "ms",
          "cpu ms",
          "search");
      for (Layer layer : ModelZoo.named(workload, 1, 128).layers()) {
        OpSpec spec = layer.mac();
        if (spec == null) {
          continue;
        }
        MappingChoice choice = df.family().choose(spec, h);
        Evaluator ev = new Evaluator(spec, arch, h, table);
        boolean ruleFits = choice.found() && ev.evaluate(Candidate.of(choice.mapping(), h));
        double re = ruleFits ? ev.energy() : Double.NaN;
        long rc = ruleFits ? ev.cycles() : 0;
        long t0 = System.nanoTime();
        long c0 = cpu();
        LayerPlan plan = mapper.map(spec, df);
        long nanos = System.nanoTime() - t0;
        long cpuNanos = cpu() - c0;
        totalNanos += nanos;
        totalCpu += cpuNanos;
        double me = MapperCases.score(plan, h, Objective.ENERGY, evaluators);
        long mc = (long) MapperCases.score(plan, h, Objective.CYCLES, evaluators);
        rule[0] += re;
        rule[1] += rc;
        mapped[0] += me;
        mapped[1] += mc;
        System.out.printf(
            Locale.ROOT,
            "%-3s %-22s %11.4g %11d %11.4g %11d %8.2f %9.1f %9.1f %s%n",
            "",
            layer.name(),
            re,
            rc,
            me,
            mc,
            objective.score(re, rc) / objective.score(me, mc),
            nanos / 1e6,
            cpuNanos / 1e6,
            plan.summary());
      }
      System.out.printf(
          Locale.ROOT,
          "%-3s %-22s %11.4g %11d %11.4g %11d %8.2f %9.1f %9.1f%n",
          df.key(),
          "TOTAL",
          rule[0],
          (long) rule[1],
          mapped[0],
          (long) mapped[1],
          objective.score(rule[0], (long) rule[1]) / objective.score(mapped[0], (long) mapped[1]),
          totalNanos / 1e6,
          totalCpu / 1e6);
    }
  }
}
