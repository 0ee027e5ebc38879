package io.arrayflow.dataflows.systolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.Preload;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SystolicExecutorTest {

  private static final Set<Operand> ALL = EnumSet.allOf(Operand.class);

  /** Array size × preload × GLB (fits, 1 KiB so that little fits, bypassing operands). */
  static List<Arguments> archs() {
    return List.of(
        Arguments.of(
            "4x4 serial, glb fits", SystolicArchs.small(4, 4, Preload.SERIAL, 1024, ALL, true, 0)),
        Arguments.of(
            "4x4 overlapped, glb 1 KiB",
            SystolicArchs.small(4, 4, Preload.OVERLAPPED, 1, ALL, true, 0)),
        Arguments.of(
            "3x5 serial, glb 1 KiB single-buffered",
            SystolicArchs.small(3, 5, Preload.SERIAL, 1, ALL, false, 0)),
        Arguments.of(
            "8x2 overlapped, glb fits",
            SystolicArchs.small(8, 2, Preload.OVERLAPPED, 1024, ALL, true, 0)),
        Arguments.of(
            "3x5 overlapped, weights bypass (fifo 4)",
            SystolicArchs.small(
                3,
                5,
                Preload.OVERLAPPED,
                1024,
                EnumSet.of(Operand.INPUTS, Operand.OUTPUTS),
                true,
                4)),
        Arguments.of(
            "4x4 serial, only weights kept, single-buffered",
            SystolicArchs.small(
                4, 4, Preload.SERIAL, 1024, EnumSet.of(Operand.WEIGHTS), false, 0)));
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (SystolicDataflow df : SystolicDataflow.values()) {
      for (OpSpec spec : SystolicArrayTest.shapes()) {
        for (Arguments arch : archs()) {
          cases.add(Arguments.of(df, spec, arch.get()[0], arch.get()[1]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} on {2}")
  @MethodSource("cases")
  void allThreeFidelitiesAgreeAndTheCycleRunMatchesTheReference(
      SystolicDataflow df, OpSpec spec, String label, ArchSpec arch) {
    IntTensor weights = Reference.randomWeights(spec, 5, 8);
    IntTensor inputs = Reference.randomInputs(spec, 6, 8);
    Execution analytical = SystolicExecutor.analytical(spec, arch, df);
    Execution event = SystolicExecutor.event(spec, arch, df);
    ValueRun<IntTensor> cycle = SystolicExecutor.cycle(spec, arch, df, weights, inputs);

    assertEquals(Reference.run(spec, weights, inputs), cycle.output());
    // Invariant 1: every access count is the same in all three fidelities.
    assertSameCounts(analytical.stats(), event.stats());
    assertSameCounts(event.stats(), cycle.execution().stats());
    // Invariant 2: event and cycle run the same passes on the same engine with the same phases.
    assertEquals(event.cycles(), cycle.execution().cycles());
    assertEquals(event.stats(), cycle.execution().stats());
    // Invariant 3: analytical <= event, equal when nothing but fill and drain stalls.
    assertTrue(analytical.cycles() <= event.cycles(), analytical.cycles() + " > " + event.cycles());
    if (avoidableStalls(event.stats()) == 0) {
      assertEquals(analytical.cycles(), event.cycles());
    }
    // Every cycle is busy or one stall, in every fidelity.
    for (Execution e : List.of(analytical, event)) {
      assertEquals(
          e.cycles(), e.stats().busyCycles("pe-array") + e.stats().totalStallCycles(), e::toString);
    }
    // Folds that never overlap take at least SCALE-Sim's fold sum.
    long compute =
        df.layerCycles(spec, arch.peArray().rows(), arch.peArray().cols(), arch.noc().preload());
    if (arch.noc().preload() == Preload.SERIAL || !df.hasStationaryPreload()) {
      assertTrue(event.cycles() >= compute, event.cycles() + " < " + compute);
    }
    assertEquals(spec.macs(), event.stats().countWithoutOperand(Level.MAC, AccessAction.MAC));
    assertEquals(Fidelity.CYCLE, cycle.execution().fidelity());
    assertEquals(analytical.mapping(), cycle.execution().mapping());
    assertEquals(analytical.utilisedPes(), event.utilisedPes());
  }

  @ParameterizedTest(name = "{0} {1} on {2}")
  @MethodSource("cases")
  void everyOperandIsReadFromDramAtLeastOnceAndEveryOutputWrittenOnce(
      SystolicDataflow df, OpSpec spec, String label, ArchSpec arch) {
    Stats stats = SystolicExecutor.analytical(spec, arch, df).stats();

    assertTrue(stats.reads(Level.DRAM, Operand.WEIGHTS) >= spec.weightElements(), stats::toString);
    long dramOutputs = stats.count(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE);
    assertTrue(dramOutputs >= spec.outputElements(), stats::toString);
    // Every value written to DRAM but the final outputs comes back once.
    assertEquals(
        dramOutputs - spec.outputElements(),
        stats.count(Level.DRAM, Operand.OUTPUTS, AccessAction.READ),
        stats::toString);
    assertTrue(stats.reads(Level.DRAM, Operand.INPUTS) > 0, stats::toString);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("floatCases")
  void floatCycleRunMatchesTheReferenceWithin1e4(SystolicDataflow df, OpSpec spec) {
    ArchSpec arch = SystolicArchs.small(3, 5, Preload.OVERLAPPED, 1, ALL, true, 0);
    FloatTensor weights = Reference.randomWeights(spec, 7);
    FloatTensor inputs = Reference.randomInputs(spec, 8);
    ValueRun<FloatTensor> run = SystolicExecutor.cycle(spec, arch, df, weights, inputs);

    float[] expected = Reference.run(spec, weights, inputs).data();
    float[] actual = run.output().data();
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "output " + i);
    }
    assertSameCounts(SystolicExecutor.event(spec, arch, df).stats(), run.execution().stats());
  }

  static Stream<Arguments> floatCases() {
    List<Arguments> cases = new ArrayList<>();
    for (SystolicDataflow df : SystolicDataflow.values()) {
      for (OpSpec spec : SystolicArrayTest.shapes()) {
        cases.add(Arguments.of(df, spec));
      }
    }
    return cases.stream();
  }

  /**
   * docs/counting.md, systolic section: O[4][3] = A[4][3] · B[3][3] (EF = 4, K = 3, M = 3) WS on a
   * 2 × 2 array, serial preload, everything fits a double-buffered GLB, DRAM 4 bytes per cycle, 10
   * cycles latency, 4-byte blocks.
   */
  @Test
  void countsAndTimesTheHandWorkedGemm() {
    OpSpec spec = OpSpec.matmul("gemm", 1, 4, 3, 3, true);
    ArchSpec arch = SystolicArchs.small(2, 2, Preload.SERIAL, 1024, ALL, true, 0);
    IntTensor weights = Reference.randomWeights(spec, 1, 8);
    IntTensor inputs = Reference.randomInputs(spec, 2, 8);
    Execution e =
        SystolicExecutor.cycle(spec, arch, SystolicDataflow.WS, weights, inputs).execution();
    Stats s = e.stats();

    assertEquals(36, s.countWithoutOperand(Level.MAC, AccessAction.MAC));
    assertEquals(9, s.count(Level.GLB, Operand.WEIGHTS, AccessAction.READ));
    assertEquals(24, s.count(Level.GLB, Operand.INPUTS, AccessAction.READ));
    assertEquals(12, s.count(Level.GLB, Operand.OUTPUTS, AccessAction.READ));
    assertEquals(24, s.count(Level.GLB, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(12, s.count(Level.NOC, Operand.WEIGHTS, AccessAction.MULTICAST_DELIVERY));
    assertEquals(36, s.count(Level.NOC, Operand.INPUTS, AccessAction.MULTICAST_DELIVERY));
    assertEquals(24, s.count(Level.NOC, Operand.OUTPUTS, AccessAction.MULTICAST_DELIVERY));
    assertEquals(36, s.count(Level.RF, Operand.WEIGHTS, AccessAction.READ));
    assertEquals(36, s.count(Level.RF, Operand.INPUTS, AccessAction.READ));
    assertEquals(36, s.count(Level.RF, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(12, s.count(Level.RF, Operand.WEIGHTS, AccessAction.FILL));
    assertEquals(36, s.count(Level.RF, Operand.INPUTS, AccessAction.FILL));
    assertEquals(9, s.count(Level.DRAM, Operand.WEIGHTS, AccessAction.READ));
    assertEquals(12, s.count(Level.DRAM, Operand.INPUTS, AccessAction.READ));
    assertEquals(0, s.count(Level.DRAM, Operand.OUTPUTS, AccessAction.READ));
    assertEquals(12, s.count(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE));
    // docs/execution.md's systolic example: the folds start at 13, 21, 29 and 37; fold 2's
    // weights were issued when fold 0's had been shifted into the PEs (15) and are there at 26.
    assertEquals(59, e.cycles());
    assertEquals(13 + 4 * 2, s.stallCycles(StallCause.FILL));
    assertEquals(4 * 2 + 14, s.stallCycles(StallCause.DRAIN));
    assertEquals(0, s.stallCycles(StallCause.DRAM_LATENCY));
    assertEquals(0, s.stallCycles(StallCause.DRAM_BANDWIDTH));
    assertEquals(4, e.utilisedPes());
    assertEquals(
        "ws: K=3 on 2 rows (2 folds), M=3 on 2 cols (2 folds), EF=4 streamed", e.mapping());
    assertEquals(
        13 + 32 + 14, SystolicExecutor.analytical(spec, arch, SystolicDataflow.WS).cycles());
  }

  @Test
  void rereadsInputsPerColumnFoldAndSpillsPartialSumsWhenTheGlbIsTooSmall() {
    // WS: K = 4·3·3 = 36 on 4 rows (9 folds), M = 6 on 4 cols (2 folds); 4·8·8 = 256 inputs,
    // 216 weights, 384 outputs. 1 KiB shared by three, halved: 170 bytes each, so the inputs
    // (256 bytes) and a column fold's partial sums (4·64 at 32 bits) do not fit.
    OpSpec spec = OpSpec.conv("conv", 1, 1, 6, 4, 8, 8, 3, 3, 1, 1, 1);
    ArchSpec big = SystolicArchs.small(4, 4, Preload.SERIAL, 1024, ALL, true, 0);
    ArchSpec tiny = SystolicArchs.small(4, 4, Preload.SERIAL, 1, ALL, true, 0, false);
    Stats fits = SystolicExecutor.analytical(spec, big, SystolicDataflow.WS).stats();
    Stats spills = SystolicExecutor.analytical(spec, tiny, SystolicDataflow.WS).stats();

    assertEquals(256, fits.reads(Level.DRAM, Operand.INPUTS));
    assertEquals(2 * 256, spills.reads(Level.DRAM, Operand.INPUTS));
    assertEquals(216, fits.reads(Level.DRAM, Operand.WEIGHTS));
    assertEquals(216, spills.reads(Level.DRAM, Operand.WEIGHTS));
    assertEquals(384, fits.count(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(0, fits.reads(Level.DRAM, Operand.OUTPUTS));
    assertEquals(9 * 384, spills.count(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(8 * 384, spills.reads(Level.DRAM, Operand.OUTPUTS));
  }

  @Test
  void tilesTheStreamedDimensionSoPartialSumsFitInsteadOfSpilling() {
    // The same layer and 1 KiB GLB with tile_streamed: a column fold's partial sums (4 columns of
    // 32-bit sums, 170 bytes each operand) hold 10 tokens, so EF = 64 streams in 7 tiles of 10.
    // No partial sum spills; the weights (216 bytes, more than their 170) are preloaded again for
    // every tile; a tile's inputs fit, so its two column folds share them: every input is fetched
    // once (against twice without tiling).
    OpSpec spec = OpSpec.conv("conv", 1, 1, 6, 4, 8, 8, 3, 3, 1, 1, 1);
    ArchSpec tiny = SystolicArchs.small(4, 4, Preload.SERIAL, 1, ALL, true, 0, true);
    Execution e = SystolicExecutor.analytical(spec, tiny, SystolicDataflow.WS);
    Stats s = e.stats();

    assertEquals(384, s.count(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(0, s.reads(Level.DRAM, Operand.OUTPUTS));
    assertEquals(7 * 216, s.reads(Level.DRAM, Operand.WEIGHTS));
    assertEquals(256, s.reads(Level.DRAM, Operand.INPUTS));
    assertTrue(e.mapping().endsWith("EF=64 streamed in 7 tiles of 10"), e.mapping());
  }

  @Test
  void weightsBypassingTheGlbAreReadFromDramAtEveryPreload() {
    OpSpec spec = OpSpec.conv("conv", 1, 1, 6, 2, 8, 8, 3, 3, 1, 1, 1);
    ArchSpec arch =
        SystolicArchs.small(
            4, 4, Preload.OVERLAPPED, 1024, EnumSet.of(Operand.INPUTS, Operand.OUTPUTS), true, 4);
    Stats os = SystolicExecutor.analytical(spec, arch, SystolicDataflow.OS).stats();

    // OS: EF = 64 on 4 rows (16 row folds); each fold streams its column slice (M × 18) anew.
    assertEquals(0, os.reads(Level.GLB, Operand.WEIGHTS));
    assertEquals(16 * 108, os.reads(Level.DRAM, Operand.WEIGHTS));
  }

  @Test
  void anArchWithOverlappedPreloadOfABypassingStationaryOperandNeedsAFifo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SystolicArchs.small(
                    4,
                    4,
                    Preload.OVERLAPPED,
                    1024,
                    EnumSet.of(Operand.INPUTS, Operand.OUTPUTS),
                    true,
                    0));
    assertTrue(e.getMessage().contains("noc.weight_fifo_tiles: must be >= 1"), e.getMessage());
  }

  static Stream<Arguments> resnetCases() {
    List<Arguments> cases = new ArrayList<>();
    for (ArchSpec arch : List.of(SystolicArchs.tpuV1(), SystolicArchs.systolic32())) {
      for (SystolicDataflow df : SystolicDataflow.values()) {
        cases.add(Arguments.of(arch.name(), df, arch));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "resnet18 on {0}, {1}")
  @MethodSource("resnetCases")
  void analyticalAndEventAgreeOnEveryResnet18Layer(
      String name, SystolicDataflow df, ArchSpec arch) {
    for (Layer layer : ModelZoo.named("resnet18", 1, 128).layers()) {
      OpSpec spec = layer.mac();
      if (spec == null) {
        continue;
      }
      Execution analytical = SystolicExecutor.analytical(spec, arch, df);
      Execution event = SystolicExecutor.event(spec, arch, df);
      assertSameCounts(analytical.stats(), event.stats());
      assertTrue(analytical.cycles() <= event.cycles(), spec.name());
      if (avoidableStalls(event.stats()) == 0) {
        assertEquals(analytical.cycles(), event.cycles(), spec.name());
      }
    }
  }

  @Test
  void describesTheFoldScheduleOfAResnetLayer() {
    // resnet18 layer1 3x3 conv: K = 64·9 = 576, M = 64, EF = 56·56 = 3136.
    OpSpec spec = OpSpec.conv("l1", 1, 1, 64, 64, 56, 56, 3, 3, 1, 1, 1);
    Execution e =
        SystolicExecutor.analytical(spec, SystolicArchs.systolic32(), SystolicDataflow.WS);
    assertEquals(
        "ws: K=576 on 32 rows (18 folds), M=64 on 32 cols (2 folds), EF=3136 streamed",
        e.mapping());
    assertEquals(1024, e.utilisedPes());
    assertEquals(
        36L * (64 + 32 + 3136 - 2), SystolicDataflow.WS.layerCycles(spec, 32, 32, Preload.SERIAL));
    // DRAM bound: 64 KiB partitions, halved by double buffering. Weights 36864 B (read once);
    // inputs 200704 B do not fit 32 KiB: read again by both column folds; a column fold's partial
    // sums (32 · 3136 at 4 B) do not fit either: all 18 row folds write them (14450688 B) and 17
    // read them back (13647872 B). 28536832 B at 16 B per cycle.
    assertEquals(28536832L / 16, e.cycles());
  }

  /** Stalls beyond fill and drain: the ones the analytical bound leaves out. */
  private static long avoidableStalls(Stats s) {
    return s.stallCycles(StallCause.DRAM_LATENCY)
        + s.stallCycles(StallCause.DRAM_BANDWIDTH)
        + s.stallCycles(StallCause.GLB_BANK)
        + s.stallCycles(StallCause.NOC);
  }

  private static void assertSameCounts(Stats expected, Stats actual) {
    for (Level level : Level.values()) {
      for (AccessAction action : AccessAction.values()) {
        for (Operand op : Operand.values()) {
          assertEquals(
              expected.count(level, op, action),
              actual.count(level, op, action),
              level.key() + "." + op.key() + "." + action.key() + "\n" + expected + "\n" + actual);
        }
        assertEquals(
            expected.countWithoutOperand(level, action),
            actual.countWithoutOperand(level, action),
            level.key() + "." + action.key());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SystolicDataflow.class)
  void theFirstFoldsWaitForItsOperandsIsFill(SystolicDataflow df) {
    OpSpec spec = OpSpec.fc("fc", 4, 8, 8);
    ArchSpec arch = SystolicArchs.small(4, 4, Preload.SERIAL, 1024, ALL, true, 0);
    Execution event = SystolicExecutor.event(spec, arch, df);
    // The first fold always waits for its operands from an idle memory: at least its latency.
    assertTrue(event.stats().stallCycles(StallCause.FILL) >= 10, event.stats()::toString);
  }
}
