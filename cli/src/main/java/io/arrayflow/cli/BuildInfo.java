package io.arrayflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a manifest says about the program: the arrayflow version (from the build) and, when the
 * classes were loaded from inside a git checkout, the commit its {@code HEAD} names. The commit is
 * read from the {@code .git} files directly (worktrees and packed refs included), without running
 * git; uncommitted changes are not detected.
 */
final class BuildInfo {
  private BuildInfo() {}

  /** The version the build stamped, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String version() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The commit of the checkout the classes come from, or null if not known. */
  static String gitCommit() {
    try {
      Path at =
          Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = at.toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path dotGit = dir.resolve(".git");
        if (Files.isDirectory(dotGit)) {
          return head(dotGit, dotGit);
        }
        if (Files.isRegularFile(dotGit)) {
          // A worktree: ".git" names its own git dir, whose "commondir" holds the shared refs.
          String line = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
          if (!line.startsWith("gitdir:")) {
            return null;
          }
          Path gitDir = dir.resolve(line.substring("gitdir:".length()).strip()).normalize();
          Path common = gitDir;
          Path commondir = gitDir.resolve("commondir");
          if (Files.isRegularFile(commondir)) {
            common =
                gitDir
                    .resolve(Files.readString(commondir, StandardCharsets.UTF_8).strip())
                    .normalize();
          }
          return head(gitDir, common);
        }
      }
      return null;
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static String head(Path gitDir, Path common) throws IOException {
    String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).strip();
    if (!head.startsWith("ref:")) {
      return head;
    }
    String ref = head.substring("ref:".length()).strip();
    for (Path base : new Path[] {gitDir, common}) {
      Path file = base.resolve(ref);
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
    }
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
        if (line.endsWith(" " + ref)) {
          return line.substring(0, line.indexOf(' '));
        }
      }
    }
    return null;
  }
}
