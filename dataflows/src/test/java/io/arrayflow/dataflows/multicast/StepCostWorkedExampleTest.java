package io.arrayflow.dataflows.multicast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/execution.md: counting.md's pointwise layer (M = 4, C = 8, Q = 4) on a
 * 4×4 array with the C loop moved to DRAM, so that it runs as two segments. Every number here is
 * derived by hand in the doc.
 */
class StepCostWorkedExampleTest {
  private static final OpSpec SPEC = OpSpec.conv("pw", 1, 1, 4, 8, 1, 4, 1, 1, 1, 0, 1);
  private static final Hierarchy H =
      Hierarchy.of(
          List.of(StorageLevel.of("rf", Capacity.unbounded(), false)),
          4,
          4,
          List.of(
              StorageLevel.of("glb", Capacity.unbounded(), false),
              StorageLevel.of("dram", Capacity.unbounded(), false)));
  private static final Mapping MAPPING =
      Mapping.builder()
          .level("dram")
          .temporal(Dim.C, 2)
          .level("glb")
          .temporal(Dim.Q, 4)
          .level("array")
          .spatial(Axis.ROWS, Dim.C, 4)
          .spatial(Axis.COLS, Dim.M, 4)
          .level("rf")
          .build();
  private static final ArchSpec ARCH =
      ArchSpec.builder("worked", 200, "eyeriss-65nm", new PeArraySpec(4, 4))
          .glb(GlbSpec.builder().keep(EnumSet.allOf(Operand.class)).build())
          .noc(
              NocSpec.builder()
                  .wordsPerCycle(Operand.WEIGHTS, 4)
                  .wordsPerCycle(Operand.INPUTS, 2)
                  .wordsPerCycle(Operand.OUTPUTS, 2)
                  .build())
          .dram(
              DramSpec.builder(DramModel.SIMPLE)
                  .bandwidthBytesPerCycle(8)
                  .latencyCycles(10)
                  .build())
          .build();

  private static StepPlan plan() {
    return new StepPlan(LoopNest.of(SPEC, H, MAPPING), ARCH);
  }

  @Test
  void stepsMoveTheWordsOfTheirCarryLoop() {
    StepPlan p = plan();
    // Loops: 0 = c1 (dram, C by 4), 1 = q (glb), then the spatial C and M loops.
    assertEquals(2, p.segments);
    assertEquals(4, p.stepsPerSegment);
    assertArrayEquals(new long[] {16, 4, 0}, p.firstWords);
    assertEquals(16, p.words(StepPlan.W, 0, true));
    assertEquals(0, p.words(StepPlan.W, 1, true));
    assertEquals(4, p.words(StepPlan.I, 0, true));
    assertEquals(4, p.words(StepPlan.I, 1, true));
    assertEquals(8, p.words(StepPlan.O, 0, true));
    assertEquals(4, p.words(StepPlan.O, 1, false));
    assertEquals(8, p.words(StepPlan.O, 1, true));
    assertEquals(4, p.drainWords);
  }

  @Test
  void stepCostsAreTheSlowestBus() {
    StepPlan p = plan();
    assertEquals(4, p.stepCost(-1, false));
    assertEquals(2, p.stepCost(1, false));
    assertEquals(4, p.stepCost(0, true));
    assertEquals(4, p.stepCost(1, true));
    assertEquals(10, p.segmentCycles(-1, false, false));
    assertEquals(18, p.segmentCycles(0, true, true));
  }

  @Test
  void eventRunsTwoSegmentsOnTheEngine() {
    Execution e = MulticastExecutor.event(SPEC, ARCH, H, MAPPING);
    // docs/execution.md's worked example: both segments' reads are issued at 0 (two buffers),
    // segment 0 runs 18..28, segment 1 (its data there at 26) 28..46, the write-back ends at 60.
    assertEquals(60, e.cycles());
    assertEquals(18, e.stats().stallCycles(StallCause.FILL));
    assertEquals(18, e.stats().stallCycles(StallCause.NOC));
    assertEquals(0, e.stats().stallCycles(StallCause.DRAM_LATENCY));
    assertEquals(0, e.stats().stallCycles(StallCause.DRAM_BANDWIDTH));
    assertEquals(2 + 14, e.stats().stallCycles(StallCause.DRAIN));
  }

  @Test
  void analyticalBoundsTheEventRun() {
    assertEquals(60, MulticastExecutor.analytical(SPEC, ARCH, H, MAPPING).cycles());
  }

  @Test
  void cycleFidelityTimesAndComputesTheSame() {
    IntTensor w = Reference.randomWeights(SPEC, 5, 8);
    IntTensor x = Reference.randomInputs(SPEC, 6, 8);
    ValueRun<IntTensor> run = MulticastExecutor.cycle(SPEC, ARCH, H, MAPPING, w, x);
    assertEquals(60, run.execution().cycles());
    assertEquals(18, run.execution().stats().stallCycles(StallCause.NOC));
    assertEquals(16, run.execution().stats().stallCycles(StallCause.DRAIN));
    assertArrayEquals(Reference.run(SPEC, w, x).data(), run.output().data());
  }
}
