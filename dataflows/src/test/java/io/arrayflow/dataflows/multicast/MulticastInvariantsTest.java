package io.arrayflow.dataflows.multicast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.analysis.AccessAnalysis;
import io.arrayflow.dataflows.analysis.AccessCounts;
import io.arrayflow.dataflows.analysis.RandomCases;
import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.Mapping;
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
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.EnumSet;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md's invariants for the multicast NoC on seeded random small cases: convolutions with
 * stride, padding, dilation and groups (depthwise included), FC and matmul, random feasible
 * mappings on random hierarchies (shared RF, per-operand RFs, no RF, no GLB; random bypass), random
 * bus widths, DRAM bandwidth and latency, MAC latency and double buffering.
 */
class MulticastInvariantsTest {
  private static final int CASES = 400;

  /** One random case with its architecture and operand width. */
  record Run(RandomCases.Case c, ArchSpec arch, int bits) {
    @Override
    public String toString() {
      return c
          + "\narch noc "
          + arch.noc().wordsPerCycle()
          + " dram "
          + arch.dram()
          + " db "
          + arch.glb().doubleBuffered()
          + " mac "
          + arch.pe().mac()
          + " bits "
          + bits;
    }
  }

  static Run run(long seed, boolean ideal) {
    Random rnd = new Random(seed * 7919 + 13);
    OpSpec spec =
        switch (rnd.nextInt(6)) {
          case 0 -> OpSpec.fc("fc", 1 + rnd.nextInt(3), 1 + rnd.nextInt(8), 1 + rnd.nextInt(8));
          case 1 ->
              OpSpec.matmul(
                  "mm",
                  1 + rnd.nextInt(2),
                  1 + rnd.nextInt(4),
                  1 + rnd.nextInt(6),
                  1 + rnd.nextInt(4),
                  rnd.nextBoolean());
          default -> RandomCases.spec(rnd, 600);
        };
    Hierarchy h = RandomCases.hierarchy(rnd);
    Mapping m = RandomCases.mapping(rnd, spec, h);
    RandomCases.Case c = new RandomCases.Case(seed, spec, h, m);
    int bits = rnd.nextBoolean() ? 8 : 16;
    NocSpec.Builder noc = NocSpec.builder();
    for (Operand o : Operand.values()) {
      noc.wordsPerCycle(o, ideal ? 1_000_000 : 1 + rnd.nextInt(4));
    }
    DramSpec dram =
        DramSpec.builder(DramModel.SIMPLE)
            .bandwidthBytesPerCycle(ideal ? 1e6 : 0.5 + rnd.nextInt(32) / 2.0)
            .latencyCycles(ideal ? 0 : rnd.nextInt(40))
            .build();
    int latency = ideal ? 1 : 1 + rnd.nextInt(3);
    ArchSpec arch =
        ArchSpec.builder("t", 200, "eyeriss-65nm", new PeArraySpec(h.rows(), h.cols()))
            .precision(new Precision(bits, bits, 16, 32))
            .noc(noc.build())
            .dram(dram)
            .glb(
                GlbSpec.builder()
                    .keep(EnumSet.allOf(Operand.class))
                    .banks(ideal ? 1024 : 27)
                    .portsPerBank(ideal ? 16 : 1)
                    .doubleBuffered(ideal || rnd.nextBoolean())
                    .build())
            .pe(new PeSpec(new MacSpec(latency, rnd.nextBoolean()), RfSpec.defaults()))
            .build();
    return new Run(c, arch, bits);
  }

