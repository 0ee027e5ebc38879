package io.arrayflow.dataflows.systolic;

import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.sim.spec.Precision;
import io.arrayflow.sim.spec.Preload;
import java.util.Set;

/** Systolic architectures for tests, built with the sim-core builders. */
final class SystolicArchs {
  private SystolicArchs() {}

  /** configs/arch/tpu-v1.yaml ({@link TestArchs#tpuV1()}). */
  static ArchSpec tpuV1() {
    return TestArchs.tpuV1();
  }

  /** configs/arch/systolic-32.yaml ({@link TestArchs#systolic32()}). */
  static ArchSpec systolic32() {
    return TestArchs.systolic32();
  }

  /**
   * A small int8 array ({@code rows × cols}, 32-bit outputs) with a GLB of {@code glbKiB} keeping
   * {@code keep}, and a simple DRAM of 4 bytes per cycle, 10 cycles latency, 32-bit blocks.
   */
  static ArchSpec small(
      int rows,
      int cols,
      Preload preload,
      int glbKiB,
      Set<Operand> keep,
      boolean doubleBuffered,
      int fifoTiles) {
    return small(rows, cols, preload, glbKiB, keep, doubleBuffered, fifoTiles, true);
  }

  /** As above; {@code tileStreamed} false keeps SCALE-Sim's folds (partial sums may spill). */
  static ArchSpec small(
      int rows,
      int cols,
      Preload preload,
      int glbKiB,
      Set<Operand> keep,
      boolean doubleBuffered,
      int fifoTiles,
      boolean tileStreamed) {
    return ArchSpec.builder("small", 500, "eyeriss-65nm", new PeArraySpec(rows, cols))
        .precision(new Precision(8, 8, 32, 32))
        .noc(noc(Math.max(rows, cols), preload, fifoTiles, tileStreamed))
        .glb(
            GlbSpec.builder()
                .sizeKiB(glbKiB)
                .banks(4)
                .bankWidthBits(64)
                .keep(keep)
                .doubleBuffered(doubleBuffered)
                .build())
        .dram(
            DramSpec.builder(DramModel.SIMPLE)
                .blockBits(32)
                .bandwidthBytesPerCycle(4)
                .latencyCycles(10)
                .build())
        .build();
  }

  private static NocSpec noc(int words, Preload preload, int fifoTiles, boolean tileStreamed) {
    return NocSpec.builder()
        .kind(NocKind.SYSTOLIC)
        .wordsPerCycle(Operand.WEIGHTS, words)
        .wordsPerCycle(Operand.INPUTS, words)
        .wordsPerCycle(Operand.OUTPUTS, words)
        .hopLatencyCycles(1)
        .preload(preload)
        .weightFifoTiles(fifoTiles)
        .tileStreamed(tileStreamed)
        .build();
  }
}
