package io.arrayflow.dataflows.systolic;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Datatype;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.MacSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.sim.spec.PeSpec;
import io.arrayflow.sim.spec.Precision;
import io.arrayflow.sim.spec.Preload;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.sim.spec.VectorUnitSpec;
import java.util.EnumSet;
import java.util.Set;

/** Systolic architectures for tests, built with the sim-core builders. */
final class SystolicArchs {
  private SystolicArchs() {}

  /** configs/arch/tpu-v1.yaml, field for field (description and energy table aside). */
  static ArchSpec tpuV1() {
    return ArchSpec.builder("tpu-v1", 700, "horowitz-45nm", new PeArraySpec(256, 256))
        .datatype(Datatype.INT)
        .precision(new Precision(8, 8, 32, 32))
        .pe(new PeSpec(new MacSpec(1, true), RfSpec.perOperand(RfFileSpec.of(1), null, null)))
        .noc(noc(256, Preload.OVERLAPPED, 4))
        .glb(
            GlbSpec.builder()
                .sizeKiB(28672)
                .banks(112)
                .bankWidthBits(2048)
                .portsPerBank(2)
                .partition(Operand.OUTPUTS, 4096)
                .keep(EnumSet.of(Operand.INPUTS, Operand.OUTPUTS))
                .doubleBuffered(true)
                .build())
        .dram(
            DramSpec.builder(DramModel.SIMPLE)
                .blockBits(512)
                .bandwidthBytesPerCycle(48.57)
                .latencyCycles(100)
                .build())
        .vectorUnit(VectorUnitSpec.builder().build())
        .build();
  }

  /** configs/arch/systolic-32.yaml, field for field (description and energy table aside). */
  static ArchSpec systolic32() {
    return ArchSpec.builder("systolic-32", 1000, "accelergy-like", new PeArraySpec(32, 32))
        .datatype(Datatype.INT)
        .precision(new Precision(8, 8, 32, 32))
        .pe(
            new PeSpec(
                new MacSpec(1, true),
                RfSpec.perOperand(RfFileSpec.of(1), RfFileSpec.of(1), RfFileSpec.of(1))))
        .noc(noc(32, Preload.SERIAL, 0))
        .glb(
            GlbSpec.builder()
                .sizeKiB(192)
                .banks(24)
                .bankWidthBits(256)
                .portsPerBank(1)
                .partition(Operand.INPUTS, 64)
                .partition(Operand.WEIGHTS, 64)
                .partition(Operand.OUTPUTS, 64)
                .keep(EnumSet.allOf(Operand.class))
                .doubleBuffered(true)
                .build())
        .dram(
            DramSpec.builder(DramModel.SIMPLE)
                .blockBits(64)
                .bandwidthBytesPerCycle(16)
                .latencyCycles(100)
                .build())
        .build();
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
    return ArchSpec.builder("small", 500, "eyeriss-65nm", new PeArraySpec(rows, cols))
        .precision(new Precision(8, 8, 32, 32))
        .noc(noc(Math.max(rows, cols), preload, fifoTiles))
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

  private static NocSpec noc(int words, Preload preload, int fifoTiles) {
    return NocSpec.builder()
        .kind(NocKind.SYSTOLIC)
        .wordsPerCycle(Operand.WEIGHTS, words)
        .wordsPerCycle(Operand.INPUTS, words)
        .wordsPerCycle(Operand.OUTPUTS, words)
        .hopLatencyCycles(1)
        .preload(preload)
        .weightFifoTiles(fifoTiles)
        .build();
  }
}
