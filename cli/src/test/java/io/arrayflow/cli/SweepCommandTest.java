package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.cli.MainTest.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arrayflow sweep} end to end on small sweeps. */
class SweepCommandTest {
  static final String SMALL = "src/test/resources/sweeps/small.yaml";
  static final List<String> FILES =
      List.of("results.csv", "layers.csv", "summary.md", "charts/pareto.svg");

  static Outcome sweep(String file, Path out, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("sweep", file, "--out", out.toString()));
    args.addAll(List.of(more));
    return MainTest.run(args.toArray(new String[0]));
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void theSmallSweepMatchesItsGoldenResultsAndSummary(@TempDir Path dir) throws IOException {
    Outcome o = sweep(SMALL, dir.resolve("out"), "--threads", "2");
    assertEquals(0, o.code(), o.err());
    Golden.assertMatches("sweep-small-results.csv", read(dir.resolve("out/results.csv")));
    Golden.assertMatches("sweep-small-summary.md", read(dir.resolve("out/summary.md")));
    assertEquals(read(dir.resolve("out/summary.md")), o.out(), "stdout is the summary");
    assertEquals(
        List.of(".out.partial gone"),
        Files.exists(dir.resolve(".out.partial")) ? List.of("left") : List.of(".out.partial gone"));
  }

  @Test
  void theFilesAreTheSameBytesWhateverTheThreadCount(@TempDir Path dir) throws IOException {
    assertEquals(0, sweep(SMALL, dir.resolve("one"), "--threads", "1").code());
    assertEquals(0, sweep(SMALL, dir.resolve("three"), "--threads", "3").code());
    for (String f : FILES) {
      assertEquals(read(dir.resolve("one").resolve(f)), read(dir.resolve("three").resolve(f)), f);
    }
  }

  @Test
  void aFailedPointIsARowWithStatusAndReasonAndTheSweepGoesOn(@TempDir Path dir)
      throws IOException {
    assertEquals(0, sweep(SMALL, dir.resolve("out")).code());
    List<String> lines = read(dir.resolve("out/results.csv")).lines().toList();
    assertTrue(
        lines
            .get(1)
            .startsWith(
                "0,invalid-arch,\"eyeriss (built-in) at point 0 (--set):"
                    + " pe_array.rows: must be >= 1, was 0\",0,32,eyeriss,tiny,TOTAL,ws,analytical,,"),
        lines.get(1));
    assertTrue(
        lines.get(5).startsWith("2,ok,,4,32,eyeriss,tiny,TOTAL,ws,analytical,13182976,"),
        lines.get(5));
    assertFalse(
        read(dir.resolve("out/results.csv")).contains("\n6,"), "16 x 14 PEs > 168 PEs: skipped");
    assertTrue(
        read(dir.resolve("out/summary.md"))
            .contains("2 skipped by `where`; 6 run, of which 2 failed"));
  }

