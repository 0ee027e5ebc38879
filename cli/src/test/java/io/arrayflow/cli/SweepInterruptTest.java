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
    return child(log, "sweep", KILL, "--out", out.toString(), "--threads", "2", "--resume");
  }

  /** Starts {@code arrayflow ARGS} in a child JVM on this test's class path. */
  private static Process child(Path log, String... args) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.arrayflow.cli.Main"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  @Test
  void aRunStoppedAtAnyMomentLeavesNoResultSetOrAWholeOne(@TempDir Path dir) throws Exception {
    Random random = new Random(5);
    for (int i = 0; i < 2; i++) {
      Path out = dir.resolve("out" + i);
      Process p =
          child(
              dir.resolve("run" + i + ".log"),
              "run",
              "--arch",
              "eyeriss",
              "--workload",
              "alexnet",
              "--dataflow",
              "ws,os",
              "--out",
              out.toString());
      boolean stopped = !p.waitFor(300 + random.nextInt(1500), TimeUnit.MILLISECONDS);
      if (i % 2 == 0) {
        p.destroyForcibly();
      } else {
        p.destroy();
      }
      p.waitFor(30, TimeUnit.SECONDS);
      if (Files.exists(out)) {
        String manifest = Files.readString(out.resolve("manifest.json"));
        for (String f : List.of("results.csv", "results.json", "mappings/ws/conv1.yaml")) {
          assertTrue(manifest.contains("\"" + f + "\""), f);
          assertTrue(Files.exists(out.resolve(f)), f);
        }
      } else {
        assertTrue(stopped, "a run that was not stopped wrote its result set");
      }
    }
  }

  /**
   * Runs a child and stops it {@code delayMs} after {@code journal} grew (after the start if null),
   * by SIGKILL or SIGTERM; true if it was still running then.
   */
  private static boolean killAfter(Path out, Path log, Path journal, long delayMs, boolean forcibly)
      throws IOException, InterruptedException {
    long before = journal != null && Files.exists(journal) ? Files.size(journal) : 0;
    Process p = child(out, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (journal != null
        && !(Files.exists(journal) && Files.size(journal) > before)
        && p.isAlive()
        && System.nanoTime() < deadline) {
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
    // SIGKILL at any moment from the start; SIGTERM once this child has journaled (its sweep has
    // begun), so it has a message to print.
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
