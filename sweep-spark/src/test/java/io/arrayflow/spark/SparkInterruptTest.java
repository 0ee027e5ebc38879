package io.arrayflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.spark.Sweeps.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark sweep stopped part-way in a child JVM (SIGKILL, then SIGTERM, each at a seeded random
 * moment after the child journaled its first point) and resumed on Spark gives exactly the files of
 * an uninterrupted sweep on the local engine: no row missing, none twice.
 */
class SparkInterruptTest {
  /**
   * {@code arrayflow sweep KILL --engine spark --resume} in a child JVM, as ./arrayflow runs it.
   */
  private static Process child(Path out, Path log) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("spark-jvm.options").toAbsolutePath(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.arrayflow.cli.Main",
                "sweep",
                Sweeps.KILL,
                "--out",
                out.toString(),
                "--engine",
                "spark",
                "--master",
                "local[2]",
                "--resume"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static long lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file).size() : 0;
  }

  /**
   * Runs a child until {@code journal} has a point more than before, then {@code delayMs} more, and
   * stops it; true if it was still running then.
   */
  private static boolean stopAfter(Path out, Path log, Path journal, long delayMs, boolean forcibly)
      throws Exception {
    long before = Math.max(1, lines(journal));
    Process p = child(out, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (lines(journal) <= before && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
      return false;
    }
    if (forcibly) {
      p.destroyForcibly();
    } else {
      p.destroy();
    }
    p.waitFor(60, TimeUnit.SECONDS);
    return true;
  }

  @Test
  void aSparkSweepStoppedPartWayResumesToTheFilesOfAnUninterruptedOne(@TempDir Path dir)
      throws Exception {
    Outcome whole = Sweeps.sweep(Sweeps.KILL, dir.resolve("whole"), "--threads", "2");
    assertEquals(0, whole.code(), whole.err());

    Path out = dir.resolve("out");
    Path journal = dir.resolve(".out.partial/journal.jsonl");
    Random random = new Random(7);
    boolean killed = stopAfter(out, dir.resolve("kill.log"), journal, random.nextInt(800), true);
    long afterKill = lines(journal) - 1;
    boolean termed = stopAfter(out, dir.resolve("term.log"), journal, random.nextInt(800), false);
    String logs = Sweeps.read(dir.resolve("kill.log")) + Sweeps.read(dir.resolve("term.log"));
    assertTrue(killed && termed, "both children were stopped part-way; their output: " + logs);
    assertTrue(afterKill > 0 && afterKill < 90, "points saved before SIGKILL: " + afterKill);
    assertTrue(
        Sweeps.read(dir.resolve("term.log")).contains("run the same command with --resume"), logs);
    assertFalse(Files.exists(out), "no result set before the sweep completes");

    Outcome resumed =
        Sweeps.sweep(Sweeps.KILL, out, "--engine", "spark", "--master", "local[2]", "--resume");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.err().contains("resuming, "), resumed.err());
    for (String f : Sweeps.FILES) {
      assertEquals(Sweeps.read(dir.resolve("whole").resolve(f)), Sweeps.read(out.resolve(f)), f);
    }
    assertFalse(Files.exists(dir.resolve(".out.partial")), "the journal goes with completion");
  }
}
