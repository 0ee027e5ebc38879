package io.arrayflow.dataflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.zoo.Layer;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Activations that stay in the GLB between layers ({@code glb.resident}) move nothing off chip, on
 * the multicast NoC as on the systolic one; the values and the fidelities' agreement are unchanged.
 */
class ResidentOperandsTest {
  private static final OpSpec CONV = OpSpec.conv("conv", 1, 1, 16, 8, 14, 14, 3, 3, 1, 1, 1);

  private static ArchSpec resident(ArchSpec a) {
    GlbSpec g = a.glb();
    GlbSpec.Builder b =
        GlbSpec.builder()
            .sizeKiB(g.sizeKiB())
            .banks(g.banks())
            .bankWidthBits(g.bankWidthBits())
            .portsPerBank(g.portsPerBank())
            .keep(g.keep())
            .buffers(g.buffers())
            .resident(EnumSet.of(Operand.INPUTS, Operand.OUTPUTS));
    for (var part : g.partition().entrySet()) {
      b.partition(part.getKey(), part.getValue());
    }
    return ArchSpec.builder(a.name() + "-resident", a.clockMhz(), a.energyTable(), a.peArray())
        .datatype(a.datatype())
        .precision(a.precision())
        .pe(a.pe())
        .noc(a.noc())
        .glb(b.build())
        .dram(a.dram())
        .memories(a.memories())
        .vectorUnit(a.vectorUnit())
        .build();
  }

  private static LayerRun run(ArchSpec arch, Dataflow df, Fidelity f, Mapping mapping) {
    LayerRun r =
        new LayerRunner(arch, EnergyTables.named(arch.energyTable()))
            .run("w", Layer.of(CONV), df, f, mapping);
    assertTrue(r.mapped(), () -> String.join("; ", r.reasons()));
    return r;
  }

  /** The one mapping a multicast run used (null on a systolic NoC, where the folds are fixed). */
  private static Mapping mappingOf(LayerRun r) {
    return r.plan() != null && r.plan().mappings().size() == 1 ? r.plan().mappings().get(0) : null;
  }

  @Test
  void residentActivationsMoveNothingOffChipOnBothNocs() {
    for (ArchSpec base : new ArchSpec[] {TestArchs.eyeriss(), TestArchs.systolic32()}) {
      ArchSpec arch = resident(base);
      for (Dataflow df : LayerRunnerInvariantsTest.runnable(base)) {
        // The same mapping with and without resident activations (the mapper may choose
        // differently once activations stop costing DRAM traffic).
        LayerRun plainRun = run(base, df, Fidelity.EVENT, null);
        Mapping same = mappingOf(plainRun);
        LayerResult plain = plainRun.result();
        LayerResult event = run(arch, df, Fidelity.EVENT, same).result();
        LayerResult cycle = run(arch, df, Fidelity.CYCLE, same).result();
        String what = arch.name() + " " + df;
        assertEquals(0, event.accesses().reads(Level.DRAM, Operand.INPUTS), what);
        assertEquals(
            0, event.accesses().count(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE), what);
        assertTrue(plain.accesses().reads(Level.DRAM, Operand.INPUTS) > 0, what + " plain");
        assertEquals(
            plain.accesses().reads(Level.DRAM, Operand.WEIGHTS),
            event.accesses().reads(Level.DRAM, Operand.WEIGHTS),
            what);
        assertTrue(
            event.cycles() <= plain.cycles(),
            () -> what + " cycles " + event.cycles() + " > " + plain.cycles());
        assertEquals(event.cycles(), cycle.cycles(), what);
        assertEquals(event.accesses().reads(Level.GLB), cycle.accesses().reads(Level.GLB), what);
        assertTrue(
            new LayerRunner(arch, EnergyTables.named(arch.energyTable()))
                .verify(CONV, df, 5, "")
                .pass(),
            what + " verify");
      }
    }
  }
}
