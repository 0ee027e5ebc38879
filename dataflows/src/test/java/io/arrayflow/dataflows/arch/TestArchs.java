package io.arrayflow.dataflows.arch;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Datatype;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.MacSpec;
import io.arrayflow.sim.spec.MemorySpec;
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
import java.util.List;

/**
 * The built-in architectures of configs/arch/ (eyeriss, eyeriss-256, llm-hbm, tpu-v1, systolic-32,
 * edge-int8) as specs equal to what the cli's YAML loader builds from them, field for field (the
 * loader lives in cli, above this module), plus a shared-register-file variant of the reference
 * architecture. A change to a YAML file must be copied here.
 */
public final class TestArchs {
  private TestArchs() {}

  /** configs/arch/eyeriss.yaml: 12x14, RF 224/12/24, 108 KiB GLB with 8 KiB for weights, 16 bit. */
  public static ArchSpec eyeriss() {
    return ArchSpec.builder("eyeriss", 200, "eyeriss-65nm", new PeArraySpec(12, 14))
        .description(
            "Eyeriss v1 (JSSC 2017): 12x14 PEs, 16-bit fixed point, 108 KB GLB, multicast NoC,"
                + " row-stationary")
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
        .description("Edge int8 design point: 16x16 PEs, 64 KiB GLB, LPDDR4-3200, 500 MHz")
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

  /**
   * configs/arch/eyeriss-256.yaml: 16x16, one shared 256-word RF (3 read ports, 1 write port) per
   * PE, 128 KiB GLB, 16 bit.
   */
  public static ArchSpec eyeriss256() {
    return ArchSpec.builder("eyeriss-256", 200, "eyeriss-65nm", new PeArraySpec(16, 16))
        .description(
            "Eyeriss dataflow comparison setup (ISCA 2016): 16x16 PEs, 512 B RF/PE, 128 KB GLB,"
                + " 16-bit")
        .precision(new Precision(16, 16, 16, 32))
        .pe(new PeSpec(new MacSpec(1, true), RfSpec.sharedFile(new RfFileSpec(256, 3, 1))))
        .noc(
            NocSpec.builder()
                .wordsPerCycle(Operand.WEIGHTS, 4)
                .wordsPerCycle(Operand.INPUTS, 4)
                .wordsPerCycle(Operand.OUTPUTS, 4)
                .build())
        .glb(
            GlbSpec.builder()
                .sizeKiB(128)
                .banks(32)
                .bankWidthBits(64)
                .keep(EnumSet.allOf(Operand.class))
                .doubleBuffered(false)
                .build())
        .dram(
            DramSpec.builder(DramModel.SIMPLE)
                .blockBits(64)
                .bandwidthBytesPerCycle(8)
                .latencyCycles(100)
                .build())
        .vectorUnit(VectorUnitSpec.builder().lanes(16).build())
        .build();
  }

  /**
   * configs/arch/tpu-v1.yaml: 256x256 int8 systolic, weights stationary in one register, preload
   * overlapped with a 4-tile weight FIFO, 28 MiB GLB keeping inputs and outputs, 48.57 B/cycle
   * DRAM.
   */
  public static ArchSpec tpuV1() {
    return ArchSpec.builder("tpu-v1", 700, "horowitz-45nm", new PeArraySpec(256, 256))
        .description(
            "TPU v1 (ISCA 2017): 256x256 int8 weight-stationary systolic array, 24 MiB unified"
                + " buffer, 4 MiB accumulators, 700 MHz")
        .datatype(Datatype.INT)
        .precision(new Precision(8, 8, 32, 32, 8))
        .pe(new PeSpec(new MacSpec(1, true), RfSpec.perOperand(RfFileSpec.of(1), null, null)))
        .noc(systolicNoc(256, Preload.OVERLAPPED, 4, true))
        .glb(
            GlbSpec.builder()
                .sizeKiB(28672)
                .banks(112)
                .bankWidthBits(2048)
                .portsPerBank(2)
                .partition(Operand.OUTPUTS, 4096)
                .keep(EnumSet.of(Operand.INPUTS, Operand.OUTPUTS))
                .resident(EnumSet.of(Operand.INPUTS, Operand.OUTPUTS))
                .buffers(2)
                .build())
        .dram(
            DramSpec.builder(DramModel.SIMPLE)
                .blockBits(512)
                .bandwidthBytesPerCycle(48.57)
                .latencyCycles(100)
                .build())
        .memories(
            List.of(
                new MemorySpec(
                    "host",
                    EnumSet.of(Operand.INPUTS, Operand.OUTPUTS),
                    DramSpec.builder(DramModel.SIMPLE)
                        .blockBits(2048)
                        .bandwidthBytesPerCycle(21.47)
                        .latencyCycles(700)
                        .build())))
        .vectorUnit(VectorUnitSpec.builder().lanes(256).build())
        .build();
  }

  /**
   * configs/arch/systolic-32.yaml: 32x32 int8 systolic with one register per operand, serial
   * preload, three 64 KiB GLB partitions, 16 B/cycle DRAM.
   */
  public static ArchSpec systolic32() {
    return ArchSpec.builder("systolic-32", 1000, "accelergy-like", new PeArraySpec(32, 32))
        .description(
            "32x32 systolic array, SCALE-Sim style: separate 64 KiB ifmap/filter/ofmap SRAMs,"
                + " serial preload, int8")
        .datatype(Datatype.INT)
        .precision(new Precision(8, 8, 32, 32))
        .pe(
            new PeSpec(
                new MacSpec(1, true),
                RfSpec.perOperand(RfFileSpec.of(1), RfFileSpec.of(1), RfFileSpec.of(1))))
        .noc(systolicNoc(32, Preload.SERIAL, 0, false))
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
        .vectorUnit(VectorUnitSpec.builder().lanes(32).build())
        .build();
  }

  /**
   * configs/arch/llm-hbm.yaml: 128x128 int8 systolic, weights stationary, preload overlapped, 16
   * MiB GLB keeping every operand (4 MiB weights, 2 MiB outputs, activations resident, 6 buffers),
   * one HBM2 stack, 1024 vector lanes.
   */
  public static ArchSpec llmHbm() {
    return ArchSpec.builder("llm-hbm", 1050, "accelergy-like", new PeArraySpec(128, 128))
        .description(
            "LLM inference design point: 128x128 int8 weight-stationary systolic array, 16 MiB"
                + " GLB, one HBM2 stack (256 GB/s), 1050 MHz")
        .datatype(Datatype.INT)
        .precision(new Precision(8, 8, 32, 32, 8))
        .pe(new PeSpec(new MacSpec(1, true), RfSpec.perOperand(RfFileSpec.of(1), null, null)))
        .noc(systolicNoc(128, Preload.OVERLAPPED, 0, true))
        .glb(
            GlbSpec.builder()
                .sizeKiB(16384)
                .banks(32)
                .bankWidthBits(1024)
                .portsPerBank(2)
                .partition(Operand.WEIGHTS, 4096)
                .partition(Operand.OUTPUTS, 2048)
                .keep(EnumSet.allOf(Operand.class))
                .resident(EnumSet.of(Operand.INPUTS, Operand.OUTPUTS))
                .buffers(6)
                .build())
        .dram(DramSpec.builder(DramModel.HBM2).blockBits(256).build())
        .vectorUnit(VectorUnitSpec.builder().lanes(1024).build())
        .build();
  }

  /** Every architecture in configs/arch/ but the schema file reference.yaml, in name order. */
  public static List<ArchSpec> builtIns() {
    return List.of(edgeInt8(), eyeriss(), eyeriss256(), llmHbm(), systolic32(), tpuV1());
  }

  /** {@code arch} with another DRAM, the rest unchanged. */
  public static ArchSpec withDram(ArchSpec arch, String name, DramSpec dram) {
    return copy(arch, name, arch.datatype(), arch.energyTable(), dram);
  }

  /** {@code arch} computing in float32 (same storage widths), costed with {@code energyTable}. */
  public static ArchSpec floatingPoint(ArchSpec arch, String energyTable) {
    return copy(arch, arch.name() + "-fp", Datatype.FP, energyTable, arch.dram());
  }

  private static ArchSpec copy(
      ArchSpec a, String name, Datatype datatype, String energyTable, DramSpec dram) {
    return new ArchSpec(
        name,
        a.description(),
        a.clockMhz(),
        energyTable,
        datatype,
        a.precision(),
        a.peArray(),
        a.pe(),
        a.noc(),
        a.glb(),
        dram,
        a.memories(),
        a.vectorUnit());
  }

  private static NocSpec systolicNoc(
      int words, Preload preload, int fifoTiles, boolean tileStreamed) {
    return NocSpec.builder()
        .kind(NocKind.SYSTOLIC)
        .wordsPerCycle(Operand.WEIGHTS, words)
        .wordsPerCycle(Operand.INPUTS, words)
        .wordsPerCycle(Operand.OUTPUTS, words)
        .multicast(false)
        .hopLatencyCycles(1)
        .preload(preload)
        .weightFifoTiles(fifoTiles)
        .tileStreamed(tileStreamed)
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
