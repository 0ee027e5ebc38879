package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.cli.MainTest.Outcome;
import io.arrayflow.cli.config.MappingLoader;
import io.arrayflow.reports.manifest.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The report-side options of run and compare, the chart command, and --set's key removal. */
class WorkbenchCommandsTest {
  private static final String TINY = "src/test/resources/workloads/tiny.yaml";

  private static Outcome ok(String... args) {
    Outcome o = MainTest.run(args);
    assertEquals(0, o.code(), o.err());
    return o;
  }

  private static void assertBadInput(Outcome o, String expectedError) {
    assertEquals(2, o.code(), o.err());
    assertEquals(expectedError, o.err().strip());
    assertEquals("", o.out(), "nothing ran");
  }

  @Test
  void setNullRemovesAKeySoEyerissCanSwitchToATimingDram() {
    assertEquals(
        2,
        MainTest.run("run", "--arch", "eyeriss", "--workload", TINY, "--set", "dram.model=hbm2")
            .code());
    Outcome o =
        ok(
            "run",
            "--arch",
            "eyeriss",
            "--workload",
            TINY,
            "--layer",
            "c1",
            "--dataflow",
            "ws",
            "--set",
            "dram.model=hbm2",
            "--set",
            "dram.bandwidth_bytes_per_cycle=null",
            "--set",
            "dram.latency_cycles=~",
            "--format",
            "csv");
    assertTrue(
        o.out()
            .contains(
                "\n\"eyeriss[dram.model=hbm2,dram.bandwidth_bytes_per_cycle=null,"
                    + "dram.latency_cycles=~]\",tiny,c1,ws,event,"),
        o.out());
  }

  @Test
  void aMapValueReplacesTheWholeSection() {
    Outcome o = ok("show", "arch", "eyeriss", "--set", "dram={model: hbm2}");
    assertTrue(o.out().contains("dram:\n  model: hbm2\n"), o.out());
    assertFalse(o.out().contains("bandwidth_bytes_per_cycle"), o.out());
  }

  @Test
  void removingAKeyThatIsNotSetIsBadInput() {
    assertBadInput(
        MainTest.run("show", "arch", "eyeriss", "--set", "glb.size_kb=null"),
        "error: --set glb.size_kb=null: nothing to remove, 'glb.size_kb' is not set (did you mean"
            + " 'size_kib'?); keys set here: size_kib, banks, bank_width_bits, ports_per_bank,"
            + " partition, keep, double_buffered");
  }

