package io.arrayflow.reports.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that they appear whole or not at all: bytes go to a hidden sibling, which is then
 * renamed over the target (atomically where the file system allows). Files get the permissions the
 * umask gives a new file, not the owner-only ones of a temporary file.
 */
public final class AtomicFiles {
  private static final AtomicLong SERIAL = new AtomicLong();

  private AtomicFiles() {}

  /** Writes {@code text} as UTF-8 to {@code target}, creating parent folders. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code target}, creating parent folders. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(siblingName(abs, "tmp"));
    try {
      Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      move(tmp, abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Renames {@code from} to {@code to}, replacing a file there, atomically where possible. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * A hidden name beside {@code target} that no other writer uses: {@code .NAME.TAG-PID-N}. The
   * process id keeps two processes apart, the counter two writers in one process.
   */
  static String siblingName(Path target, String tag) {
    return "."
        + target.getFileName()
        + "."
        + tag
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + SERIAL.incrementAndGet();
  }
}
