package io.arrayflow.dataflows.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.engine.TimingEngine;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.spec.VectorOpSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VectorExecutorTest {
  private static final ArchSpec EYERISS = TestArchs.eyeriss();

  private static long count(Stats s, Level level, Operand op, AccessAction a) {
    return s.count(level, op, a);
  }

  @Test
  void anUnfusedSoftmaxReadsItsScoresAndWritesItsProbabilitiesThroughTheGlb() {
    VectorOpSpec sm = VectorOpSpec.softmax("sm", 64, 128, 0.125f, 0);
    Stats s = VectorExecutor.run(sm, EYERISS, Fidelity.EVENT, false).stats();
    long e = 64 * 128;
    assertEquals(e, count(s, Level.DRAM, Operand.INPUTS, AccessAction.READ));
    assertEquals(e, count(s, Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(e, s.metric(Metric.FINAL_OUTPUT_WRITES));
    assertEquals(e, count(s, Level.GLB, Operand.INPUTS, AccessAction.FILL));
    assertEquals(2 * e, count(s, Level.GLB, Operand.INPUTS, AccessAction.READ), "in + write-back");
    assertEquals(e, count(s, Level.GLB, Operand.INPUTS, AccessAction.UPDATE), "results");
    assertEquals(5 * e, s.countWithoutOperand(Level.VECTOR, AccessAction.VECTOR_OP));
  }

  @Test
  void aFusedSoftmaxMovesNothingAndAFusedAddStillReadsItsResidual() {
    VectorOpSpec sm = VectorOpSpec.softmax("sm", 64, 128, 0.125f, 0);
    Stats fused = VectorExecutor.run(sm, EYERISS, Fidelity.EVENT, true).stats();
    assertEquals(0, fused.reads(Level.DRAM) + fused.writes(Level.DRAM));
    assertEquals(0, fused.reads(Level.GLB) + fused.writes(Level.GLB));
    assertEquals(5L * 64 * 128, fused.countWithoutOperand(Level.VECTOR, AccessAction.VECTOR_OP));
    VectorOpSpec add = VectorOpSpec.rows("add", VectorKind.ADD, 16, 64);
    Stats unfusedAdd = VectorExecutor.run(add, EYERISS, Fidelity.EVENT, false).stats();
    Stats fusedAdd = VectorExecutor.run(add, EYERISS, Fidelity.EVENT, true).stats();
    assertEquals(2 * 1024, unfusedAdd.reads(Level.DRAM, Operand.INPUTS));
    assertEquals(1024, fusedAdd.reads(Level.DRAM, Operand.INPUTS), "the residual");
    assertEquals(0, fusedAdd.writes(Level.DRAM));
  }

  @Test
  void residentActivationsStayOnChipAndOnlyTheTableOfRopeComesFromDram() {
    ArchSpec tpu = TestArchs.tpuV1();
    Stats gelu =
        VectorExecutor.run(
                VectorOpSpec.rows("g", VectorKind.GELU, 128, 3072), tpu, Fidelity.EVENT, false)
            .stats();
    assertEquals(0, gelu.reads(Level.DRAM) + gelu.writes(Level.DRAM));
    assertEquals(128L * 3072, gelu.count(Level.GLB, Operand.INPUTS, AccessAction.UPDATE));
    Stats rope =
        VectorExecutor.run(VectorOpSpec.rope("r", 12, 64, 1, 12), tpu, Fidelity.EVENT, false)
            .stats();
    assertEquals(64, rope.reads(Level.DRAM, Operand.WEIGHTS), "one position of cos and sin");
    assertEquals(0, rope.reads(Level.GLB, Operand.WEIGHTS), "tpu-v1's GLB does not keep weights");
  }

  @Test
  void aGlbThatDoesNotKeepInputsIsBypassed() {
    GlbSpec g = EYERISS.glb();
    ArchSpec bypass =
        new ArchSpec(
            "bypass",
            "",
            EYERISS.clockMhz(),
            EYERISS.energyTable(),
            EYERISS.datatype(),
            EYERISS.precision(),
            EYERISS.peArray(),
            EYERISS.pe(),
            EYERISS.noc(),
            new GlbSpec(
                g.sizeKiB(),
                g.banks(),
                g.bankWidthBits(),
                g.portsPerBank(),
                g.partition(),
                EnumSet.of(Operand.WEIGHTS, Operand.OUTPUTS),
                g.resident(),
                g.buffers()),
            EYERISS.dram(),
            EYERISS.memories(),
            EYERISS.vectorUnit());
    Stats s =
        VectorExecutor.run(
                VectorOpSpec.rows("r", VectorKind.RELU, 8, 64), bypass, Fidelity.EVENT, false)
            .stats();
    assertEquals(512, s.reads(Level.DRAM, Operand.INPUTS));
    assertEquals(0, s.reads(Level.GLB) + s.writes(Level.GLB));
  }

  @Test
  void aLongVectorStreamsInTilesWhoseFetchesOverlapTheirCompute() {
    // 2^20 adds on eyeriss: 4 MiB in, 2 MiB out over 2.4 B/cycle; the unit needs 2^18 cycles.
    VectorOpSpec add = VectorOpSpec.rows("add", VectorKind.ADD, 1024, 1024);
    VectorPlan plan = new VectorPlan(add, EYERISS, false);
    assertTrue(plan.tiles > 10, "tiles: " + plan.tiles);
    Execution e = VectorExecutor.run(add, EYERISS, Fidelity.EVENT, false);
    long[] all = {0, 2L << 20, 0, 1L << 20};
    long bound = TimingEngine.peakBound(EYERISS, all);
    long serial =
        TimingEngine.idleCycles(EYERISS, new long[] {0, 2L << 20, 0}, false)
            + plan.busy(0) * plan.tiles
            + TimingEngine.idleCycles(EYERISS, new long[] {0, 0, 0, 1L << 20}, true);
    assertTrue(e.cycles() < 1.02 * bound, e.cycles() + " vs the DRAM bound " + bound);
    assertTrue(e.cycles() < serial - plan.busy(0) * plan.tiles / 2, e.cycles() + " " + serial);
    assertEquals(
        e.cycles(),
        e.stats().busyCycles("vector-unit") + e.stats().totalStallCycles(),
        "cycles = busy + stalls");
    assertTrue(e.stats().stallCycles(StallCause.DRAM_BANDWIDTH) > e.cycles() / 2);
  }

  @Test
  void theFloat32DatapathIsAComputationOfItsOwnNotTheReferenceEngines() {
    VectorOpSpec ln = VectorOpSpec.rows("ln", VectorKind.LAYERNORM, 32, 768);
    List<io.arrayflow.workloads.tensor.FloatTensor> in =
        io.arrayflow.workloads.ops.Reference.randomInputs(ln, 9);
    float[] unit = VectorExecutor.cycle(ln, EYERISS, false, in, null).output().data();
    float[] reference = io.arrayflow.workloads.ops.Reference.run(ln, in, null).data();
    double err = 0;
    for (int i = 0; i < unit.length; i++) {
      err = Math.max(err, Math.abs(unit[i] - reference[i]));
    }
    assertTrue(err > 0, "lane sums in float32 round differently from double sums");
    assertTrue(err < 1e-5, "but agree to float precision: " + err);
  }

  static Stream<Arguments> kindsAndArchs() {
    List<ArchSpec> archs =
        List.of(EYERISS, TestArchs.tpuV1(), TestArchs.edgeInt8(), TestArchs.llmHbm());
    List<VectorOpSpec> ops =
        List.of(
            VectorOpSpec.softmax("softmax", 96, 48, 0.25f, 48),
            VectorOpSpec.rows("layernorm", VectorKind.LAYERNORM, 40, 768),
            VectorOpSpec.rows("gelu", VectorKind.GELU, 16, 3000),
            VectorOpSpec.rope("rope", 64, 16, 8, 8),
            VectorOpSpec.pool("pool", VectorKind.POOL_MAX, 9 * 4096, 16384, 4096));
    return archs.stream().flatMap(a -> ops.stream().map(o -> Arguments.of(a.name(), a, o)));
  }

  @ParameterizedTest(name = "{2} on {0}")
  @MethodSource("kindsAndArchs")
  void everyFidelityCountsTheSameAndEventEqualsCycleAboveAnalytical(
      String name, ArchSpec arch, VectorOpSpec op) {
    Execution a = VectorExecutor.run(op, arch, Fidelity.ANALYTICAL, false);
    Execution e = VectorExecutor.run(op, arch, Fidelity.EVENT, false);
    Execution c = VectorExecutor.run(op, arch, Fidelity.CYCLE, false);
    assertEquals(counts(e.stats()), counts(a.stats()));
    assertEquals(counts(e.stats()), counts(c.stats()));
    assertEquals(e.cycles(), c.cycles());
    assertTrue(a.cycles() <= e.cycles(), a.cycles() + " > " + e.cycles());
    for (Execution x : List.of(a, e, c)) {
      assertEquals(
          x.cycles(), x.stats().busyCycles("vector-unit") + x.stats().totalStallCycles(), name);
    }
  }

  /** The access counts alone (no stalls, busy cycles or component metrics). */
  private static String counts(Stats s) {
    StringBuilder b = new StringBuilder();
    for (Level l : Level.values()) {
      for (Operand o : Operand.values()) {
        for (AccessAction act : AccessAction.values()) {
          b.append(s.count(l, o, act)).append(',');
        }
      }
      b.append(s.countWithoutOperand(l, AccessAction.VECTOR_OP)).append(';');
    }
    return b.append(s.metric(Metric.FINAL_OUTPUT_WRITES)).toString();
  }
}