  @Test
  void aPointWhoseRegisterFilesHoldTwoWordsIsStillMappedAndCostsMoreEnergy(@TempDir Path dir)
      throws IOException {
    // The dataflow's fixed rule found no WS mapping here; the mapper finds one with a weight per
    // register file, paid for in GLB traffic and so in energy, the sweep's objective.
    Path sweep = dir.resolve("rf.yaml");
    Files.writeString(
        sweep,
        "name: rf\narch: eyeriss-256\nworkloads: [src/test/resources/workloads/tiny.yaml]\n"
            + "dataflows: [ws]\nfidelity: analytical\naxes: {pe.rf.shared.words: [2, 256]}\n");
    assertEquals(0, sweep(sweep.toString(), dir.resolve("out")).code());
    List<String> lines = read(dir.resolve("out/results.csv")).lines().toList();
    assertTrue(lines.get(1).startsWith("0,ok,,2,eyeriss-256,tiny,TOTAL,ws,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("1,ok,,256,eyeriss-256,tiny,TOTAL,ws,"), lines.get(2));
    double small = Double.parseDouble(lines.get(1).split(",")[14]);
    double large = Double.parseDouble(lines.get(2).split(",")[14]);
    assertTrue(small > large, small + " vs " + large + " energy");
  }

  @Test
  void allOnASystolicPointRunsTheDataflowsWithFoldSchedulesAndANamedRsIsUnmapped(@TempDir Path dir)
      throws IOException {
    Path sweep = dir.resolve("sys.yaml");
    String head =
        "name: sys\narch: systolic-32\nworkloads: [src/test/resources/workloads/tiny.yaml]\n"
            + "fidelity: analytical\naxes: {pe_array.rows: [32]}\ndataflows: ";
    Files.writeString(sweep, head + "all\n");
    assertEquals(0, sweep(sweep.toString(), dir.resolve("all")).code());
    List<String> all = read(dir.resolve("all/results.csv")).lines().skip(1).toList();
    assertEquals(
        List.of("ws", "os", "is"), all.stream().map(l -> l.split(",")[7]).toList(), "" + all);
    assertTrue(all.stream().allMatch(l -> l.startsWith("0,ok,")), "" + all);

    Files.writeString(sweep, head + "[ws, rs]\n");
    assertEquals(0, sweep(sweep.toString(), dir.resolve("rs")).code());
    List<String> rs = read(dir.resolve("rs/results.csv")).lines().skip(1).toList();
    assertTrue(
        rs.get(1).startsWith("0,unmapped,") && rs.get(1).contains("rs needs a multicast NoC"),
        rs.get(1));
  }

  @Test
  void anInterruptedSweepWaitsForResumeAndIsNotStartedOver(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve(".out.partial"));
    Outcome o = sweep(SMALL, dir.resolve("out"));
    assertEquals(2, o.code());
    assertEquals(
        "error: --out: an interrupted sweep is waiting in "
            + dir.resolve(".out.partial")
            + "; add --resume to finish it, or delete that folder to start over",
        o.err().strip());
  }

  @Test
  void resumingACompleteSweepChangesNothing(@TempDir Path dir) throws IOException {
    assertEquals(0, sweep(SMALL, dir.resolve("out")).code());
    String before = read(dir.resolve("out/results.csv"));
    Outcome o = sweep(SMALL, dir.resolve("out"), "--resume");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.err().contains("nothing to resume"), o.err());
    assertEquals(before, read(dir.resolve("out/results.csv")));
  }

  @Test
  void aJournalOfOtherInputsIsRefused(@TempDir Path dir) throws IOException {
    Path partial = Files.createDirectories(dir.resolve(".out.partial"));
    Files.writeString(partial.resolve("journal.jsonl"), "{\"sweep\":\"something else\"}\n");
    Outcome o = sweep(SMALL, dir.resolve("out"), "--resume");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("ran a different sweep file, architecture, workload"), o.err());
  }

  @Test
  void anAxisThatIsNotAnArchKeyIsBadInputBeforeAnythingRuns(@TempDir Path dir) throws IOException {
    Path sweep = dir.resolve("typo.yaml");
    Files.writeString(
        sweep, "name: typo\narch: eyeriss\nworkloads: [alexnet]\naxes: {glb.sise_kib: [64]}\n");
    Outcome o = sweep(sweep.toString(), dir.resolve("out"));
    assertEquals(2, o.code());
    assertTrue(
        o.err()
            .startsWith("error: " + sweep + ": axes.glb.sise_kib: not a key of the architecture:"),
        o.err());
    assertTrue(o.err().contains("did you mean 'size_kib'?"), o.err());
    assertFalse(Files.exists(dir.resolve(".out.partial")));
  }

  @Test
  void listsTheBuiltInSweeps() {
    assertEquals(
        "edge-int8-shapes\neyeriss-256-dataflows\neyeriss-isca2016\n",
        MainTest.run("list", "sweeps").out());
  }
}
