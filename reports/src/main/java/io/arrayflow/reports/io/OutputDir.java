package io.arrayflow.reports.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A result directory written as one transaction: every file of a run goes into a hidden staging
 * directory beside the target, which replaces the target in one rename when the run commits. A run
 * that fails or is interrupted leaves the target as it was. An existing target is replaced only if
 * it is empty or an earlier result set (it holds {@link #MARKER}), never a folder of other files;
 * {@link #check} says so before any simulation starts.
 *
 * <p>Replacing an existing result set takes two renames (the old set aside, the new one in); the
 * old set is deleted only after the new one is in place, so at every instant the target holds one
 * whole result set or, between the two renames, none while the old one waits beside it.
 */
public final class OutputDir {
  /** The file whose presence marks a directory as a result set that a new run may replace. */
  public static final String MARKER = "manifest.json";

  private static final Object LOCK = new Object();
  private static final Set<OutputDir> OPEN = new LinkedHashSet<>();

  private final Path target;
  private final Path staging;
  private boolean done;

  private OutputDir(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Checks that {@code target} can receive a result set, before any work: a non-empty path whose
   * parent is (or can be made) a writable directory, and which is absent, an empty directory or an
   * earlier result set. Returns the reason it cannot, or null when it can.
   */
  public static String problem(String target) {
    if (target == null || target.isBlank()) {
      return "must name a directory, was empty";
    }
    Path abs = Path.of(target).toAbsolutePath().normalize();
    if (abs.getParent() == null) {
      return "cannot replace the root directory " + abs;
    }
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
        return target + " exists and is not a directory";
      }
      if (!isEmpty(abs) && !Files.exists(abs.resolve(MARKER))) {
        return target
            + " is a directory holding other files (no "
            + MARKER
            + " of an earlier result set); name a new or empty directory";
      }
    }
    Path parent = abs.getParent();
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      return "cannot create " + target + ": " + existing + " is not a directory";
    }
    if (!Files.isWritable(existing)) {
      return "cannot write into " + existing + " (permission denied)";
    }
    return null;
  }

  /** Deletes {@code .NAME.TAG-PID-N} siblings of {@code target} whose process is gone. */
  private static void removeOrphans(Path target) throws IOException {
    java.util.regex.Pattern own =
        java.util.regex.Pattern.compile(
            "\\."
                + java.util.regex.Pattern.quote(target.getFileName().toString())
                + "\\.[a-z]+-(\\d+)-\\d+");
    List<Path> orphans = new java.util.ArrayList<>();
    try (Stream<Path> s = Files.list(target.getParent())) {
      s.forEach(
          p -> {
            java.util.regex.Matcher m = own.matcher(p.getFileName().toString());
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
              orphans.add(p);
            }
          });
    }
    for (Path orphan : orphans) {
      if (Files.isDirectory(orphan, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(orphan);
      } else {
        Files.deleteIfExists(orphan);
      }
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Starts a transaction for {@code target}: removes what killed runs left beside it (their staging
   * and set-aside directories, named with a process id that no longer runs) and creates the staging
   * directory.
   */
  public static OutputDir begin(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Files.createDirectories(abs.getParent());
    removeOrphans(abs);
    // createDirectory (not createTempDirectory) so the result gets the umask's permissions.
    Path staging = Files.createDirectory(abs.resolveSibling(AtomicFiles.siblingName(abs, "new")));
    OutputDir out = new OutputDir(abs, staging);
    synchronized (LOCK) {
      OPEN.add(out);
    }
    return out;
  }

  /** The directory the result set goes to. */
  public Path target() {
    return target;
  }

  /** Writes {@code text} (UTF-8) as {@code relative} inside the result set. */
  public void writeString(String relative, String text) throws IOException {
    write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} as {@code relative} inside the result set. */
  public void write(String relative, byte[] bytes) throws IOException {
    Path file = staging.resolve(relative).normalize();
    if (!file.startsWith(staging)) {
      throw new IllegalArgumentException(relative + " is outside the result directory");
    }
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  /**
   * Puts the result set in place of the target; false if it was aborted (interrupted) first. If the
   * last rename fails (another process's set took the target between the two renames), the staging
   * directory is deleted and the earlier set put back unless something else is there.
   */
  public boolean commit() throws IOException {
    synchronized (LOCK) {
      if (done) {
        return false;
      }
      done = true;
      OPEN.remove(this);
      try {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          AtomicFiles.move(staging, target);
          return true;
        }
        Path old = target.resolveSibling(AtomicFiles.siblingName(target, "old"));
        AtomicFiles.move(target, old);
        try {
          AtomicFiles.move(staging, target);
        } catch (IOException e) {
          if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            AtomicFiles.move(old, target);
          }
          throw e;
        } finally {
          deleteTree(old);
        }
        return true;
      } catch (IOException e) {
        deleteTree(staging);
        throw e;
      }
    }
  }

  /** Drops the staging directory; the target stays as it was. Safe to call twice. */
  public void abort() {
    synchronized (LOCK) {
      if (done) {
        return;
      }
      done = true;
      OPEN.remove(this);
      deleteTree(staging);
    }
  }

  /**
   * Aborts every transaction not yet committed, from a shutdown hook on SIGINT or SIGTERM; a commit
   * in progress finishes first. Returns how many were aborted.
   */
  public static int abortOpen() {
    synchronized (LOCK) {
      int n = OPEN.size();
      for (OutputDir o : Set.copyOf(OPEN)) {
        o.abort();
      }
      return n;
    }
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
