package io.arrayflow.cli;

import io.arrayflow.cli.config.ArchLoader;
import io.arrayflow.cli.config.Overrides;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import java.util.ArrayList;
import java.util.List;

/** Turns an {@code --arch} argument and its {@code --set} overrides into an {@link ArchSpec}. */
final class Archs {
  private Archs() {}

  /** The built-in architecture names. */
  static List<String> names() {
    return Catalog.builtIns("arch");
  }

  /** The folder a relative energy-table path resolves against: the arch file's, or null. */
  static java.nio.file.Path baseDir(String arg) {
    return Catalog.resolve("arch", "architecture", arg).baseDir();
  }

  /** The architecture named or stored at {@code arg}, with {@code sets} applied. */
  static ArchSpec resolve(String arg, List<String> sets) {
    Catalog.Source src = Catalog.resolve("arch", "architecture", arg);
    Overrides.apply(src.root(), sets, src.displayName());
    return ArchLoader.load(src.root(), src.displayName(), src.baseDir());
  }

  /**
   * What result rows call an architecture run with {@code sets}: its name, followed by the
   * overrides in brackets ({@code eyeriss[pe_array.rows=16,glb.size_kib=256]}) unless one of them
   * renames it, so a row never claims a stock architecture that was not run.
   */
  static String label(String name, List<String> sets) {
    List<String> changes = new ArrayList<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq > 0 && s.substring(0, eq).trim().equals("name")) {
        return name;
      }
      changes.add(s.strip());
    }
    return changes.isEmpty() ? name : name + "[" + String.join(",", changes) + "]";
  }

  /** {@code results} with the arch column set to {@code label}. */
  static List<LayerResult> relabel(List<LayerResult> results, String label) {
    List<LayerResult> out = new ArrayList<>();
    for (LayerResult r : results) {
      out.add(r.arch().equals(label) ? r : r.relabeled(label, r.layer()));
    }
    return out;
  }
}
