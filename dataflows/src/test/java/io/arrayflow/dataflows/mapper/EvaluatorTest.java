package io.arrayflow.dataflows.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.analysis.RandomCases;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.cost.EnergyCost;
import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapping.MappingResult;
import io.arrayflow.dataflows.multicast.MulticastExecutor;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.workloads.spec.OpSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The evaluator gives exactly the analytical executor's cycles and {@link EnergyCost}'s energy of
 * its counts: bit for bit, on thousands of random ops, hierarchies, mappings and architectures.
 * When the executor's timing or the counting conventions change, this test says so.
 */
class EvaluatorTest {

  @Test
  void matchesTheAnalyticalExecutorOnRandomMappingsOfRandomHierarchies() {
    for (long seed = 0; seed < 3000; seed++) {
      Random rnd = new Random(seed);
      OpSpec spec = MapperCases.op(rnd);
      Hierarchy h = RandomCases.hierarchy(rnd);
      Mapping m = RandomCases.mapping(rnd, spec, h);
      ArchSpec arch = MapperCases.arch(rnd, h.rows(), h.cols());
      assertSame(spec, arch, h, m, "seed " + seed);
    }
  }

  @Test
  void judgesCapacityAsMappingCheckAndMatchesTheExecutorOnRandomMembersOfEveryFamily() {
    int fitting = 0;
    int overflowing = 0;
    // Cases where each term of the bound decides: the equality proves nothing about one never met.
    int portBound = 0;
    int peakBound = 0;
    int serial = 0;
    int resident = 0;
    for (long seed = 0; seed < 1500; seed++) {
      Random rnd = new Random(seed);
      ArchSpec arch = MapperCases.arch(rnd, 1 + rnd.nextInt(6), 1 + rnd.nextInt(6));
      Hierarchy h = ArchHierarchy.of(arch);
      OpSpec spec = MapperCases.op(rnd);
      Dataflow df = Dataflow.values()[rnd.nextInt(Dataflow.values().length)];
      Space space = new Space(spec, h, df.family().space());
      Evaluator ev = new Evaluator(spec, arch, h, MapperCases.table(arch));
      Candidate c = new Candidate(h.size());
      String where = "seed " + seed + " " + df;
      for (boolean r : MulticastExecutor.resident(spec, arch)) {
        resident += r ? 1 : 0;
      }
      if (!space.sample(rnd, c, ev)) {
        space.smallest(c);
        assertFalse(MappingCheck.check(spec, h, c.toMapping(h)).isFeasible(), where);
        continue;
      }
      for (int step = 0; step < 6; step++) {
        assertTrue(space.contains(c), where);
        assertEquals(c, Candidate.of(c.toMapping(h), h), where);
        MappingResult check = MappingCheck.check(spec, h, c.toMapping(h));
        assertEquals(check.isFeasible(), ev.fits(c), () -> where + ": " + check);
        if (check.isFeasible()) {
          Execution e = assertSame(spec, arch, h, c.toMapping(h), where);
          portBound += e.stats().stallCycles(StallCause.GLB_BANK) > 0 ? 1 : 0;
          peakBound += e.stats().stallCycles(StallCause.DRAM_BANDWIDTH) > 0 ? 1 : 0;
          serial += e.stats().stallCycles(StallCause.DRAM_LATENCY) > 0 ? 1 : 0;
          fitting++;
        } else {
          overflowing++;
        }
        space.mutate(rnd, c);
      }
    }
    assertTrue(fitting > 3000 && overflowing > 300, fitting + " fit, " + overflowing + " overflow");
    assertTrue(portBound > 100, portBound + " bank-port-bound cases");
    assertTrue(peakBound > 50, peakBound + " peak-bandwidth-bound cases");
    assertTrue(serial > 100, serial + " cases with serial waits");
    assertTrue(resident > 50, resident + " cases with a resident operand");
  }

  /** Asserts the evaluator scores {@code m} as the analytical executor, whose run it returns. */
  static Execution assertSame(OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m, String where) {
    EnergyModel table = MapperCases.table(arch);
    Execution e = MulticastExecutor.analytical(spec, arch, h, m);
    double energy = EnergyCost.of(e.stats(), arch, table, e.cycles()).total();
    Evaluator ev = new Evaluator(spec, arch, h, table);
    String what = where + ": " + spec + "\n" + m + "\n" + arch.dram() + " " + arch.energyTable();
    assertEquals(true, ev.evaluate(Candidate.of(m, h)), what);
    assertEquals(e.cycles(), ev.cycles(), what);
    assertEquals(energy, ev.energy(), 0.0, what);
    return e;
  }
}