  @Test
  void resultsAndTheManifestSayWhichOverridesRan(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    ok(
        "run",
        "--arch",
        "eyeriss",
        "--workload",
        TINY,
        "--dataflow",
        "ws",
        "--set",
        "pe_array.rows=8",
        "--out",
        out.toString());
    String csv = Files.readString(out.resolve("results.csv"));
    assertTrue(csv.contains("\neyeriss[pe_array.rows=8],tiny,c1,ws,"), csv);
    String manifest = Files.readString(out.resolve("manifest.json"));
    assertTrue(manifest.contains("\"overrides\" : [ \"pe_array.rows=8\" ]"), manifest);
    String resolved = ok("show", "arch", "eyeriss", "--set", "pe_array.rows=8").out();
    assertTrue(manifest.contains("\"sha256\" : \"" + Manifest.sha256(resolved) + "\""), manifest);
    assertTrue(
        manifest.contains(
            "\"command\" : \"arrayflow run --arch eyeriss --workload " + TINY + " --dataflow ws"),
        manifest);
    assertTrue(manifest.contains("\"arrayflow\" : \"" + BuildInfo.version() + "\""), manifest);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws", "os", "is", "rs", "nlr"})
  void eachWrittenMappingLoadsBackAndRerunsToTheSameRow(String df, @TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("out");
    String all =
        ok(
                "run",
                "--arch",
                "eyeriss",
                "--workload",
                TINY,
                "--dataflow",
                df,
                "--format",
                "csv",
                "--out",
                out.toString())
            .out();
    for (String layer : List.of("c1", "dw", "fc", "qk")) {
      Path m = out.resolve("mappings/" + df + "/" + layer + ".yaml");
      MappingLoader.load(m);
      String again =
          ok(
                  "run",
                  "--arch",
                  "eyeriss",
                  "--workload",
                  TINY,
                  "--layer",
                  layer,
                  "--dataflow",
                  df,
                  "--mapping",
                  m.toString(),
                  "--format",
                  "csv")
              .out();
      String row = again.lines().toList().get(1);
      assertTrue(all.contains("\n" + row + "\n"), layer + ": " + row);
    }
  }

  @Test
  void theMappingExampleOfTheDocsFitsEyeriss(@TempDir Path dir) throws IOException {
    String doc = Files.readString(Path.of("../docs/mapping.md"), StandardCharsets.UTF_8);
    Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertTrue(yaml.find());
    Matcher workload =
        Pattern.compile("cat > conv.yaml <<'END'\n(.*?)END\n", Pattern.DOTALL).matcher(doc);
    assertTrue(workload.find());
    Path m = Files.writeString(dir.resolve("mapping.yaml"), yaml.group(1));
    Path w = Files.writeString(dir.resolve("conv.yaml"), workload.group(1));
    Outcome o =
        ok(
            "run",
            "--arch",
            "eyeriss",
            "--workload",
            w.toString(),
            "--dataflow",
            "ws",
            "--mapping",
            m.toString());
    assertTrue(o.out().contains("\nconv   ws        57802752  1406924 "), o.out());
  }

  @Test
  void showEnergyTableReadsAFile(@TempDir Path dir) throws IOException {
    String builtIn = ok("show", "energy-table", "horowitz-45nm").out();
    Path file =
        Files.writeString(dir.resolve("mine.yaml"), builtIn.replace("horowitz-45nm", "mine"));
    assertEquals(Files.readString(file), ok("show", "energy-table", file.toString()).out());
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: bad\n");
    Outcome o = MainTest.run("show", "energy-table", bad.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("error: " + bad), o.err());
  }

  @Test
  void everyCommandTakesBothSpellingsAndRunsEachDataflowOnce() {
    String run = ok("run", "--arch", "eyeriss", "--workload", TINY, "--dataflows", "ws,all").out();
    assertEquals(4, run.lines().filter(l -> l.startsWith("TOTAL")).count(), run);
    String compare =
        ok("compare", "--arch", "eyeriss", "--workload", TINY, "--dataflow", "os,ws,os").out();
    assertTrue(compare.contains("TOTAL  os ") && compare.contains("TOTAL  ws "), compare);
    assertEquals(2, compare.lines().filter(l -> l.contains("TOTAL")).count(), compare);
  }

  @Test
  void compareRanksEveryLayerWithPerLayerAsMarkdown() throws IOException {
    Golden.assertMatches(
        "compare-tiny-eyeriss-per-layer.md",
        ok(
                "compare",
                "--arch",
                "eyeriss",
                "--workload",
                TINY,
                "--per-layer",
                "--format",
                "markdown")
            .out());
  }

  @Test
  void replacingAnEarlierResultSetSaysSo(@TempDir Path dir) {
    Path out = dir.resolve("out");
    assertEquals(
        "", ok("run", "--arch", "eyeriss", "--workload", TINY, "--out", out.toString()).err());
    assertEquals(
        "note: --out: replaced the earlier result set in " + out + "\n",
        ok("run", "--arch", "eyeriss", "--workload", TINY, "--out", out.toString()).err());
  }

  @Test
  void outputProblemsAreFoundBeforeAnythingRuns(@TempDir Path dir) throws IOException {
    assertBadInput(
        MainTest.run("run", "--arch", "eyeriss", "--workload", TINY, "--out", ""),
        "error: --out: must name a directory, was empty");
    Files.writeString(dir.resolve("notes.txt"), "mine");
    assertBadInput(
        MainTest.run(
            "compare", "--arch", "eyeriss", "--workload", TINY, "--charts", dir.toString()),
        "error: --charts: "
            + dir
            + " is a directory holding other files (no manifest.json of an earlier result set);"
            + " name a new or empty directory");
  }

  @Test
  void compareDrawsItsChartsWhoseDataMatchTheGoldenFiles(@TempDir Path dir) throws IOException {
    Path charts = dir.resolve("charts");
    ok("compare", "--arch", "eyeriss", "--workload", TINY, "--charts", charts.toString());
    for (String kind : List.of("energy-breakdown", "latency", "dram-per-mac", "roofline")) {
      Golden.assertMatches(
          "chart-tiny-eyeriss-" + kind + ".txt", Files.readString(charts.resolve(kind + ".txt")));
      byte[] png = Files.readAllBytes(charts.resolve(kind + ".png"));
      assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
      assertTrue(Files.readString(charts.resolve(kind + ".svg")).contains("<svg"));
    }
  }

  @Test
  void chartRedrawsFromSavedResultsAndFindsTheArchInTheManifest(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("out");
    ok("run", "--arch", "eyeriss", "--workload", TINY, "--out", out.toString(), "--format", "csv");
    String csv = out.resolve("results.csv").toString();
    for (String kind : List.of("energy-breakdown", "latency", "dram-per-mac", "roofline")) {
      Path file = dir.resolve(kind + ".svg");
      ok("chart", csv, "--kind", kind, "--out", file.toString());
      assertTrue(Files.readString(file).contains("<svg"), kind);
    }
    ok(
        "chart",
        csv,
        "--kind",
        "energy-breakdown",
        "--layer",
        "c1",
        "--out",
        dir.resolve("c1.png").toString());
  }

  @Test
  void chartSaysWhatIsWrong(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("r.csv"), "layer,dataflow,macs,cycles,energy\n");
    assertBadInput(
        MainTest.run("chart", csv.toString(), "--kind", "pie", "--out", "x.png"),
        "error: --kind: unknown chart kind 'pie'; expected one of energy-breakdown, latency,"
            + " dram-per-mac, pareto, roofline");
    assertBadInput(
        MainTest.run("chart", csv.toString(), "--kind", "latency", "--out", "x.jpg"),
        "error: --out: x.jpg: must end in .png or .svg");
    assertBadInput(
        MainTest.run("chart", csv.toString(), "--kind", "roofline", "--out", "x.png"),
        "error: --kind roofline: needs the architecture: give --arch, or keep the manifest.json"
            + " that --out wrote beside "
            + csv);
    assertBadInput(
        MainTest.run("chart", csv.toString(), "--kind", "pareto", "--out", "x.png"),
        "error: " + csv + ": pareto chart needs a sweep's results.csv (columns point and status)");
    assertBadInput(
        MainTest.run(
            "chart", dir.resolve("none.csv").toString(), "--kind", "latency", "--out", "x.png"),
        "error: " + dir.resolve("none.csv") + ": file not found");
  }
}
