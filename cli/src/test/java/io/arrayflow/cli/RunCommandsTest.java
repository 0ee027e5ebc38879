package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.cli.MainTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code run}, {@code compare} and {@code verify} commands end to end. */
class RunCommandsTest {
  private static final String TINY = "src/test/resources/workloads/tiny.yaml";

  /** A mapping of verify-small's {@code conv} (C=8, M=16, P=Q=14, R=S=3) onto eyeriss. */
  private static final String CONV_MAPPING =
      """
      mapping:
        - {level: dram, temporal: {M: 2}}
        - {level: glb, temporal: {P: 14, C: 2}, order: [C, P]}
        - {level: array, spatial: {rows: {C: 4, S: 3}, cols: {Q: 14}}}
        - {level: rf.weights, temporal: {R: 3}}
        - {level: rf.outputs, temporal: {M: 8}}
      """;

  private static void assertBadInput(Outcome o, String expectedError) {
    assertEquals(2, o.code(), o.err());
    assertEquals(expectedError, o.err().strip());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
  }

  @Test
  void runOfATinyWorkloadOnEyerissMatchesTheGoldenTable() throws IOException {
    Outcome o = MainTest.run("run", "--arch", "eyeriss", "--workload", TINY);
    assertEquals(0, o.code(), o.err());
    Golden.assertMatches("run-tiny-eyeriss.txt", o.out());
  }

  @Test
  void runOnASystolicArrayAsCsvMatchesTheGoldenFile() throws IOException {
    Outcome o =
        MainTest.run(
            "run", "--arch", "systolic-32", "--workload", "verify-small", "--format", "csv");
    assertEquals(0, o.code(), o.err());
    Golden.assertMatches("run-verify-small-systolic-32.csv", o.out());
  }