  static LongStream seeds() {
    return LongStream.range(0, CASES);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void threeFidelitiesAgreeAndCycleMatchesTheReference(long seed) {
    Run r = run(seed, false);
    RandomCases.Case c = r.c();
    Execution a = MulticastExecutor.analytical(c.spec(), r.arch(), c.hierarchy(), c.mapping());
    Execution e = MulticastExecutor.event(c.spec(), r.arch(), c.hierarchy(), c.mapping());
    IntTensor w = Reference.randomWeights(c.spec(), seed, r.bits());
    IntTensor x = Reference.randomInputs(c.spec(), seed + 1, r.bits());
    ValueRun<IntTensor> cy =
        MulticastExecutor.cycle(c.spec(), r.arch(), c.hierarchy(), c.mapping(), w, x);
    assertSameCounts(a.stats(), e.stats(), r + "\nanalytical vs event");
    assertSameCounts(a.stats(), cy.execution().stats(), r + "\nanalytical vs cycle");
    assertEquals(e.cycles(), cy.execution().cycles(), r + "\nevent vs cycle cycles");
    for (StallCause s : StallCause.values()) {
      assertEquals(
          e.stats().stallCycles(s), cy.execution().stats().stallCycles(s), r + "\nstall " + s);
    }
    assertTrue(
        a.cycles() <= e.cycles(), r + "\nanalytical " + a.cycles() + " > event " + e.cycles());
    assertTrue(e.stats().totalStallCycles() <= e.cycles(), r.toString());
    if (avoidableStalls(e.stats()) == 0) {
      assertEquals(a.cycles(), e.cycles(), r + "\nno stalls but analytical != event");
    }
    assertArrayEquals(
        Reference.run(c.spec(), w, x).data(), cy.output().data(), r + "\ncycle outputs");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void floatOutputsMatchTheReferenceWithinOneInTenThousand(long seed) {
    if (seed % 4 != 0) {
      return;
    }
    Run r = run(seed, false);
    RandomCases.Case c = r.c();
    FloatTensor w = Reference.randomWeights(c.spec(), seed);
    FloatTensor x = Reference.randomInputs(c.spec(), seed + 1);
    float[] got =
        MulticastExecutor.cycle(c.spec(), r.arch(), c.hierarchy(), c.mapping(), w, x)
            .output()
            .data();
    float[] want = Reference.run(c.spec(), w, x).data();
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], 1e-4 * Math.max(1, Math.abs(want[i])), r + "\nat " + i);
    }
  }

  @Test
  void analyticalEqualsEventWhenNothingStalls() {
    int equal = 0;
    for (long seed = 0; seed < 200; seed++) {
      Run r = run(seed, true);
      RandomCases.Case c = r.c();
      Execution a = MulticastExecutor.analytical(c.spec(), r.arch(), c.hierarchy(), c.mapping());
      Execution e = MulticastExecutor.event(c.spec(), r.arch(), c.hierarchy(), c.mapping());
      assertTrue(a.cycles() <= e.cycles(), r.toString());
      if (avoidableStalls(e.stats()) == 0) {
        assertEquals(a.cycles(), e.cycles(), r.toString());
        equal++;
      }
    }
    assertTrue(equal >= 150, "only " + equal + " of 200 ideal cases ran without stalls");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void stepWordsSumToTheAnalyticalNetworkTraffic(long seed) {
    Run r = run(seed, false);
    RandomCases.Case c = r.c();
    LoopNest nest = LoopNest.of(c.spec(), c.hierarchy(), c.mapping());
    StepPlan plan = new StepPlan(nest, r.arch());
    AccessCounts counts = AccessAnalysis.count(nest);
    for (Role role : Role.values()) {
      int o = role.ordinal();
      int parent = plan.crossParent[o];
      long expected;
      if (role != Role.OUTPUTS) {
        expected = counts.count(parent, role, AccessAction.READ);
      } else if (plan.child[o] >= 0) {
        expected =
            counts.count(parent, role, AccessAction.UPDATE)
                + counts.count(parent, role, AccessAction.READ);
      } else {
        expected = counts.count(parent, role, AccessAction.UPDATE);
      }
      long drain = role == Role.OUTPUTS ? plan.drainWords : 0;
      assertEquals(expected, plan.networkWords(o) + drain, r + "\n" + role);
    }
  }

  private static long avoidableStalls(Stats s) {
    return s.stallCycles(StallCause.NOC)
        + s.stallCycles(StallCause.GLB_BANK)
        + s.stallCycles(StallCause.DRAM_LATENCY)
        + s.stallCycles(StallCause.DRAM_BANDWIDTH);
  }

  private static void assertSameCounts(Stats want, Stats got, String what) {
    for (Level level : new Level[] {Level.DRAM, Level.GLB, Level.RF, Level.NOC}) {
      for (Operand o : Operand.values()) {
        for (AccessAction a : AccessAction.values()) {
          assertEquals(
              want.count(level, o, a),
              got.count(level, o, a),
              what + ": " + level + " " + o + " " + a);
        }
      }
    }
    assertEquals(
        want.countWithoutOperand(Level.MAC, AccessAction.MAC),
        got.countWithoutOperand(Level.MAC, AccessAction.MAC),
        what + ": macs");
  }
}
