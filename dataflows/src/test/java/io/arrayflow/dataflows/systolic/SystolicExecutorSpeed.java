package io.arrayflow.dataflows.systolic;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rough, JMH-free speed figure (not a test): wall time of {@link SystolicExecutor#event} and
 * {@link SystolicExecutor#analytical} over every ResNet-18 MAC layer × WS/OS/IS on tpu-v1 and
 * systolic-32, after warm-up. Run: {@code java -cp <dataflows test classpath>
 * io.arrayflow.dataflows.systolic.SystolicExecutorSpeed [reps]}.
 */
public final class SystolicExecutorSpeed {
  private SystolicExecutorSpeed() {}

  /** Prints one line per architecture and fidelity. */
  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<OpSpec> layers = new ArrayList<>();
    for (Layer layer : ModelZoo.named("resnet18", 1, 128).layers()) {
      if (layer.mac() != null) {
        layers.add(layer.mac());
      }
    }
    for (ArchSpec arch : List.of(SystolicArchs.tpuV1(), SystolicArchs.systolic32())) {
      for (boolean event : new boolean[] {true, false}) {
        long sink = 0;
        for (int i = 0; i < reps; i++) {
          sink += sweep(arch, layers, event);
        }
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          sink += sweep(arch, layers, event);
        }
        double ms = (System.nanoTime() - start) / 1e6 / reps;
        int runs = layers.size() * SystolicDataflow.values().length;
        System.out.printf(
            Locale.ROOT,
            "%-11s %-10s %d layers x 3 dataflows: %.2f ms per sweep, %.3f ms per layer-run"
                + " (checksum %d)%n",
            arch.name(),
            event ? "event" : "analytical",
            layers.size(),
            ms,
            ms / runs,
            sink / (2L * reps));
      }
    }
  }

  private static long sweep(ArchSpec arch, List<OpSpec> layers, boolean event) {
    long cycles = 0;
    for (OpSpec spec : layers) {
      for (SystolicDataflow df : SystolicDataflow.values()) {
        cycles +=
            event
                ? SystolicExecutor.event(spec, arch, df).cycles()
                : SystolicExecutor.analytical(spec, arch, df).cycles();
      }
    }
    return cycles;
  }
}
