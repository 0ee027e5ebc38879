package io.arrayflow.memory.glb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.Precision;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GlobalBufferTest {

  private static GlobalBuffer glb(GlbSpec spec) {
    return new GlobalBuffer("glb", spec, Precision.defaults());
  }

  private static GlobalBuffer fourBanks() {
    return glb(GlbSpec.builder().sizeKiB(4).banks(4).bankWidthBits(64).build());
  }

  @Test
  void aBankConflictCostsACycle() {
    GlobalBuffer glb = fourBanks();
    assertEquals(11, glb.access(10, Operand.INPUTS, AccessAction.READ, 0));
    assertEquals(12, glb.access(10, Operand.INPUTS, AccessAction.READ, 4));
    assertEquals(11, glb.access(10, Operand.INPUTS, AccessAction.READ, 5));
    Stats stats = glb.stats();
    assertEquals(1, stats.stallCycles(StallCause.GLB_BANK));
    assertEquals(1, stats.metric(Metric.BANK_CONFLICTS));
    assertEquals(2, stats.busyCycles("glb"));
  }

  @Test
  void twoPortsPerBankServeTwoAccessesInOneCycle() {
    GlobalBuffer glb = glb(GlbSpec.builder().sizeKiB(4).banks(4).portsPerBank(2).build());
    assertEquals(1, glb.access(0, Operand.INPUTS, AccessAction.READ, 0));
    assertEquals(1, glb.access(0, Operand.OUTPUTS, AccessAction.UPDATE, 4));
    assertEquals(2, glb.access(0, Operand.INPUTS, AccessAction.READ, 8));
  }

  @Test
  void aConsecutiveRangeSpreadsOverAllBanks() {
    GlobalBuffer glb = fourBanks();
    assertEquals(1, glb.accessRange(0, Operand.INPUTS, AccessAction.FILL, 6, 4));
    assertEquals(4, glb.accessRange(1, Operand.INPUTS, AccessAction.FILL, 0, 10));
    assertEquals(0, glb.stats().stallCycles(StallCause.GLB_BANK));
    assertEquals(14, glb.stats().count(Level.GLB, Operand.INPUTS, AccessAction.FILL));
  }

  @Test
  void countsOneAccessPerBankWordHoldingSeveralValues() {
    GlobalBuffer glb = fourBanks();
    assertEquals(4, glb.valuesPerWord(Operand.INPUTS));
    long words = glb.wordsFor(Operand.INPUTS, 10);
    assertEquals(3, words);
    glb.accessRange(0, Operand.INPUTS, AccessAction.READ, 0, words);
    glb.accessRange(0, Operand.OUTPUTS, AccessAction.FILL, 100, 2);
    glb.accessRange(5, Operand.OUTPUTS, AccessAction.UPDATE, 100, 2);
    glb.accessRange(5, Operand.OUTPUTS, AccessAction.READ, 100, 2);
    Stats stats = glb.stats();
    assertEquals(3, stats.reads(Level.GLB, Operand.INPUTS));
    assertEquals(0, stats.writes(Level.GLB, Operand.INPUTS));
    assertEquals(2, stats.count(Level.GLB, Operand.OUTPUTS, AccessAction.FILL));
    assertEquals(2, stats.count(Level.GLB, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(2, stats.reads(Level.GLB, Operand.OUTPUTS));
    assertEquals(0, stats.reads(Level.GLB, Operand.WEIGHTS));
  }

  @Test
  void doubleBufferingHalvesWhatOneTileMayUse() {
    GlobalBuffer doubled =
        glb(GlbSpec.builder().sizeKiB(100).partition(Operand.OUTPUTS, 20).build());
    assertEquals(80 * 1024, doubled.capacityBytes(Operand.INPUTS));
    assertEquals(40 * 1024, doubled.tileCapacityBytes(Operand.INPUTS));
    assertEquals(10 * 1024, doubled.tileCapacityBytes(Operand.OUTPUTS));
    assertEquals(0, doubled.capacityBytes(Operand.WEIGHTS));
    GlobalBuffer single = glb(GlbSpec.builder().sizeKiB(100).doubleBuffered(false).build());
    assertEquals(100 * 1024, single.tileCapacityBytes(Operand.INPUTS));
  }

  @Test
  void reportsWhyTilesDoNotFitAsAValue() {
    GlobalBuffer glb =
        glb(
            GlbSpec.builder()
                .sizeKiB(100)
                .keep(EnumSet.allOf(Operand.class))
                .partition(Operand.OUTPUTS, 20)
                .build());
    assertEquals(
        Optional.empty(),
        glb.capacityProblem(Map.of(Operand.INPUTS, 20_000L, Operand.WEIGHTS, 20_960L)));
    assertEquals(
        Optional.of("tiles of 40961 bytes exceed the 40960-byte shared buffer (1/2, 2 buffers)"),
        glb.capacityProblem(Map.of(Operand.INPUTS, 20_000L, Operand.WEIGHTS, 20_961L)));
    assertEquals(
        Optional.of(
            "outputs tile of 10241 bytes exceeds its 10240-byte partition (1/2, 2 buffers)"),
        glb.capacityProblem(Map.of(Operand.OUTPUTS, 10_241L)));
    assertEquals(
        Optional.of("weights bypasses the GLB but needs 8 bytes"),
        fourBanks().capacityProblem(Map.of(Operand.WEIGHTS, 8L)));
  }

  @Test
  void refusesAccessToABypassedOperand() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> fourBanks().access(0, Operand.WEIGHTS, AccessAction.READ, 0));
    assertEquals("weights bypasses the GLB (keep is [INPUTS, OUTPUTS])", e.getMessage());
  }
}
