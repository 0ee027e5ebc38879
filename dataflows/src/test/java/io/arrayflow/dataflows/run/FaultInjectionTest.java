package io.arrayflow.dataflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.exec.Fault;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.workloads.spec.OpSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Verification is not a formality: one MAC off by one in one PE fails it, on every dataflow, on
 * both NoCs (row-stationary and no-local-reuse on the multicast one), in int and in float; the same
 * run without the fault passes.
 */
class FaultInjectionTest {
  private static final OpSpec CONV = OpSpec.conv("conv", 1, 1, 8, 4, 8, 8, 3, 3, 1, 1, 1);

  @ParameterizedTest
  @EnumSource(Dataflow.class)
  void aSingleWrongMacFailsVerification(Dataflow df) {
    List<ArchSpec> archs =
        List.of(
            TestArchs.eyeriss(),
            TestArchs.systolic32(),
            TestArchs.floatingPoint(TestArchs.eyeriss(), "horowitz-45nm"),
            TestArchs.floatingPoint(TestArchs.systolic32(), "horowitz-45nm"));
    for (ArchSpec arch : archs) {
      if (arch.noc().kind() == NocKind.SYSTOLIC && !df.runsOnSystolic()) {
        continue;
      }
      LayerRunner runner = new LayerRunner(arch, EnergyTables.named(arch.energyTable()));
      Verification clean = runner.verify(CONV, df, 3, "");
      Verification faulty = runner.verify(CONV, df, 3, "", new Fault(0, 0));
      assertTrue(clean.pass(), () -> arch.name() + " " + df + ": " + clean);
      assertFalse(faulty.pass(), () -> arch.name() + " " + df + " with a fault: " + faulty);
      assertTrue(faulty.maxAbsError() > 0, faulty::toString);
    }
  }

  @Test
  void rowStationaryOnASystolicArrayIsRefusedWithTheReason() {
    ArchSpec arch = TestArchs.systolic32();
    Verification v =
        new LayerRunner(arch, EnergyTables.named(arch.energyTable()))
            .verify(CONV, Dataflow.RS, 3, "");

    assertFalse(v.pass());
    assertEquals(
        "rs needs a multicast NoC; systolic-32 has noc.kind: systolic, whose fold schedules run"
            + " ws, os and is",
        v.note());
  }
}
