package io.arrayflow.dataflows.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapping.MappingResult;
import io.arrayflow.sim.stats.AccessAction;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The closed form against an iteration-by-iteration walk with explicit resident sets. */
class BruteForceOracleTest {

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void closedFormEqualsTheLoopNestWalk(long seed) {
    RandomCases.Case c = RandomCases.of(seed, 1500);
    MappingResult check = MappingCheck.check(c.spec(), c.hierarchy(), c.mapping());
    assertTrue(check.isFeasible(), () -> check + "\n" + c);

    AccessCounts closed = AccessAnalysis.count(c.spec(), c.hierarchy(), c.mapping());
    AccessCounts walked = BruteForceOracle.count(c.spec(), c.hierarchy(), c.mapping());

    assertEquals(table(walked), table(closed), c::toString);
  }

  /** Every counter as text, so a mismatch shows the whole table. */
  static String table(AccessCounts a) {
    StringBuilder b = new StringBuilder();
    for (int lv = 0; lv < a.levels().size(); lv++) {
      for (io.arrayflow.workloads.spec.Role r : io.arrayflow.workloads.spec.Role.values()) {
        b.append(a.levels().get(lv)).append(' ').append(r.key());
        for (AccessAction x : AccessCounts.ACTIONS) {
          b.append(' ').append(x.key()).append('=').append(a.count(lv, r, x));
        }
        b.append('\n');
      }
    }
    for (io.arrayflow.workloads.spec.Role r : io.arrayflow.workloads.spec.Role.values()) {
      b.append("network ")
          .append(r.key())
          .append(" deliveries=")
          .append(a.deliveries(r))
          .append(" reductions=")
          .append(a.spatialReductions(r))
          .append('\n');
    }
    return b.append("macs=").append(a.macs()).append(" pes=").append(a.utilisedPes()).toString();
  }
}
