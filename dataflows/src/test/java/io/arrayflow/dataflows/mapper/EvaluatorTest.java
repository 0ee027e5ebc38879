package io.arrayflow.dataflows.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arrayflow.dataflows.analysis.RandomCases;
import io.arrayflow.dataflows.cost.EnergyCost;
import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.multicast.MulticastExecutor;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.sim.spec.ArchSpec;
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

  static void assertSame(OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m, String where) {
    EnergyModel table = MapperCases.table(arch);
    Execution e = MulticastExecutor.analytical(spec, arch, h, m);
    double energy = EnergyCost.of(e.stats(), arch, table, e.cycles()).total();
    Evaluator ev = new Evaluator(spec, arch, h, table);
    String what = where + ": " + spec + "\n" + m + "\n" + arch.dram() + " " + arch.energyTable();
    assertEquals(true, ev.evaluate(Candidate.of(m, h)), what);
    assertEquals(e.cycles(), ev.cycles(), what);
    assertEquals(energy, ev.energy(), 0.0, what);
  }
}
