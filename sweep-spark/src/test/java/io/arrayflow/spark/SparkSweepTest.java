package io.arrayflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.spark.Sweeps.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same sweep on Spark and on the local thread pool gives the same files. */
class SparkSweepTest {
  @Test
  void aHundredPointSweepOnSparkLocal2GivesTheLocalEnginesRowsByteForByte(@TempDir Path dir)
      throws Exception {
    Outcome local = Sweeps.sweep(Sweeps.HUNDRED, dir.resolve("local"), "--threads", "2");
    assertEquals(0, local.code(), local.err());
    Outcome spark =
        Sweeps.sweep(
            Sweeps.HUNDRED, dir.resolve("spark"), "--engine", "spark", "--master", "local[2]");
    assertEquals(0, spark.code(), spark.err());
    for (String f : Sweeps.FILES) {
      assertEquals(
          Sweeps.read(dir.resolve("local").resolve(f)),
          Sweeps.read(dir.resolve("spark").resolve(f)),
          f);
    }
    assertEquals(local.out(), spark.out(), "the same summary on stdout");
    List<String> rows = Sweeps.read(dir.resolve("spark/results.csv")).lines().skip(1).toList();
    assertEquals(100, rows.stream().map(r -> r.split(",")[0]).distinct().count(), "100 points");
    assertEquals(
        400, rows.size(), "one row per point x dataflow (all: ws, os, is, rs), none twice");
    assertEquals(
        40,
        rows.stream()
            .filter(r -> r.contains(",invalid-arch,\"eyeriss (built-in) at point"))
            .count(),
        "the 10 failed points are rows with their reason");
    assertTrue(
        Sweeps.read(dir.resolve("spark/manifest.json")).contains("\"master\" : \"local[2]\""));
  }
}
