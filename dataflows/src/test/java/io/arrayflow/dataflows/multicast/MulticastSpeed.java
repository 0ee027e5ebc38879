package io.arrayflow.dataflows.multicast;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.List;
import java.util.Locale;

/**
 * A rough, JMH-free speed figure (not a test): the multicast executors on a conv with C = M = 64, P
 * = Q = 28, R = S = 3 (28.9 M MACs) on a 12 × 14 array of the reference architecture, after
 * warm-up: event milliseconds per run, cycle fidelity MACs (= PE-steps) per second, int and float.
 * Run: {@code java -cp dataflows/target/classes:dataflows/target/test-classes:... MulticastSpeed}.
 */
public final class MulticastSpeed {
  private MulticastSpeed() {}

  /** Prints one line per executor. */
  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    OpSpec spec = OpSpec.conv("conv-64", 1, 1, 64, 64, 30, 30, 3, 3, 1, 0, 1);
    Hierarchy h =
        Hierarchy.of(
            List.of(StorageLevel.of("rf", Capacity.unbounded(), false)),
            12,
            14,
            List.of(
                StorageLevel.of("glb", Capacity.unbounded(), true),
                StorageLevel.of("dram", Capacity.unbounded(), false)));
    Mapping m =
        Mapping.builder()
            .level("dram")
            .temporal(Dim.M, 2)
            .temporal(Dim.C, 4)
            .order(Dim.M, Dim.C)
            .level("glb")
            .temporal(Dim.P, 28)
            .temporal(Dim.Q, 2)
            .order(Dim.Q, Dim.P)
            .level("array")
            .spatial(Axis.ROWS, Dim.R, 3)
            .spatial(Axis.ROWS, Dim.M, 4)
            .spatial(Axis.COLS, Dim.Q, 14)
            .level("rf")
            .temporal(Dim.M, 8)
            .temporal(Dim.C, 16)
            .temporal(Dim.S, 3)
            .order(Dim.C, Dim.M, Dim.S)
            .build();
    ArchSpec arch = ArchSpec.reference();
    IntTensor wi = Reference.randomWeights(spec, 1, 8);
    IntTensor xi = Reference.randomInputs(spec, 2, 8);
    FloatTensor wf = Reference.randomWeights(spec, 3);
    FloatTensor xf = Reference.randomInputs(spec, 4);
    for (int i = 0; i < 20; i++) {
      MulticastExecutor.event(spec, arch, h, m);
    }
    long t0 = System.nanoTime();
    long cycles = 0;
    for (int i = 0; i < 100; i++) {
      cycles = MulticastExecutor.event(spec, arch, h, m).cycles();
    }
    System.out.printf(
        Locale.ROOT,
        "event   cycles=%d  %.3f ms/run  (analytical cycles=%d)%n",
        cycles,
        (System.nanoTime() - t0) / 1e6 / 100,
        MulticastExecutor.analytical(spec, arch, h, m).cycles());
    System.out.println(
        "cycle int outputs equal Reference.run: "
            + java.util.Arrays.equals(
                MulticastExecutor.cycle(spec, arch, h, m, wi, xi).output().data(),
                Reference.run(spec, wi, xi).data()));
    for (boolean fp : new boolean[] {false, true}) {
      long c = 0;
      for (int i = 0; i < 1; i++) {
        c = cycle(spec, arch, h, m, fp, wi, xi, wf, xf);
      }
      long start = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        c = cycle(spec, arch, h, m, fp, wi, xi, wf, xf);
      }
      double s = (System.nanoTime() - start) / 1e9 / reps;
      System.out.printf(
          Locale.ROOT,
          "cycle %-5s cycles=%d  %.2f s/run  %.1f M MACs/s (= PE-steps/s)  %.2f M steps/s%n",
          fp ? "float" : "int",
          c,
          s,
          spec.macs() / s / 1e6,
          spec.macs() / 168.0 / s / 1e6);
    }
  }

  private static long cycle(
      OpSpec spec,
      ArchSpec arch,
      Hierarchy h,
      Mapping m,
      boolean fp,
      IntTensor wi,
      IntTensor xi,
      FloatTensor wf,
      FloatTensor xf) {
    return fp
        ? MulticastExecutor.cycle(spec, arch, h, m, wf, xf).execution().cycles()
        : MulticastExecutor.cycle(spec, arch, h, m, wi, xi).execution().cycles();
  }
}
