package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.sweep.SweepInputs;
import io.arrayflow.cli.sweep.SweepSpec;
import io.arrayflow.workloads.zoo.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a sweep names, as {@code arrayflow sweep} does: the sweep (a built-in or a file), its
 * base architecture and its workloads, each resolved as {@code --arch} and {@code --workload}
 * resolve them and kept as text ({@link SweepInputs}), so that the points can run in any JVM.
 */
public final class SweepFiles {
  private SweepFiles() {}

  /** The inputs of the sweep {@code arg}; bad input fails with the messages users know. */
  public static SweepInputs read(String arg) {
    SweepInputs.Doc sweep = doc("sweeps", Catalog.resolve("sweeps", "sweep", arg), arg);
    SweepSpec s = SweepInputs.spec(sweep);
    SweepInputs.Doc arch = doc("arch", Catalog.resolve("arch", "architecture", s.arch()), s.arch());
    List<SweepInputs.Doc> workloads = new ArrayList<>();
    for (String w : s.workloads()) {
      Workloads.resolve(w, s.batch(), s.seq()); // fails as --workload does
      workloads.add(
          Model.names().contains(w)
              ? SweepInputs.Doc.zoo(w)
              : doc("workloads", Catalog.resolve("workloads", "workload", w), w));
    }
    return SweepInputs.of(sweep, arch, workloads);
  }

  /**
   * The text of {@code src}, the {@code kind} config {@code arg} names (read again: a source keeps
   * its document, not its text).
   */
  private static SweepInputs.Doc doc(String kind, Catalog.Source src, String arg) {
    if (src.baseDir() == null) {
      return new SweepInputs.Doc(src.displayName(), null, Catalog.builtInText(kind, arg));
    }
    try {
      return new SweepInputs.Doc(
          src.displayName(),
          src.baseDir().toString(),
          Files.readString(Path.of(arg), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(arg + ": cannot read: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new ConfigException(arg + ": cannot read: " + e.getCause().getMessage());
    }
  }
}
