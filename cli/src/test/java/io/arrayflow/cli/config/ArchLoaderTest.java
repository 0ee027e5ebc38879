package io.arrayflow.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.Operand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchLoaderTest {
  private static final String MINIMAL =
      """
      name: mini
      clock_mhz: 100
      energy_table: eyeriss-65nm
      pe_array: {rows: 4, cols: 4}
      """;

  static String builtIn(String name) throws IOException {
    try (InputStream in =
        ArchLoaderTest.class
            .getClassLoader()
            .getResourceAsStream("configs/arch/" + name + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ArchSpec load(String yaml, String... sets) {
    Node root = YamlFiles.parse(yaml, "a.yaml");
    Overrides.apply(root, List.of(sets), "a.yaml");
    return ArchLoader.load(root, "a.yaml", null);
  }

  private static List<String> problems(String yaml, String... sets) {
    return assertThrows(ConfigException.class, () -> load(yaml, sets)).problems();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"eyeriss", "eyeriss-256", "tpu-v1", "systolic-32", "edge-int8", "reference"})
  void everyBuiltInLoadsAndRoundTripsThroughShow(String name) throws IOException {
    ArchSpec spec = load(builtIn(name));
    String shown = ArchWriter.toYaml(spec);
    assertEquals(spec, load(shown));
    assertEquals(shown, ArchWriter.toYaml(load(shown)));
  }

  @Test
  void loadsTheEyerissChipAsPublished() throws IOException {
    ArchSpec e = load(builtIn("eyeriss"));
    assertEquals(12, e.peArray().rows());
    assertEquals(14, e.peArray().cols());
    assertEquals(224, e.pe().rf().weights().words());
    assertEquals(12, e.pe().rf().inputs().words());
    assertEquals(24, e.pe().rf().outputs().words());
    assertEquals(108, e.glb().sizeKiB());
    assertEquals(NocKind.MULTICAST, e.noc().kind());
    assertEquals(200.0, e.clockMhz());
  }

  @Test
  void fillsEveryOmittedFieldWithItsDocumentedDefault() {
    ArchSpec a = load(MINIMAL);
    assertEquals(ArchSpec.reference().noc(), a.noc());
    assertEquals(ArchSpec.reference().dram(), a.dram());
    assertEquals(ArchSpec.reference().vectorUnit(), a.vectorUnit());
  }

  @Test
  void appliesSetOverrides() {
    ArchSpec a =
        load(
            MINIMAL,
            "glb.size_kib=256",
            "pe_array.rows=16",
            "noc.kind=systolic",
            "noc.multicast=false");
    assertEquals(256, a.glb().sizeKiB());
    assertEquals(16, a.peArray().rows());
    assertEquals(NocKind.SYSTOLIC, a.noc().kind());
  }

  @Test
  void readsBufferDepthResidentOperandsAndFurtherMemories() {
    ArchSpec a =
        load(
            MINIMAL
                + """
                noc: {kind: systolic}
                glb: {buffers: 4, resident: [inputs]}
                memories:
                  - {name: host, serves: [inputs, outputs], model: simple, block_bits: 512,
                     bandwidth_bytes_per_cycle: 21.5, latency_cycles: 700}
                """);
    assertEquals(4, a.glb().buffers());
    assertEquals(true, a.glb().resident(Operand.INPUTS));
    assertEquals(List.of("dram", "host"), a.offChipNames());
    assertEquals(1, a.memoryIndex(Operand.OUTPUTS));
    assertEquals(0, a.memoryIndex(Operand.WEIGHTS));
    assertEquals(21.5, a.memoryOf(Operand.INPUTS).bandwidthBytesPerCycle());
    assertEquals(a, load(ArchWriter.toYaml(a)));
  }

  @Test
  void rejectsBothBuffersAndDoubleBuffered() {
    assertEquals(
        List.of(
            "a.yaml:5:39: glb.buffers: give either buffers or double_buffered (true means buffers:"
                + " 2), not both"),
        problems(MINIMAL + "glb: {double_buffered: true, buffers: 2}\n"));
  }

  @Test
  void rejectsAnOperandServedByTwoMemories() {
    List<String> problems =
        problems(
            MINIMAL
                + """
                memories:
                  - {name: host, serves: [inputs], model: simple, bandwidth_bytes_per_cycle: 8,
                     latency_cycles: 10}
                  - {name: host, serves: [inputs], model: simple, bandwidth_bytes_per_cycle: 8,
                     latency_cycles: 10}
                """);
    assertEquals(
        List.of(
            "a.yaml:8:12: memories[1].name: must be unique, was 'host'",
            "a.yaml:8:26: memories[1].serves: must not name an operand another memory serves, was"
                + " 'inputs'"),
        problems);
  }

  @Test
  void rejectsAResidentOperandTheGlbDoesNotKeep() {
    assertEquals(
        List.of(
            "a.yaml:6:17: glb.resident: must name an operand in keep [inputs, outputs], was"
                + " 'weights'"),
        problems(MINIMAL + "noc: {kind: systolic}\nglb: {resident: [weights]}\n"));
  }

  @Test
  void rejectsASetPathThatDoesNotExistSuggestingTheNearest() {
    assertEquals(
        List.of(
            "a.yaml (--set): glb.size_kb: unknown key (did you mean 'size_kib'?); valid keys here:"
                + " size_kib, banks, bank_width_bits, ports_per_bank, partition, keep, resident,"
                + " double_buffered, buffers"),
        problems(MINIMAL, "glb.size_kb=3"));
  }

  @Test
  void reportsEveryProblemOfTheFileTogether() {
    String yaml =
        """
        name: bad
        clock_mhz: 0
        energy_table: nonesuch
        pe_array: {rows: 0, cols: 4}
        noc: {kind: mesh}
        glb: {size_kib: -4, bank_width_bits: 60, banks: three}
        dram: {model: ddr5}
        colour: red
        """;
    assertEquals(
        List.of(
            "a.yaml:4:18: pe_array.rows: must be >= 1, was 0",
            "a.yaml:5:13: noc.kind: must be one of multicast, systolic, was 'mesh'",
            "a.yaml:6:49: glb.banks: must be an integer, was text 'three'",
            "a.yaml:6:17: glb.size_kib: must be > 0, was -4",
            "a.yaml:7:15: dram.model: must be one of simple, ddr4-3200, lpddr4-3200, hbm2, was"
                + " 'ddr5'",
            "a.yaml:8:9: colour: unknown key; valid keys here: name, description, clock_mhz,"
                + " energy_table, datatype, precision, pe_array, pe, noc, glb, dram, memories, vector_unit",
            "a.yaml:3:15: energy_table: no such energy table 'nonesuch'; expected a built-in"
                + " (eyeriss-65nm, horowitz-45nm, accelergy-like) or a YAML file path",
            "a.yaml:2:12: clock_mhz: must be > 0, was 0"),
        problems(yaml));
  }

  @Test
  void rejectsABankWidthThatDoesNotHoldWholeWords() {
    assertEquals(
        List.of(
            "a.yaml:6:20: glb.bank_width_bits: must be a multiple of the inputs precision (16"
                + " bits), was 60",
            "a.yaml:6:20: glb.bank_width_bits: must be a multiple of the outputs precision (16"
                + " bits), was 60"),
        problems(MINIMAL + "glb:\n  bank_width_bits: 60\n"));
  }

  @Test
  void reportsMalformedYamlWithLineAndColumn() {
    assertEquals(
        List.of("a.yaml:2:13: malformed YAML: mapping values are not allowed here"),
        problems("name: x\nclock_mhz: 1: 2\n"));
  }

  @Test
  void reportsAMissingRequiredField() {
    assertEquals(
        List.of("a.yaml:1:1: pe_array: required field is missing"),
        problems("name: x\nclock_mhz: 100\nenergy_table: eyeriss-65nm\n"));
  }

  @Test
  void reportsTheProblemsOfAnInvalidUserEnergyTable(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("mine.yaml"), "name: mine\nunit: pJ\nper: block\nmac: -1\n");
    Node root = YamlFiles.parse(MINIMAL.replace("eyeriss-65nm", "mine.yaml"), "a.yaml");
    List<String> p =
        assertThrows(ConfigException.class, () -> ArchLoader.load(root, "a.yaml", dir)).problems();
    String prefix = "a.yaml:3:15: energy_table: the energy table is invalid: ";
    assertEquals(6, p.size(), p.toString());
    assertEquals(prefix + dir.resolve("mine.yaml") + ": rf: required key is missing", p.get(0));
    assertEquals(prefix + dir.resolve("mine.yaml") + ": mac: must be >= 0, was -1", p.get(5));
  }
}