  @Test
  void compareNamesTheDataflowWithTheLowestEnergyAndLatency() throws IOException {
    Outcome o = MainTest.run("compare", "--arch", "eyeriss", "--workload", TINY);
    assertEquals(0, o.code(), o.err());
    Golden.assertMatches("compare-tiny-eyeriss.txt", o.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"analytical", "event", "cycle"})
  void everyFidelityRunsAndTheyAgreeOnMacs(String fidelity) {
    Outcome o =
        MainTest.run(
            "run",
            "--arch",
            "edge-int8",
            "--workload",
            "verify-small",
            "--layer",
            "strided",
            "--fidelity",
            fidelity,
            "--format",
            "csv");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains(",strided,ws," + fidelity + ",115200,"), o.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"eyeriss", "systolic-32", "edge-int8"})
  void verifyPassesEveryLayerOfTheSmallWorkload(String arch) {
    // 9 layers under ws, os, is, and rs too on the multicast NoCs (`all` on a systolic one is ws,
    // os, is).
    Outcome o = MainTest.run("verify", "--arch", arch, "--workload", "verify-small");
    int runs = arch.equals("systolic-32") ? 27 : 36;
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(
        o.out()
            .contains(
                "verify verify-small on " + arch + ": " + runs + " passed, 0 failed, 0 skipped"),
        o.out());
    assertFalse(o.out().contains("FAIL"), o.out());
  }

  @Test
  void verifySkipsLayersAboveTheBudgetUnlessAskedToScaleDown() {
    Outcome skipped =
        MainTest.run(
            "verify",
            "--arch",
            "eyeriss",
            "--workload",
            "alexnet",
            "--layer",
            "conv1",
            "--dataflow",
            "ws");
    assertEquals(2, skipped.code(), skipped.err());
    assertTrue(skipped.out().contains("SKIP"), skipped.out());
    assertTrue(skipped.out().contains("0 passed, 0 failed, 1 skipped"), skipped.out());

    Outcome scaled =
        MainTest.run(
            "verify",
            "--arch",
            "eyeriss",
            "--workload",
            "alexnet",
            "--layer",
            "conv1",
            "--dataflow",
            "ws",
            "--max-macs",
            "300000",
            "--scale-down");
    assertEquals(0, scaled.code(), scaled.err());
    assertTrue(scaled.out().contains("conv1@scaled"), scaled.out());
    assertTrue(scaled.out().contains("scaled down from 105415200 MACs"), scaled.out());
    assertTrue(scaled.out().contains("1 passed, 0 failed, 0 skipped"), scaled.out());
  }

  @Test
  void runWritesWholeResultFilesIntoOut(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("results");
    Outcome o =
        MainTest.run(
            "run", "--arch", "eyeriss", "--workload", TINY, "--dataflow", "os", "--out", "" + out);
    assertEquals(0, o.code(), o.err());
    String csv = Files.readString(out.resolve("results.csv"));
    assertTrue(csv.startsWith("arch,workload,layer,dataflow,fidelity,macs,"), csv);
    assertEquals(7, csv.lines().count(), csv); // header, 5 layers, TOTAL
    assertTrue(Files.readString(out.resolve("results.json")).startsWith("[\n  {\n"));
    assertTrue(Files.readString(out.resolve("mappings/os/c1.yaml")).contains("\nmapping:\n"));
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"label\" : \"eyeriss\""));
  }

  @Test
  void runsAnExplicitMapping(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("conv.yaml");
    Files.writeString(m, CONV_MAPPING);
    Outcome o =
        MainTest.run(
            "run",
            "--arch",
            "eyeriss",
            "--workload",
            "verify-small",
            "--layer",
            "conv",
            "--mapping",
            "" + m,
            "--dataflow",
            "ws",
            "--format",
            "csv");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("eyeriss,verify-small,conv,ws,event,225792,"), o.out());
  }

  @Test
  void rejectsAnExplicitMappingThatDoesNotFitWithTheReason(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("conv.yaml");
    Files.writeString(
        m, CONV_MAPPING.replace("{C: 4, S: 3}", "{C: 8, S: 3}").replace("C: 2", "C: 1"));
    assertBadInput(
        MainTest.run(
            "run",
            "--arch",
            "eyeriss",
            "--workload",
            "verify-small",
            "--layer",
            "conv",
            "--mapping",
            "" + m,
            "--dataflow",
            "ws"),
        "error: --mapping: layer conv (ws): no mapping fits: array rows: spatial factors multiply"
            + " to 24, the array has 12 rows\n"
            + "error: dataflows left out because some layer could not be mapped: ws");
  }

  @Test
  void anExplicitMappingNeedsOneDataflowToLabelItsRows(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("conv.yaml");
    Files.writeString(m, CONV_MAPPING);
    assertBadInput(
        MainTest.run("run", "--arch", "eyeriss", "--workload", "verify-small", "--mapping", "" + m),
        "error: --mapping: one mapping runs once; name the dataflow it belongs to with --dataflow"
            + " ws, os or is (it labels the rows)");
  }

  @Test
  void rejectsAnExplicitMappingOnASystolicArray(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("conv.yaml");
    Files.writeString(m, CONV_MAPPING);
    assertBadInput(
        MainTest.run("run", "--arch", "tpu-v1", "--workload", "verify-small", "--mapping", "" + m),
        "error: --mapping: tpu-v1 has a systolic NoC, which runs fold schedules; explicit"
            + " mappings apply to a multicast NoC");
  }

  @Test
  void rejectsAnOverlappedPreloadWithNowhereToHoldTheNextTile() {
    assertBadInput(
        MainTest.run(
            "run", "--arch", "tpu-v1", "--workload", TINY, "--set", "noc.weight_fifo_tiles=0"),
        "error: tpu-v1 (built-in) (--set): noc.weight_fifo_tiles: must be >= 1 with preload:"
            + " overlapped when glb.keep leaves out weights or inputs (the next stationary tile"
            + " waits in the FIFO), was 0");
  }

  @Test
  void rejectsAFloatDatapathWhoseEnergyTableCannotCostFloatMacs() {
    assertBadInput(
        MainTest.run("run", "--arch", "eyeriss", "--workload", TINY, "--set", "datatype=fp"),
        "error: eyeriss (built-in):10:15: energy_table: datatype fp needs a table with an fp_mac"
            + " section; eyeriss-65nm has none (horowitz-45nm has one)");
  }

  @Test
  void verifiesAFloatDatapathWithinTolerance() {
    Outcome o =
        MainTest.run(
            "verify",
            "--arch",
            "eyeriss",
            "--set",
            "datatype=fp",
            "--set",
            "energy_table=horowitz-45nm",
            "--workload",
            "verify-small",
            "--dataflow",
            "os");
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(o.out().contains(": 9 passed, 0 failed, 0 skipped"), o.out());
  }

  @Test
  void rejectsAnUnknownDataflow() {
    assertBadInput(
        MainTest.run("run", "--arch", "eyeriss", "--workload", TINY, "--dataflow", "xs"),
        "error: --dataflow: unknown dataflow 'xs'; expected ws, os, is, rs, nlr or all");
  }

  @Test
  void rejectsRowStationaryOnASystolicArray() {
    assertBadInput(
        MainTest.run("run", "--arch", "systolic-32", "--workload", TINY, "--dataflow", "ws,rs"),
        "error: --dataflow: rs needs a multicast NoC; systolic-32 has noc.kind: systolic, whose"
            + " fold schedules run ws, os and is");
  }

  @Test
  void rejectsAnUnknownFidelity() {
    assertBadInput(
        MainTest.run("run", "--arch", "eyeriss", "--workload", TINY, "--fidelity", "exact"),
        "error: --fidelity: unknown fidelity 'exact'; expected analytical, event or cycle");
  }

  @Test
  void rejectsAnUnknownObjective() {
    assertBadInput(
        MainTest.run("compare", "--arch", "eyeriss", "--workload", TINY, "--objective", "speed"),
        "error: --objective: unknown objective 'speed'; expected energy, cycles or edp");
  }

  @Test
  void theMapperMinimisesTheObjectiveAskedFor(@TempDir Path dir) throws IOException {
    Outcome o =
        MainTest.run(
            "run",
            "--arch",
            "eyeriss",
            "--workload",
            TINY,
            "--dataflow",
            "ws",
            "--layer",
            "c1",
            "--objective",
            "cycles",
            "--out",
            "" + dir);
    assertEquals(0, o.code(), o.err());
    String yaml = Files.readString(dir.resolve("mappings/ws/c1.yaml"));
    assertTrue(yaml.contains("# chosen: mapper: cycles "), yaml);
  }

  @Test
  void rejectsAnUnknownLayerSuggestingTheNearest() {
    assertBadInput(
        MainTest.run("run", "--arch", "eyeriss", "--workload", TINY, "--layer", "c2"),
        "error: --layer: workload tiny has no layer 'c2' (did you mean 'c1'?); its layers are c1,"
            + " dw, fc, qk, sm");
  }

  @Test
  void rejectsAnOutPathThatIsAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("taken");
    Files.writeString(file, "x");
    Outcome o = MainTest.run("run", "--arch", "eyeriss", "--workload", TINY, "--out", "" + file);
    assertBadInput(o, "error: --out: " + file + " exists and is not a directory");
    assertEquals("", o.out(), "checked before anything ran");
    assertEquals("x", Files.readString(file));
  }
}
