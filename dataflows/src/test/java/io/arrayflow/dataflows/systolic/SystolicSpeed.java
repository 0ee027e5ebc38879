package io.arrayflow.dataflows.systolic;

import io.arrayflow.sim.spec.Preload;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.Locale;

/**
 * A rough, JMH-free speed figure (not a test): PE-cycles per second of {@link SystolicArray} on a
 * 64 × 64 × 576 GEMM (EF × M × K) on a 32 × 32 array, per dataflow, int and float, after warm-up.
 * Run: {@code java -cp dataflows/target/classes:dataflows/target/test-classes:... SystolicSpeed}.
 */
public final class SystolicSpeed {
  private SystolicSpeed() {}

  /** Prints one line per dataflow and datatype. */
  public static void main(String[] args) {
    OpSpec spec = OpSpec.matmul("gemm-64x64x576", 1, 64, 576, 64, true);
    IntTensor wi = Reference.randomWeights(spec, 1, 8);
    IntTensor xi = Reference.randomInputs(spec, 2, 8);
    FloatTensor wf = Reference.randomWeights(spec, 3);
    FloatTensor xf = Reference.randomInputs(spec, 4);
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    for (SystolicDataflow dataflow : SystolicDataflow.values()) {
      SystolicArray array = new SystolicArray(32, 32, dataflow, Preload.SERIAL);
      for (boolean fp : new boolean[] {false, true}) {
        long cycles = 0;
        for (int i = 0; i < reps; i++) {
          cycles = fp ? array.run(spec, wf, xf).cycles() : array.run(spec, wi, xi).cycles();
        }
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          cycles = fp ? array.run(spec, wf, xf).cycles() : array.run(spec, wi, xi).cycles();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double peCycles = (double) cycles * 32 * 32 * reps;
        System.out.printf(
            Locale.ROOT,
            "%s %-5s cycles/run=%d  %.1f M PE-cycles/s  %.2f ms/run%n",
            dataflow.key(),
            fp ? "float" : "int",
            cycles,
            peCycles / seconds / 1e6,
            seconds * 1e3 / reps);
      }
    }
  }
}
