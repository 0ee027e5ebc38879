package io.arrayflow.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static PointResult point(long i) {
    return new PointResult(i, List.of(i + ",ok,\"a,b\""), List.of(i + ",ok,l1"));
  }

  @Test
  void aReopenedJournalHasEveryPointRecordedBefore(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.jsonl");
    try (Journal j = Journal.open(file, "id")) {
      j.append(point(3));
      j.append(point(1));
    }
    try (Journal j = Journal.open(file, "id")) {
      assertEquals(List.of(1L, 3L), List.copyOf(j.done().keySet()));
      assertEquals(point(3), j.done().get(3L));
    }
  }

  @Test
  void aLineCutShortByAKillIsDroppedAndCutOff(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.jsonl");
    try (Journal j = Journal.open(file, "id")) {
      j.append(point(0));
    }
    long whole = Files.size(file);
    Files.writeString(file, "{\"point\":1,\"results\":[\"1,o", StandardOpenOption.APPEND);
    try (Journal j = Journal.open(file, "id")) {
      assertEquals(List.of(0L), List.copyOf(j.done().keySet()));
      assertEquals(whole, Files.size(file), "the torn line is gone");
      j.append(point(1));
    }
    try (Journal j = Journal.open(file, "id")) {
      assertEquals(List.of(0L, 1L), List.copyOf(j.done().keySet()));
    }
  }

  @Test
  void aPointRecordedTwiceKeepsItsFirstRecord(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.jsonl");
    try (Journal j = Journal.open(file, "id")) {
      j.append(point(2));
      j.append(new PointResult(2, List.of("other"), List.of()));
    }
    try (Journal j = Journal.open(file, "id")) {
      assertEquals(point(2), j.done().get(2L));
    }
  }

  @Test
  void aJournalOfAnotherSweepIsRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.jsonl");
    Journal.open(file, "id").close();
    assertNull(Journal.open(file, "other"));
    assertEquals(
        "{\"sweep\":\"id\"}\n", Files.readString(file, StandardCharsets.UTF_8), "left as it was");
  }

  @Test
  void appendsAfterCloseAreDropped(@TempDir Path dir) throws IOException {
    Journal j = Journal.open(dir.resolve("journal.jsonl"), "id");
    j.close();
    assertFalse(j.append(point(0)));
  }
}
