package io.arrayflow.dataflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timing engine and its components are on the path of every run above analytical: their
 * statistics reach the results, and the GLB's bank ports cost cycles exactly where they are short.
 */
class EngineOnThePathTest {
  private static final OpSpec CONV = OpSpec.conv("conv", 1, 1, 16, 8, 14, 14, 3, 3, 1, 1, 1);

  private static LayerResult run(ArchSpec arch, OpSpec op, Fidelity fidelity) {
    return run(arch, op, fidelity, null);
  }

  private static LayerResult run(ArchSpec arch, OpSpec op, Fidelity fidelity, Mapping mapping) {
    LayerRun r =
        new LayerRunner(arch, EnergyTables.named(arch.energyTable()))
            .run("w", Layer.of(op), Dataflow.WS, fidelity, mapping);
    assertTrue(r.mapped(), () -> String.join("; ", r.reasons()));
    return r.result();
  }

  @Test
  void componentStatisticsReachTheResultsAtEventAndCycleFidelity() {
    ArchSpec lpddr =
        TestArchs.withDram(
            TestArchs.edgeInt8(),
            "edge-int8-lpddr4",
            DramSpec.builder(DramModel.LPDDR4_3200).blockBits(256).build());
    for (ArchSpec arch : List.of(TestArchs.eyeriss(), TestArchs.systolic32(), lpddr)) {
      for (Fidelity fidelity : List.of(Fidelity.EVENT, Fidelity.CYCLE)) {
        var s = run(arch, CONV, fidelity).accesses();
        String what = arch.name() + " " + fidelity + ": " + s;
        assertTrue(s.busyCycles("dram") > 0, what);
        assertTrue(s.busyCycles("glb") > 0, what);
        assertTrue(s.busyCycles("pe-array") > 0, what);
        assertTrue(s.busyCycles("noc.inputs") > 0, what);
        assertTrue(s.metric(Metric.PASSES) >= 1, what);
        if (!arch.dram().isSimple()) {
          assertTrue(s.metric(Metric.DRAM_BURSTS) > 0, what);
          assertTrue(s.metric(Metric.ROW_HITS) + s.metric(Metric.ROW_MISSES) > 0, what);
        }
      }
    }
  }

  @Test
  void glbBankPortsCostCyclesWhereTheyAreShortAndNoneOnEyeriss() {
    // Eyeriss: 27 banks of 64 bits (108 16-bit words per cycle) against 4 + 1 + 4 bus words.
    for (Layer layer : ModelZoo.named("alexnet", 1, 128).layers()) {
      if (layer.isMac() && layer.name().startsWith("conv")) {
        assertEquals(
            0,
            run(TestArchs.eyeriss(), layer.mac(), Fidelity.EVENT)
                .accesses()
                .stallCycles(StallCause.GLB_BANK),
            layer.name());
      }
    }
    // The same chip with 16-word buses and one bank of one 64-bit port (4 words per cycle): psum
    // read-modify-writes and ifmap reads queue on the port.
    ArchSpec e = TestArchs.eyeriss();
    NocSpec.Builder wide = NocSpec.builder();
    for (Operand op : Operand.values()) {
      wide.wordsPerCycle(op, 16);
    }
    ArchSpec wideBuses =
        ArchSpec.builder("wide", e.clockMhz(), e.energyTable(), e.peArray())
            .precision(e.precision())
            .pe(e.pe())
            .noc(wide.build())
            .glb(e.glb())
            .dram(e.dram())
            .build();
    ArchSpec oneBank =
        ArchSpec.builder("one-bank", e.clockMhz(), e.energyTable(), e.peArray())
            .precision(e.precision())
            .pe(e.pe())
            .noc(wide.build())
            .glb(
                GlbSpec.builder()
                    .sizeKiB(108)
                    .banks(1)
                    .bankWidthBits(64)
                    .partition(Operand.WEIGHTS, 8)
                    .keep(e.glb().keep())
                    .buffers(1)
                    .build())
            .dram(e.dram())
            .build();
    // One mapping on both (the weight-stationary rule's, which fits the double-buffered GLB and so
    // the single-buffered one): the mapper would steer clear of the ports on the one-bank chip.
    Mapping ws = Dataflow.WS.family().choose(CONV, ArchHierarchy.of(wideBuses)).mapping();
    LayerResult ports = run(wideBuses, CONV, Fidelity.EVENT, ws);
    LayerResult short_ = run(oneBank, CONV, Fidelity.EVENT, ws);
    assertEquals(0, ports.accesses().stallCycles(StallCause.GLB_BANK));
    assertTrue(short_.accesses().stallCycles(StallCause.GLB_BANK) > 0, short_.accesses()::toString);
    assertTrue(short_.cycles() > ports.cycles(), short_.cycles() + " vs " + ports.cycles());
    // Cycle fidelity shares the ports cycle by cycle within each step, event fidelity over each
    // pass: a step that needs the ports longer than its buses cannot borrow the slack of another,
    // so cycle >= event. Each step costs at most its bus cycles plus its port cycles, and both sum
    // to at most the event run, so cycle <= 2 * event (docs/execution.md).
    long cycle = run(oneBank, CONV, Fidelity.CYCLE, ws).cycles();
    assertTrue(
        cycle >= short_.cycles() && cycle <= 2 * short_.cycles(), cycle + " vs " + short_.cycles());
    // Where the ports cannot bind, the two are equal.
    assertEquals(ports.cycles(), run(wideBuses, CONV, Fidelity.CYCLE, ws).cycles());
  }
}
