package io.arrayflow.reports.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirTest {
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void whatAKilledRunLeftBesideTheTargetGoesWhenTheNextRunBegins(@TempDir Path dir)
      throws IOException {
    // A process id far above any pid_max: no such process runs.
    Path dead = Files.createDirectory(dir.resolve(".out.new-999999999-1"));
    Files.writeString(dead.resolve("results.csv"), "half");
    Path live =
        Files.createDirectory(dir.resolve(".out.new-" + ProcessHandle.current().pid() + "-999999"));
    Path other = Files.createDirectory(dir.resolve(".other.new-999999999-1"));

    OutputDir out = OutputDir.begin(dir.resolve("out"));
    out.writeString("manifest.json", "{}");
    out.commit();

    assertFalse(Files.exists(dead));
    assertTrue(Files.exists(live), "a running process's staging stays");
    assertTrue(Files.exists(other), "another target's staging stays");
  }

  @Test
  void filesAppearOnlyWhenTheTransactionCommits(@TempDir Path tmp) throws IOException {
    Path target = tmp.resolve("out");
    OutputDir tx = OutputDir.begin(target);
    tx.writeString("results.csv", "a\n");
    tx.writeString("mappings/ws/c1.yaml", "mapping:\n");
    assertFalse(Files.exists(target), "nothing at the target before commit");
    assertTrue(tx.commit());
    assertEquals("a\n", Files.readString(target.resolve("results.csv")));
    assertTrue(Files.exists(target.resolve("mappings/ws/c1.yaml")));
    assertEquals(List.of("out"), names(tmp), "no staging directory left beside the target");
  }

  @Test
  void anAbortedTransactionLeavesAnEarlierResultSetAsItWas(@TempDir Path tmp) throws IOException {
    Path target = tmp.resolve("out");
    OutputDir first = OutputDir.begin(target);
    first.writeString(OutputDir.MARKER, "{}\n");
    first.writeString("results.csv", "old\n");
    first.commit();
    OutputDir second = OutputDir.begin(target);
    second.writeString("results.csv", "new\n");
    second.abort();
    assertEquals("old\n", Files.readString(target.resolve("results.csv")));
    assertEquals(List.of("out"), names(tmp));
    assertFalse(second.commit(), "an aborted transaction cannot commit");
  }

  @Test
  void aNewResultSetReplacesTheOldOneWhole(@TempDir Path tmp) throws IOException {
    Path target = tmp.resolve("out");
    OutputDir first = OutputDir.begin(target);
    first.writeString(OutputDir.MARKER, "{}\n");
    first.writeString("mappings.txt", "old\n");
    first.commit();
    OutputDir second = OutputDir.begin(target);
    second.writeString(OutputDir.MARKER, "{}\n");
    second.writeString("results.csv", "new\n");
    second.commit();
    assertEquals(List.of(OutputDir.MARKER, "results.csv"), names(target));
    assertEquals(List.of("out"), names(tmp));
  }

  @Test
  void abortOpenDropsEveryUncommittedTransaction(@TempDir Path tmp) throws IOException {
    OutputDir tx = OutputDir.begin(tmp.resolve("out"));
    tx.writeString("results.csv", "x\n");
    assertEquals(1, OutputDir.abortOpen());
    assertEquals(List.of(), names(tmp));
  }

  @Test
  void acceptsAnAbsentAnEmptyOrAnEarlierResultDirectory(@TempDir Path tmp) throws IOException {
    assertNull(OutputDir.problem(tmp.resolve("new/deeper").toString()));
    Files.createDirectory(tmp.resolve("empty"));
    assertNull(OutputDir.problem(tmp.resolve("empty").toString()));
    Files.createDirectory(tmp.resolve("earlier"));
    Files.writeString(tmp.resolve("earlier").resolve(OutputDir.MARKER), "{}");
    assertNull(OutputDir.problem(tmp.resolve("earlier").toString()));
  }

  @Test
  void refusesAnEmptyPathAFileAndAFolderOfOtherFiles(@TempDir Path tmp) throws IOException {
    assertEquals("must name a directory, was empty", OutputDir.problem(""));
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertEquals(file + " exists and is not a directory", OutputDir.problem(file.toString()));
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    assertEquals(
        tmp
            + " is a directory holding other files (no manifest.json of an earlier result set);"
            + " name a new or empty directory",
        OutputDir.problem(tmp.toString()));
  }

  @Test
  void filesGetTheUmaskPermissionsNotOwnerOnly(@TempDir Path tmp) throws IOException {
    Path plain = Files.createFile(tmp.resolve("plain"));
    OutputDir tx = OutputDir.begin(tmp.resolve("out"));
    tx.writeString("results.csv", "x\n");
    tx.commit();
    AtomicFiles.writeString(tmp.resolve("atomic.csv"), "x\n");
    String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(plain));
    assertEquals(
        expected,
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(tmp.resolve("out/results.csv"))));
    assertEquals(
        expected,
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("atomic.csv"))));
  }
}
