package io.arrayflow.dataflows.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every count must keep, on random ops and mappings too large for the oracle. */
class ConservationTest {
  private static final long MAX_MACS = 200_000;

  static LongStream seeds() {
    return LongStream.range(1000, 1200);
  }

  private static Hierarchy rfGlbDram() {
    return Hierarchy.of(
        List.of(StorageLevel.of("rf", Capacity.unbounded(), false)),
        1,
        1,
        List.of(
            StorageLevel.of("glb", Capacity.unbounded(), false),
            StorageLevel.of("dram", Capacity.unbounded(), false)));
  }

  /** The words of {@code role} that the whole nest touches (the padded-input hull for inputs). */
  private static long footprint(OpSpec spec, Hierarchy h, Mapping m, Role role) {
    LoopNest nest = LoopNest.of(spec, h, m);
    long w = 1;
    for (long e : nest.dataExtents(role, nest.dimExtents(0))) {
      w *= e;
    }
    return w;
  }

  /** Words of {@code role} some MAC reads (the hull can have gaps when dilation > stride). */
  private static long used(OpSpec spec, Role role) {
    if (role == Role.WEIGHTS) {
      return spec.weightElements();
    }
    java.util.Set<Integer> rows = new java.util.HashSet<>();
    java.util.Set<Integer> cols = new java.util.HashSet<>();
    for (int p = 0; p < spec.p(); p++) {
      for (int r = 0; r < spec.r(); r++) {
        rows.add(p * spec.strideH() + r * spec.dilationH());
      }
    }
    for (int q = 0; q < spec.q(); q++) {
      for (int s = 0; s < spec.s(); s++) {
        cols.add(q * spec.strideW() + s * spec.dilationW());
      }
    }
    return (long) spec.n() * spec.g() * spec.c() * rows.size() * cols.size();
  }

  private static Mapping.Builder everythingAt(OpSpec spec, String level) {
    Mapping.Builder b = Mapping.builder().level(level);
    for (Dim d : Dim.values()) {
      b.temporal(d, spec.size(d));
    }
    return b;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void countsTheSpecsMacsAndNothingNegative(long seed) {
    RandomCases.Case c = RandomCases.of(seed, MAX_MACS);

    AccessCounts a = AccessAnalysis.count(c.spec(), c.hierarchy(), c.mapping());

    assertEquals(c.spec().macs(), a.macs(), c::toString);
    assertEquals(a.macs(), a.computeCycles() * a.utilisedPes(), c::toString);
    for (int lv = 0; lv < a.levels().size(); lv++) {
      for (Role r : Role.values()) {
        for (AccessAction x : AccessCounts.ACTIONS) {
          assertTrue(a.count(lv, r, x) >= 0, c::toString);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyKeptLevelFillsAtLeastTheDataItServes(long seed) {
    RandomCases.Case c = RandomCases.of(seed, MAX_MACS);
    AccessCounts a = AccessAnalysis.count(c.spec(), c.hierarchy(), c.mapping());
    LoopNest nest = LoopNest.of(c.spec(), c.hierarchy(), c.mapping());

    for (int lv = 0; lv < c.hierarchy().outermost(); lv++) {
      for (Role r : List.of(Role.WEIGHTS, Role.INPUTS)) {
        if (nest.keeps(lv, r)) {
          assertTrue(a.count(lv, r, AccessAction.FILL) >= used(c.spec(), r), c::toString);
        }
      }
    }
    int top = c.hierarchy().outermost();
    assertTrue(
        a.count(top, Role.OUTPUTS, AccessAction.UPDATE) >= c.spec().outputElements(), c::toString);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void bypassingEveryLevelButDramGivesTheNaivePerMacCounts(long seed) {
    OpSpec spec = RandomCases.spec(new Random(seed), MAX_MACS);
    Mapping m =
        everythingAt(spec, "dram").level("glb").keep().level("array").level("rf").keep().build();

    AccessCounts a = AccessAnalysis.count(spec, rfGlbDram(), m);

    long macs = spec.macs();
    assertEquals(List.of(macs, 0L, 0L), WorkedExamplesTest.rfu(a, "dram", Role.WEIGHTS));
    assertEquals(List.of(macs, 0L, 0L), WorkedExamplesTest.rfu(a, "dram", Role.INPUTS));
    assertEquals(
        List.of(macs - spec.outputElements(), 0L, macs),
        WorkedExamplesTest.rfu(a, "dram", Role.OUTPUTS));
    for (String level : List.of("glb", "rf")) {
      for (AccessAction x : AccessCounts.ACTIONS) {
        assertEquals(0, a.total(level, x), level + " " + x);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fittingEverythingInTheInnermostLevelMovesEachDatumOnce(long seed) {
    OpSpec spec = RandomCases.spec(new Random(seed), MAX_MACS);
    Hierarchy h = rfGlbDram();
    Mapping m = everythingAt(spec, "rf").build();

    AccessCounts a = AccessAnalysis.count(spec, h, m);

    long macs = spec.macs();
    for (Role r : List.of(Role.WEIGHTS, Role.INPUTS)) {
      long unique = footprint(spec, h, m, r);
      assertEquals(List.of(macs, unique, 0L), WorkedExamplesTest.rfu(a, "rf", r));
      assertEquals(List.of(unique, unique, 0L), WorkedExamplesTest.rfu(a, "glb", r));
      assertEquals(List.of(unique, 0L, 0L), WorkedExamplesTest.rfu(a, "dram", r));
    }
    long outputs = spec.outputElements();
    assertEquals(List.of(macs - outputs, 0L, macs), WorkedExamplesTest.rfu(a, "rf", Role.OUTPUTS));
    assertEquals(List.of(0L, 0L, outputs), WorkedExamplesTest.rfu(a, "glb", Role.OUTPUTS));
    assertEquals(List.of(0L, 0L, outputs), WorkedExamplesTest.rfu(a, "dram", Role.OUTPUTS));
  }
}
