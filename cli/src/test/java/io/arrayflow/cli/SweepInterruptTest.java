package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.cli.MainTest.Outcome;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed part-way (SIGKILL, then SIGTERM) in a child JVM and resumed gives exactly the
 * files of an uninterrupted sweep: no row missing, none twice.
 */
class SweepInterruptTest {
  private static final String KILL = "src/test/resources/sweeps/kill.yaml";

  /** Starts {@code arrayflow sweep} in a child JVM on this test's class path. */
  private static Process child(Path out, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "io.arrayflow.cli.Main",
            "sweep",
            KILL,
            "--out",
            out.toString(),
            "--threads",
            "2",
            "--resume")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Runs a child and stops it {@code delayMs} after {@code from} exists (after the start if null),
   * by SIGKILL or SIGTERM; true if it was still running then.
   */
  private static boolean killAfter(Path out, Path log, Path from, long delayMs, boolean forcibly)
      throws IOException, InterruptedException {
    Process p = child(out, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (from != null && !Files.exists(from) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
      return false;
    }
    if (forcibly) {
      p.destroyForcibly();
    } else {
      p.destroy();
    }
    p.waitFor(30, TimeUnit.SECONDS);
    return true;
  }

  @Test
  void aKilledSweepResumesToTheFilesOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
    Path whole = dir.resolve("whole");
    Outcome uninterrupted = SweepCommandTest.sweep(KILL, whole, "--threads", "2");
    assertEquals(0, uninterrupted.code(), uninterrupted.err());

    Path out = dir.resolve("out");
    Path partial = dir.resolve(".out.partial");
    Random random = new Random(11);
    // SIGKILL at any moment from the start; SIGTERM once the sweep has begun, so it has points
    // to save and a message to print.
    Path journal = partial.resolve("journal.jsonl");
    boolean killed =
        killAfter(out, dir.resolve("kill.log"), null, 600 + random.nextInt(1200), true);
    boolean termed =
        killAfter(out, dir.resolve("term.log"), journal, 200 + random.nextInt(800), false);
    assertTrue(
        killed || termed,
        "at least one child was stopped part-way; their output: "
            + Files.readString(dir.resolve("kill.log"))
            + Files.readString(dir.resolve("term.log")));
    if (termed) {
      assertTrue(
          Files.readString(dir.resolve("term.log")).contains("run the same command with --resume"),
          Files.readString(dir.resolve("term.log")));
      assertFalse(Files.exists(out), "no result set before the sweep completes");
      assertTrue(Files.exists(partial.resolve("journal.jsonl")));
    }
    Outcome resumed = SweepCommandTest.sweep(KILL, out, "--threads", "2", "--resume");
    assertEquals(0, resumed.code(), resumed.err());
    for (String f : SweepCommandTest.FILES) {
      assertEquals(
          SweepCommandTest.read(whole.resolve(f)), SweepCommandTest.read(out.resolve(f)), f);
    }
    assertFalse(Files.exists(partial), "the journal goes once the result set is in place");
    List<String> names;
    try (var s = Files.list(dir)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("kill.log", "out", "term.log", "whole"), names);
    assertTrue(File.separatorChar == '/', "signals are POSIX");
  }
}
