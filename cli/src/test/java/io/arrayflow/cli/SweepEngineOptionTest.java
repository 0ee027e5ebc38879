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

/** {@code sweep --engine} and {@code --master}: what each engine accepts, and what is recorded. */
class SweepEngineOptionTest {
  private static Outcome sweep(Path dir, String... more) {
    return SweepCommandTest.sweep(SweepCommandTest.SMALL, dir.resolve("out"), more);
  }

  @Test
  void sparkWithoutItsModuleOnTheClassPathIsBadInputSayingWhereToGetIt(@TempDir Path dir) {
    Outcome o = sweep(dir, "--engine", "spark");
    assertEquals(2, o.code());
    assertEquals(
        "error: --engine: spark is not on the class path; run ./arrayflow from a checkout (it"
            + " builds sweep-spark) or spark-submit the arrayflow-spark jar (docs/scale-out.md)",
        o.err().strip());
    assertFalse(Files.exists(dir.resolve(".out.partial")), "nothing started");
  }

  @Test
  void anUnknownEngineIsBadInputListingTheEngines(@TempDir Path dir) {
    Outcome o = sweep(dir, "--engine", "dask");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("expected one of [local, spark]"), o.err());
  }

  @Test
  void threadsBelongToTheLocalEngineAndAMasterToSpark(@TempDir Path dir) {
    Outcome threads = sweep(dir, "--engine", "spark", "--threads", "2");
    assertEquals(2, threads.code());
    assertEquals(
        "error: --threads: only with --engine local; with spark the master sets the cores"
            + " (local[N])",
        threads.err().strip());
    Outcome master = sweep(dir, "--master", "local[2]");
    assertEquals(2, master.code());
    assertEquals("error: --master: only with --engine spark, was local[2]", master.err().strip());
  }

  @Test
  void theManifestSaysWhichEngineRanThePoints(@TempDir Path dir) throws IOException {
    assertEquals(0, sweep(dir, "--threads", "3").code());
    String manifest = Files.readString(dir.resolve("out/manifest.json"));
    assertTrue(manifest.contains("\"engine\" : \"local\""), manifest);
    assertTrue(manifest.contains("\"threads\" : 3"), manifest);
  }
}
