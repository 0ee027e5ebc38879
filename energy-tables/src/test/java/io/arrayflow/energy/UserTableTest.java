package io.arrayflow.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserTableTest {
  private static final double EPS = 1e-12;

  /** The user table of DESIGN.md, verbatim. */
  private static final String DESIGN_EXAMPLE =
      String.join(
          "\n",
          "name: my-45nm",
          "unit: pJ",
          "per: block",
          "mac: 0.845",
          "rf:   {read: 0.42564, write: 0.42564}",
          "noc:  {delivery: 0.0}",
          "glb:  {read: 43.353054, write: 30.878292}",
          "dram: {read: 2048.0, write: 2048.0}",
          "vector: {op: 0.1}",
          "leakage_pj_per_cycle: {rf: 0.000861, glb: 0.007972}",
          "");

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  /** The design example with {@code from} replaced by {@code to}. */
  private Path example(String from, String to) throws IOException {
    String yaml = DESIGN_EXAMPLE.replace(from, to);
    if (yaml.equals(DESIGN_EXAMPLE)) {
      throw new IllegalArgumentException("test edit did not apply: " + from);
    }
    return write("my.yaml", yaml);
  }

  private List<String> errors(Path file) {
    return assertThrows(EnergyTableException.class, () -> EnergyTables.load(file)).messages();
  }

  @Test
  void loadsTheDesignExampleWithPerBlockValuesUsedAsGiven() throws IOException {
    EnergyModel model = EnergyTables.load(write("my.yaml", DESIGN_EXAMPLE));
    assertEquals("my-45nm", model.name());
    assertEquals("pJ", model.unit());
    assertEquals("", model.source());
    assertEquals(0.845, model.macEnergy(8, 8, 32));
    assertEquals(0.845, model.macEnergy(16, 16, 32));
    assertEquals(43.353054, model.glbReadEnergy(64 * 1024, 64));
    assertEquals(43.353054, model.glbReadEnergy(1024, 128));
    assertEquals(30.878292, model.glbWriteEnergy(64 * 1024, 64));
    assertEquals(2048.0, model.dramReadEnergy(64));
    assertEquals(2048.0, model.dramWriteEnergy(512));
    assertEquals(0.0, model.nocDeliveryEnergy(16, 5));
    assertEquals(0.1, model.vectorOpEnergy(32));
    assertEquals(0.000861, model.leakageEnergyPerCycle(Level.RF));
    assertEquals(0.007972, model.leakageEnergyPerCycle(Level.GLB));
    assertEquals(0.0, model.leakageEnergyPerCycle(Level.DRAM));
  }

  @Test
  void loadsTheFullerDocsExampleWithCurvesScalingAndTechnologies() throws IOException {
    EnergyModel model =
        EnergyTables.load(
            write(
                "my-28nm.yaml",
                String.join(
                    "\n",
                    "name: my-28nm",
                    "unit: pJ",
                    "per: word",
                    "word_bits: 64",
                    "scaling: {multiply: quadratic, add: linear, vector: linear}",
                    "mac:",
                    "  multiply: {8: 0.1, 16: 0.35}",
                    "  add: {32: 0.05}",
                    "rf:  {per: bit, read: {256B: 0.02, 1KiB: 0.04}, write: {256B: 0.025, 1KiB:"
                        + " 0.05}}",
                    "noc: {per: bit, delivery: 0.02, hop: 0.008}",
                    "glb: {read: {32KiB: 8, 256KiB: 20, 2MiB: 45}, write: {32KiB: 9, 256KiB: 22,"
                        + " 2MiB: 50}}",
                    "dram:",
                    "  per: bit",
                    "  read: 8.0",
                    "  write: 8.0",
                    "  technologies: {hbm2: {read: 3.9, write: 3.9}}",
                    "vector: {op: {16: 0.2}}",
                    "")));
    assertEquals(0.1 + 0.05, model.macEnergy(8, 8, 32), EPS);
    assertEquals(0.35 * 4 + 0.05, model.macEnergy(32, 32, 32), EPS);
    assertEquals(0.03 * 16, model.rfReadEnergy(512, 16), EPS);
    assertEquals(22.0 * 2, model.glbWriteEnergy(256 * 1024, 128), EPS);
    assertEquals(3.9 * 64, model.dramReadEnergy("hbm2", 64), EPS);
    assertEquals(0.1, model.vectorOpEnergy(8), EPS);
  }

  @Test
  void rejectsATableThatIsNotAMapping() throws IOException {
    Path file = write("list.yaml", "- name: x\n");
    assertEquals(
        List.of(
            file
                + ": must be a mapping with keys name, unit, source, per, word_bits, scaling, mac,"
                + " fp_mac, rf, noc, glb, dram, vector, leakage_pj_per_cycle, was a list"),
        errors(file));
  }

  @Test
  void perBitAndPerWordValuesScaleWithTheBlockWidth() throws IOException {
    EnergyModel model =
        EnergyTables.load(
            example(
                "glb:  {read: 43.353054, write: 30.878292}",
                "glb: {per: bit, read: 0.5, write: 1}"));
    assertEquals(32.0, model.glbReadEnergy(1024, 64));
    assertEquals(128.0, model.glbWriteEnergy(1024, 128));
    EnergyModel words =
        EnergyTables.load(
            example(
                "dram: {read: 2048.0, write: 2048.0}",
                "dram: {per: word, word_bits: 16, read: 200, write: 200}"));
    assertEquals(800.0, words.dramReadEnergy(64));
  }

  @Test
  void scalingIsNotAppliedWhereTheTableDoesNotStateIt() throws IOException {
    EnergyModel model = EnergyTables.load(example("mac: 0.845", "mac: {8: 0.2, 32: 3.1}"));
    assertEquals(0.2, model.macEnergy(8, 8, 32));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.macEnergy(16, 16, 32));
    assertEquals(
        "energy table my-45nm: mac has no value for 16 bits and the table states no scaling for"
            + " it; widths given: [8, 32]",
        e.getMessage());
  }

  @Test
  void statedQuadraticScalingMultipliesAnEightBitMacByFourAtSixteenBits() throws IOException {
    EnergyModel model =
        EnergyTables.load(
            example("mac: 0.845", "scaling: {mac: quadratic, vector: linear}\nmac: {8: 0.2}"));
    assertEquals(0.8, model.macEnergy(16, 16, 32), EPS);
    assertEquals(0.8, model.macEnergy(8, 16, 32), EPS);
    assertEquals(0.1, model.vectorOpEnergy(8));
  }

  @Test
  void statedLinearScalingDoublesTheEnergyFromEightToSixteenBits() throws IOException {
    EnergyModel model =
        EnergyTables.load(
            example("vector: {op: 0.1}", "scaling: {vector: linear}\nvector: {op: {8: 0.1}}"));
    assertEquals(0.2, model.vectorOpEnergy(16), EPS);
  }

  @Test
  void interpolatesBetweenSramSizesLinearlyInLogSize() throws IOException {
    EnergyModel model =
        EnergyTables.load(
            example(
                "glb:  {read: 43.353054, write: 30.878292}",
                "glb: {read: {64KiB: 10, 1MiB: 50}, write: {64KiB: 10, 1MiB: 50}}"));
    assertEquals(10.0, model.glbReadEnergy(64 * 1024, 64));
    assertEquals(20.0, model.glbReadEnergy(128 * 1024, 64), EPS);
    assertEquals(30.0, model.glbReadEnergy(256 * 1024, 64), EPS);
    assertEquals(10.0, model.glbReadEnergy(1024, 64));
    assertEquals(50.0, model.glbWriteEnergy(4L << 20, 64));
  }

  @Test
  void addsTheHopEnergyPerHopToTheDelivery() throws IOException {
    EnergyModel model =
        EnergyTables.load(example("noc:  {delivery: 0.0}", "noc: {delivery: 1.5, hop: 0.25}"));
    assertEquals(1.5, model.nocDeliveryEnergy(16, 0));
    assertEquals(2.25, model.nocDeliveryEnergy(16, 3));
  }

  @Test
  void reportsMalformedYamlWithLineAndColumn() throws IOException {
    Path file = write("bad.yaml", "name: x\nunit: pJ\nrf: {read: 1, write: 1\nglb: 3\n");
    List<String> errors = errors(file);
    assertEquals(1, errors.size());
    assertEquals(
        file
            + ": malformed YAML at line 4, column 4: while parsing a flow mapping:"
            + " expected ',' or '}', but got :",
        errors.get(0));
  }

  @Test
  void reportsADuplicateKeyAsMalformedWithItsPosition() throws IOException {
    Path file = write("dup.yaml", DESIGN_EXAMPLE + "mac: 1.0\n");
    assertEquals(
        List.of(file + ": malformed YAML at line 11, column 4: Duplicate field 'mac'"),
        errors(file));
  }

  @Test
  void reportsAnUnknownKeyWithTheNearestValidKey() throws IOException {
    Path file = example("glb:  {read: 43.353054,", "glb:  {raed: 43.353054, read: 1,");
    assertEquals(
        List.of(
            file
                + ": glb.raed: unknown key, did you mean 'read'? (allowed: per, word_bits, read, write)"),
        errors(file));
  }

  @Test
  void reportsAnUnknownTopLevelKeyWithTheNearestValidKey() throws IOException {
    Path file = example("vector: {op: 0.1}", "vector: {op: 0.1}\nleakage: {rf: 1}");
    assertEquals(
        List.of(
            file
                + ": leakage: unknown key, did you mean 'leakage_pj_per_cycle'? (allowed: name,"
                + " unit, source, per, word_bits, scaling, mac, fp_mac, rf, noc, glb, dram,"
                + " vector, leakage_pj_per_cycle)"),
        errors(file));
  }

  @Test
  void reportsAWrongType() throws IOException {
    Path file = example("dram: {read: 2048.0,", "dram: {read: lots,");
    assertEquals(List.of(file + ": dram.read: must be a number >= 0, was \"lots\""), errors(file));
  }

  @Test
  void reportsAMissingRequiredField() throws IOException {
    Path file = example("glb:  {read: 43.353054, write: 30.878292}", "glb:  {read: 43.353054}");
    assertEquals(List.of(file + ": glb.write: required key is missing"), errors(file));
  }

  @Test
  void reportsAMissingRequiredSection() throws IOException {
    Path file = example("vector: {op: 0.1}\n", "");
    assertEquals(List.of(file + ": vector: required key is missing"), errors(file));
  }

  @Test
  void reportsANegativeValue() throws IOException {
    Path file = example("glb:  {read: 43.353054,", "glb:  {read: -3,");
    assertEquals(List.of(file + ": glb.read: must be >= 0, was -3"), errors(file));
  }

  @Test
  void reportsEveryErrorInTheFileTogether() throws IOException {
    Path file =
        write(
            "many.yaml",
            String.join(
                "\n",
                "name: my table",
                "unit: nJ",
                "mac: {8: 0.2, 99: 1}",
                "rf: {read: 1, wrte: 1}",
                "noc: {delivery: -1}",
                "glb: {read: {8KB: 10}, write: 1}",
                "dram: {read: 1, write: 1, per: byte}",
                "scaling: {mac: cubic}",
                "leakage_pj_per_cycle: {glb: 1}",
                ""));
    String f = file + ": ";
    assertEquals(
        List.of(
            f + "vector: required key is missing",
            f + "name: must be letters, digits, '-' or '_', was \"my table\"",
            f + "unit: must be one of pJ, MAC-equivalents, was \"nJ\"",
            f + "scaling.mac: must be one of none, linear, quadratic, was \"cubic\"",
            f + "mac.99: key must be a width in bits, 1..64",
            f
                + "rf.wrte: unknown key, did you mean 'write'? (allowed: per, word_bits, read, write)",
            f + "rf.write: required key is missing",
            f + "noc.delivery: must be >= 0, was -1",
            f
                + "glb.read.8KB: key must be a memory size like 512B, 8KiB, 1MiB (units B, KiB, MiB,"
                + " GiB)",
            f + "dram.per: must be one of block, word, bit, was \"byte\""),
        errors(file));
  }

  @Test
  void rejectsLeakageInATableWhoseUnitIsNotPicojoules() throws IOException {
    Path file = example("unit: pJ", "unit: MAC-equivalents");
    assertEquals(
        List.of(
            file + ": leakage_pj_per_cycle: needs unit pJ, the table's unit is MAC-equivalents"),
        errors(file));
  }

  @Test
  void rejectsPerWordWithoutWordBits() throws IOException {
    Path file = example("per: block", "per: word");
    assertEquals(List.of(file + ": per: is word, so word_bits is required"), errors(file));
  }

  @Test
  void rejectsAnEmptyFile() throws IOException {
    Path file = write("empty.yaml", "");
    assertEquals(
        List.of(
            file + ": empty; an energy table needs name, unit, mac, rf, noc, glb, dram, vector"),
        errors(file));
  }

  @Test
  void rejectsAMissingFile() {
    Path file = dir.resolve("absent.yaml");
    assertEquals(List.of(file + ": no such file"), errors(file));
  }

  @Test
  void resolvesABuiltInNameOrAPathRelativeToTheArchitecture() throws IOException {
    write("my.yaml", DESIGN_EXAMPLE);
    assertEquals("eyeriss-65nm", EnergyTables.resolve("eyeriss-65nm", dir).name());
    assertEquals("my-45nm", EnergyTables.resolve("my.yaml", dir).name());
    EnergyTableException e =
        assertThrows(EnergyTableException.class, () -> EnergyTables.resolve("eyeris", dir));
    assertEquals(
        "energy_table: 'eyeris' is neither a built-in table (eyeriss-65nm, horowitz-45nm,"
            + " accelergy-like) nor an existing file",
        e.getMessage());
  }

  @Test
  void multiplyAndAddAreOnlyAvailableWhenTheTableSplitsTheMac() throws IOException {
    EnergyModel model = EnergyTables.load(write("my.yaml", DESIGN_EXAMPLE));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.multiplyEnergy(Arithmetic.INT, 8));
    assertEquals(
        "energy table my-45nm costs mac as a whole, it has no separate multiply energy",
        e.getMessage());
  }
}
