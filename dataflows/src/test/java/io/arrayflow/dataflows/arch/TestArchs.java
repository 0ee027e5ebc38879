package io.arrayflow.dataflows.arch;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.MacSpec;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.sim.spec.PeSpec;
import io.arrayflow.sim.spec.Precision;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.sim.spec.VectorUnitSpec;
import java.util.EnumSet;

/**
 * Architecture specs equal, in every field the mapping model reads, to configs/arch/eyeriss.yaml
 * and configs/arch/edge-int8.yaml (the YAML loader lives in cli, above this module), plus a
 * shared-register-file variant of the reference architecture.
 */
public final class TestArchs {
  private TestArchs() {}

  /** configs/arch/eyeriss.yaml: 12x14, RF 224/12/24, 108 KiB GLB with 8 KiB for weights, 16 bit. */
  public static ArchSpec eyeriss() {
    return ArchSpec.builder("eyeriss", 200, "eyeriss-65nm", new PeArraySpec(12, 14))
        .precision(new Precision(16, 16, 16, 32))
        .pe(
            new PeSpec(
                new MacSpec(2, true),
                RfSpec.perOperand(RfFileSpec.of(224), RfFileSpec.of(12), RfFileSpec.of(24))))
        .noc(
            NocSpec.builder()
                .wordsPerCycle(Operand.WEIGHTS, 4)
                .wordsPerCycle(Operand.INPUTS, 1)
                .wordsPerCycle(Operand.OUTPUTS, 4)
                .build())
        .glb(
            GlbSpec.builder()
                .sizeKiB(108)
                .banks(27)
                .bankWidthBits(64)
                .partition(Operand.WEIGHTS, 8)
                .keep(EnumSet.allOf(Operand.class))
                .doubleBuffered(false)
                .build())
        .dram(
            DramSpec.builder(DramModel.SIMPLE)
                .blockBits(64)
                .bandwidthBytesPerCycle(2.4)
                .latencyCycles(100)
                .build())
        .vectorUnit(new VectorUnitSpec(4, VectorUnitSpec.defaults().latencyCycles()))
        .build();
  }

  /** configs/arch/edge-int8.yaml: 16x16, int8 with 32-bit outputs, RF 64/16/16, 64 KiB GLB. */
  public static ArchSpec edgeInt8() {
    return ArchSpec.builder("edge-int8", 500, "accelergy-like", new PeArraySpec(16, 16))
        .precision(new Precision(8, 8, 32, 32))
        .pe(
            new PeSpec(
                new MacSpec(1, true),
                RfSpec.perOperand(RfFileSpec.of(64), RfFileSpec.of(16), RfFileSpec.of(16))))
        .noc(
            NocSpec.builder()
                .wordsPerCycle(Operand.WEIGHTS, 16)
                .wordsPerCycle(Operand.INPUTS, 16)
                .wordsPerCycle(Operand.OUTPUTS, 4)
                .build())
        .glb(
            GlbSpec.builder()
                .sizeKiB(64)
                .banks(8)
                .bankWidthBits(128)
                .keep(EnumSet.allOf(Operand.class))
                .doubleBuffered(true)
                .build())
        .dram(DramSpec.builder(DramModel.LPDDR4_3200).blockBits(256).build())
        .build();
  }

  /** The reference architecture with one shared 256-word register file per PE. */
  public static ArchSpec sharedRf() {
    ArchSpec ref = ArchSpec.reference();
    return ArchSpec.builder("shared-rf", ref.clockMhz(), ref.energyTable(), ref.peArray())
        .pe(new PeSpec(ref.pe().mac(), RfSpec.sharedFile(RfFileSpec.of(256))))
        .glb(ref.glb())
        .build();
  }
}
