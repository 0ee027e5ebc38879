package io.arrayflow.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInTablesTest {
  private static final double EPS = 1e-12;

  static List<String> builtInNames() {
    return EnergyTables.builtInNames();
  }

  @Test
  void listsTheThreeBuiltInTablesInOrder() {
    assertEquals(
        List.of("eyeriss-65nm", "horowitz-45nm", "accelergy-like"), EnergyTables.builtInNames());
  }

  @ParameterizedTest
  @MethodSource("builtInNames")
  void eachBuiltInLoadsUnderItsOwnNameAndCitesASource(String name) {
    EnergyModel model = EnergyTables.named(name);
    assertEquals(name, model.name());
    assertFalse(model.source().isBlank());
    assertTrue(EnergyTables.builtInYaml(name).contains("name: " + name));
  }

  @ParameterizedTest
  @MethodSource("builtInNames")
  void eachBuiltInCostsEveryActionOfAnInt16Design(String name) {
    EnergyModel model = EnergyTables.named(name);
    assertTrue(model.macEnergy(16, 16, 32) > 0);
    assertTrue(model.rfReadEnergy(512, 16) > 0);
    assertTrue(model.glbReadEnergy(108 * 1024, 64) > 0);
    assertTrue(model.dramReadEnergy(64) > 0);
    assertTrue(model.nocDeliveryEnergy(16, 1) >= 0);
    assertTrue(model.vectorOpEnergy(16) > 0);
  }

  @Test
  void unknownBuiltInNameFailsListingTheValidNames() {
    EnergyTableException e =
        assertThrows(EnergyTableException.class, () -> EnergyTables.named("eyeriss"));
    assertEquals(
        "unknown energy table 'eyeriss', valid: eyeriss-65nm, horowitz-45nm, accelergy-like",
        e.getMessage());
  }

  @Test
  void eyerissIsNormalizedToOneSixteenBitMac() {
    EnergyModel eyeriss = EnergyTables.named("eyeriss-65nm");
    assertEquals("MAC-equivalents", eyeriss.unit());
    assertEquals(1.0, eyeriss.macEnergy(16, 16, 32));
    assertEquals(1.0, eyeriss.rfReadEnergy(448, 16));
    assertEquals(1.0, eyeriss.rfWriteEnergy(24, 16));
    assertEquals(2.0, eyeriss.nocDeliveryEnergy(16, 0));
    assertEquals(6.0, eyeriss.glbReadEnergy(108 * 1024, 16));
    assertEquals(200.0, eyeriss.dramReadEnergy(16));
    assertEquals(200.0, eyeriss.dramWriteEnergy(16));
  }

  @Test
  void eyerissCostsAWideBlockAsSixteenBitWords() {
    EnergyModel eyeriss = EnergyTables.named("eyeriss-65nm");
    assertEquals(24.0, eyeriss.glbReadEnergy(108 * 1024, 64));
    assertEquals(800.0, eyeriss.dramReadEnergy(64));
  }

  @Test
  void eyerissScalesMacQuadraticallyAndIgnoresMemorySize() {
    EnergyModel eyeriss = EnergyTables.named("eyeriss-65nm");
    assertEquals(0.25, eyeriss.macEnergy(8, 8, 32));
    assertEquals(6.0, eyeriss.glbReadEnergy(1024, 16));
    assertEquals(6.0, eyeriss.glbReadEnergy(16L << 20, 16));
  }

  @Test
  void horowitzReturnsTheKeynoteNumbersExactly() {
    EnergyModel horowitz = EnergyTables.named("horowitz-45nm");
    assertEquals("pJ", horowitz.unit());
    assertEquals(0.03, horowitz.addEnergy(Arithmetic.INT, 8));
    assertEquals(0.1, horowitz.addEnergy(Arithmetic.INT, 32));
    assertEquals(0.2, horowitz.multiplyEnergy(Arithmetic.INT, 8));
    assertEquals(3.1, horowitz.multiplyEnergy(Arithmetic.INT, 32));
    assertEquals(0.4, horowitz.addEnergy(Arithmetic.FP, 16));
    assertEquals(1.1, horowitz.multiplyEnergy(Arithmetic.FP, 16));
    assertEquals(0.9, horowitz.addEnergy(Arithmetic.FP, 32));
    assertEquals(3.7, horowitz.multiplyEnergy(Arithmetic.FP, 32));
    assertEquals(10.0, horowitz.glbReadEnergy(8 * 1024, 64));
    assertEquals(20.0, horowitz.glbReadEnergy(32 * 1024, 64));
    assertEquals(100.0, horowitz.glbReadEnergy(1024 * 1024, 64));
    assertEquals(2000.0, horowitz.dramReadEnergy(64));
  }

  @Test
  void horowitzMacIsMultiplyAtOperandWidthPlusAddAtAccumulatorWidth() {
    EnergyModel horowitz = EnergyTables.named("horowitz-45nm");
    assertEquals(0.2 + 0.1, horowitz.macEnergy(8, 8, 32), EPS);
    assertEquals(3.7 + 0.9, horowitz.macEnergy(Arithmetic.FP, 32, 32, 32), EPS);
  }

  @Test
  void horowitzScalesMultipliersQuadraticallyAndAddersLinearly() {
    EnergyModel horowitz = EnergyTables.named("horowitz-45nm");
    assertEquals(0.8, horowitz.multiplyEnergy(Arithmetic.INT, 16), EPS);
    assertEquals(0.06, horowitz.addEnergy(Arithmetic.INT, 16), EPS);
    assertEquals(0.05, horowitz.multiplyEnergy(Arithmetic.INT, 4), EPS);
    assertEquals(0.8 + 0.1, horowitz.macEnergy(16, 8, 32), EPS);
  }

  @Test
  void horowitzInterpolatesSramLogLinearlyAndHoldsTheEndValues() {
    EnergyModel horowitz = EnergyTables.named("horowitz-45nm");
    assertEquals(15.0, horowitz.glbReadEnergy(16 * 1024, 64), EPS);
    assertEquals(20.0 + 80.0 * 2 / 5, horowitz.glbReadEnergy(128 * 1024, 64), EPS);
    assertEquals(10.0, horowitz.glbReadEnergy(1024, 64));
    assertEquals(100.0, horowitz.glbReadEnergy(24L << 20, 64));
    assertEquals(40.0, horowitz.glbWriteEnergy(32 * 1024, 128), EPS);
  }

  @Test
  void accelergyLikeCostsDramPerBitByTechnology() {
    EnergyModel accelergy = EnergyTables.named("accelergy-like");
    assertEquals(8.0 * 64, accelergy.dramReadEnergy(64));
    assertEquals(8.0 * 64, accelergy.dramReadEnergy("lpddr4-3200", 64));
    assertEquals(3.9 * 64, accelergy.dramReadEnergy("hbm2", 64), EPS);
    assertEquals(14.0 * 64, accelergy.dramWriteEnergy("gddr5", 64));
    assertEquals(70.0 * 64, accelergy.dramReadEnergy("ddr3", 64));
    assertEquals(List.of("ddr3", "ddr4", "gddr5", "hbm2", "lpddr4"), accelergy.dramTechnologies());
  }

  @Test
  void accelergyLikeFailsOnAnUnknownDramTechnologyListingTheValidOnes() {
    EnergyModel accelergy = EnergyTables.named("accelergy-like");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> accelergy.dramReadEnergy("rldram", 64));
    assertEquals(
        "energy table accelergy-like has no DRAM technology 'rldram', valid: simple, ddr3, ddr4,"
            + " gddr5, hbm2, lpddr4",
        e.getMessage());
  }

  @Test
  void accelergyLikeCostsSramBySizeAndMacByWidth() {
    EnergyModel accelergy = EnergyTables.named("accelergy-like");
    assertEquals(0.15 * 64, accelergy.glbReadEnergy(32 * 1024, 64), EPS);
    assertEquals(0.04 * 16, accelergy.rfReadEnergy(512, 16), EPS);
    assertEquals(0.3, accelergy.macEnergy(8, 8, 32));
    assertEquals(1.0, accelergy.macEnergy(16, 16, 32));
    assertEquals(0.03 * 16 + 0.01 * 16 * 3, accelergy.nocDeliveryEnergy(16, 3), EPS);
  }

  @Test
  void builtInsWithoutAnFpSectionSayTheyCannotCostFloatingPoint() {
    EnergyModel eyeriss = EnergyTables.named("eyeriss-65nm");
    assertFalse(eyeriss.supports(Arithmetic.FP));
    assertTrue(EnergyTables.named("horowitz-45nm").supports(Arithmetic.FP));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> eyeriss.macEnergy(Arithmetic.FP, 16, 16, 32));
    assertEquals(
        "energy table eyeriss-65nm has no fp_mac section, so it cannot cost fp MACs",
        e.getMessage());
  }

  @Test
  void builtInTablesHaveNoLeakage() {
    for (String name : EnergyTables.builtInNames()) {
      for (Level level : Level.values()) {
        assertEquals(0.0, EnergyTables.named(name).leakageEnergyPerCycle(level));
      }
    }
  }
}
