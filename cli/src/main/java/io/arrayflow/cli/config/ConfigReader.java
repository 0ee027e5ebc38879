package io.arrayflow.cli.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one config file, collecting every problem instead of stopping at the first. Each message
 * names the file and place, the YAML path, the bad value and what is allowed, e.g. {@code
 * eyeriss.yaml:14:13: glb.size_kib: must be > 0, was -4}. Values set with {@code --set} are named
 * as such instead of by line.
 */
public final class ConfigReader {
  /** The prefix of root keys that are only there to hold anchors. */
  public static final String EXTENSION = "x-";

  private final String file;
  private final List<String> problems = new ArrayList<>();

  /** A reader for the file that messages call {@code file}. */
  public ConfigReader(String file) {
    this.file = file;
  }

  /**
   * The root of the document, which must be a map. Its keys starting with {@value #EXTENSION} are
   * not read and not reported as unknown: they hold YAML anchors to use further down (as in Docker
   * Compose), e.g. {@code x-conv3x3: &k3 {type: conv, R: 3}}.
   */
  public Section root(Node root) {
    if (root instanceof Node.MapNode map) {
      Section s = new Section(this, map, "");
      for (String key : map.entries().keySet()) {
        if (key.startsWith(EXTENSION)) {
          s.allow(key);
        }
      }
      return s;
    }
    problem(root, "", "the document must be a map of keys, was " + root.describe());
    return new Section(this, Node.MapNode.empty(0, 0), "");
  }

  /** Records a problem at {@code at} for YAML path {@code path}. */
  public void problem(Node at, String path, String message) {
    StringBuilder sb = new StringBuilder(file);
    if (at != null && at.line() > 0) {
      sb.append(':').append(at.line()).append(':').append(at.column());
    } else if (at != null) {
      sb.append(" (--set)");
    }
    sb.append(": ");
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    problems.add(sb.append(message).toString());
  }

  /** Records a problem about the file as a whole. */
  public void problem(String message) {
    problems.add(file + ": " + message);
  }

  /** How many problems have been recorded so far. */
  public int problemCount() {
    return problems.size();
  }

  /** Throws a {@link ConfigException} with every recorded problem, if there is any. */
  public void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
