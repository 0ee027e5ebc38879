package io.arrayflow.cli;

import io.arrayflow.cli.config.ArchLoader;
import io.arrayflow.cli.config.Overrides;
import io.arrayflow.sim.spec.ArchSpec;
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
}
