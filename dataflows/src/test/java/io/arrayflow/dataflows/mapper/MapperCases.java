package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.analysis.RandomCases;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.MacSpec;
import io.arrayflow.sim.spec.MemorySpec;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.sim.spec.PeSpec;
import io.arrayflow.sim.spec.Precision;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.workloads.spec.OpSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/** Seeded random ops and multicast architectures for the mapper's tests. */
final class MapperCases {
  private static final List<String> TABLES =
      List.of("eyeriss-65nm", "accelergy-like", "horowitz-45nm");

  private MapperCases() {}

  /** A small conv, FC or matmul. */
  static OpSpec op(Random rnd) {
    return switch (rnd.nextInt(5)) {
      case 0 -> OpSpec.fc("fc", 1 + rnd.nextInt(3), 1 + rnd.nextInt(12), 1 + rnd.nextInt(12));
      case 1 ->
          OpSpec.matmul(
              "mm",
              1 + rnd.nextInt(2),
              1 + rnd.nextInt(6),
              1 + rnd.nextInt(6),
              1 + rnd.nextInt(6),
              rnd.nextBoolean());
      default -> RandomCases.spec(rnd, 4000);
    };
  }

  /**
   * A random multicast architecture of {@code rows × cols}: shared or per-operand register files
   * (some operands without one) of random sizes, a GLB of random size, banks, ports, partition,
   * keep and resident lists and buffers (1 to 4), a simple or LPDDR4 DRAM and sometimes a second
   * memory serving one operand, random bus widths, precisions and MAC timing.
   */
  static ArchSpec arch(Random rnd, int rows, int cols) {
    RfSpec rf;
    if (rnd.nextInt(3) == 0) {
      rf = RfSpec.sharedFile(RfFileSpec.of(4 + rnd.nextInt(60)));
    } else {
      RfFileSpec[] files = new RfFileSpec[3];
      for (int i = 0; i < 3; i++) {
        files[i] = rnd.nextInt(5) == 0 ? null : RfFileSpec.of(1 + rnd.nextInt(40));
      }
      if (files[0] == null && files[1] == null && files[2] == null) {
        files[0] = RfFileSpec.of(8);
      }
      rf = RfSpec.perOperand(files[0], files[1], files[2]);
    }
    Set<Operand> keep = EnumSet.noneOf(Operand.class);
    for (Operand o : Operand.values()) {
      if (rnd.nextInt(4) != 0) {
        keep.add(o);
      }
    }
    Set<Operand> resident = EnumSet.noneOf(Operand.class);
    for (Operand o : keep) {
      if (rnd.nextInt(4) == 0) {
        resident.add(o);
      }
    }
    GlbSpec.Builder glb =
        GlbSpec.builder()
            .sizeKiB(1 + rnd.nextInt(16))
            .banks(1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 32))
            .portsPerBank(1 + rnd.nextInt(2))
            .bankWidthBits(rnd.nextBoolean() ? 64 : 32)
            .keep(keep)
            .resident(resident)
            .buffers(1 + rnd.nextInt(4));
    if (keep.contains(Operand.WEIGHTS) && keep.size() > 1 && rnd.nextBoolean()) {
      glb.sizeKiB(2 + rnd.nextInt(16)).partition(Operand.WEIGHTS, 1);
    }
    DramSpec dram =
        rnd.nextInt(4) == 0
            ? DramSpec.preset(DramModel.named("lpddr4-3200"))
            : DramSpec.builder(DramModel.SIMPLE)
                .blockBits(rnd.nextBoolean() ? 64 : 32)
                .bandwidthBytesPerCycle(0.5 + rnd.nextInt(32) / 2.0)
                .latencyCycles(rnd.nextInt(120))
                .build();
    NocSpec.Builder noc = NocSpec.builder();
    for (Operand o : Operand.values()) {
      noc.wordsPerCycle(o, 1 + rnd.nextInt(4));
    }
    int bits = rnd.nextBoolean() ? 8 : 16;
    List<MemorySpec> memories = List.of();
    if (rnd.nextInt(3) == 0) {
      Operand served = Operand.values()[rnd.nextInt(3)];
      DramSpec second =
          DramSpec.builder(DramModel.SIMPLE)
              .blockBits(64)
              .bandwidthBytesPerCycle(0.25 + rnd.nextInt(8))
              .latencyCycles(rnd.nextInt(60))
              .build();
      memories = List.of(new MemorySpec("host", Set.of(served), second));
    }
    return ArchSpec.builder("random", 200, TABLES.get(rnd.nextInt(3)), new PeArraySpec(rows, cols))
        .memories(memories)
        .precision(new Precision(bits, bits, rnd.nextBoolean() ? 16 : 32, 32))
        .pe(new PeSpec(new MacSpec(1 + rnd.nextInt(3), rnd.nextBoolean()), rf))
        .glb(glb.build())
        .dram(dram)
        .noc(noc.build())
        .build();
  }

  static EnergyModel table(ArchSpec arch) {
    return EnergyTables.named(arch.energyTable());
  }

  /**
   * A plan's objective as the mapper compares plans: its parts' analytical energy and cycles added
   * up, each part scored by the evaluator {@code evaluators} makes for its op.
   */
  static double score(
      LayerPlan plan, Hierarchy h, Objective objective, Function<OpSpec, Evaluator> evaluators) {
    double energy = 0;
    long cycles = 0;
    for (LayerPlan.Part p : plan.parts()) {
      Evaluator ev = evaluators.apply(p.spec());
      if (!ev.evaluate(Candidate.of(p.mapping(), h))) {
        throw new IllegalStateException("a plan's mapping overflows: " + p.mapping());
      }
      energy += ev.energy();
      cycles += ev.cycles();
    }
    return objective.score(energy, cycles);
  }
}
