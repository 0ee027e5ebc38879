package io.arrayflow.dataflows.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.result.EnergyBreakdown;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import org.junit.jupiter.api.Test;

class EnergyCostTest {
  // The reference arch: 16-bit operands, 64-bit GLB bank words and DRAM blocks, multicast NoC.
  private static final ArchSpec ARCH = ArchSpec.reference();

  @Test
  void costsEachLevelPerAccessBlockWithTheEyerissTable() {
    Counters c = new Counters("test");
    c.add(Level.MAC, AccessAction.MAC, 10);
    c.add(Level.RF, Operand.WEIGHTS, AccessAction.READ, 7);
    c.add(Level.RF, Operand.OUTPUTS, AccessAction.UPDATE, 3);
    c.add(Level.GLB, Operand.INPUTS, AccessAction.READ, 5); // 80 bits: two 64-bit bank words
    c.add(Level.GLB, Operand.OUTPUTS, AccessAction.FILL, 4); // 64 bits: one bank word
    c.add(Level.DRAM, Operand.WEIGHTS, AccessAction.READ, 4); // one 64-bit block
    c.add(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE, 1); // one block, partly used
    c.add(Level.NOC, Operand.INPUTS, AccessAction.MULTICAST_DELIVERY, 3);
    c.add(Level.NOC, Operand.OUTPUTS, AccessAction.SPATIAL_REDUCTION, 2);
    EnergyBreakdown e = EnergyCost.of(c.snapshot(), ARCH, EnergyTables.named("eyeriss-65nm"), 1000);

    // Eyeriss ISCA 2016, per 16-bit word: MAC 1, RF 1, NoC 2, GLB 6, DRAM 200.
    assertEquals(10, e.mac(), 1e-9);
    assertEquals(7 + 3, e.rf(), 1e-9);
    assertEquals(2 * 24 + 24, e.glb(), 1e-9);
    assertEquals(800 + 800, e.dram(), 1e-9);
    assertEquals(3 * 2 + 2 * 2, e.noc(), 1e-9);
    assertEquals(0, e.vector(), 1e-9);
    assertEquals("MAC-equivalents", e.unit());
  }

  @Test
  void packsValuesIntoBlocksRoundingUpOnce() {
    assertEquals(0, EnergyCost.blocks(0, 8, 64));
    assertEquals(1, EnergyCost.blocks(8, 8, 64));
    assertEquals(2, EnergyCost.blocks(9, 8, 64));
    assertEquals(3, EnergyCost.blocks(3, 32, 32));
  }

  @Test
  void usesTheTablesDramTechnologyMatchingTheArchsModelOrItsDefault() {
    ArchSpec lpddr4 =
        ArchSpec.builder("x", 200, "accelergy-like", ARCH.peArray())
            .dram(DramSpec.preset(DramModel.named("lpddr4-3200")))
            .build();
    assertEquals(
        "lpddr4", EnergyCost.technology(lpddr4.dram(), EnergyTables.named("accelergy-like")));
    assertEquals(
        "simple", EnergyCost.technology(lpddr4.dram(), EnergyTables.named("eyeriss-65nm")));
    assertEquals(
        "simple", EnergyCost.technology(ARCH.dram(), EnergyTables.named("accelergy-like")));
  }
}
