package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.cli.MainTest.Outcome;
import io.arrayflow.reports.results.ResultRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arrayflow bench} in its smoke mode: every figure is there and positive; no timing. */
class BenchCommandTest {

  @Test
  void quickBenchPrintsEveryFigureOnceWithAPositiveSpread(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("scaling");
    Outcome o = MainTest.run("bench", "--quick", "--format", "csv", "--scaling", dir.toString());
    assertEquals(0, o.code(), o.err());
    ResultRows rows = ResultRows.parseCsv(o.out());
    List<String> figures = rows.rows().stream().map(r -> rows.text(r, "figure")).toList();
    assertEquals(
        List.of(
            "cycle MACs/s per core",
            "cycle PE-cycles/s per core",
            "cycle MACs/s per core",
            "cycle PE-cycles/s per core",
            "cycle MACs/s per core",
            "cycle PE-cycles/s per core",
            "event layers/s per core",
            "analytical layers/s per core",
            "mapper time per layer",
            "compare wall time",
            "compare wall time"),
        figures);
    for (List<String> r : rows.rows()) {
      assertTrue(rows.number(r, "min") > 0, r.toString());
      assertTrue(rows.number(r, "min") <= rows.number(r, "median"), r.toString());
      assertTrue(rows.number(r, "median") <= rows.number(r, "max"), r.toString());
      assertTrue(rows.number(r, "peak_heap_mib") > 0, r.toString());
    }
    for (String f :
        List.of(
            "scaling.csv",
            "scaling-macs.png",
            "scaling-mapper.png",
            "scaling-macs.svg",
            "scaling-mapper.svg",
            "manifest.json")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    ResultRows scaling = ResultRows.parseCsv(Files.readString(dir.resolve("scaling.csv")));
    List<String> series = scaling.rows().stream().map(r -> scaling.text(r, "series")).toList();
    assertEquals(
        3 * 8 + 2,
        series.size(),
        "mapper, event and cycle per verify-small MAC layer, and budgets 100 and 1000");
  }

  @Test
  void rejectsRepetitionsBelowOne() {
    Outcome o = MainTest.run("bench", "--reps", "0");
    assertEquals(2, o.code());
    assertEquals("error: --reps: must be >= 1, was 0", o.err().strip());
    assertEquals("", o.out());
  }
}
