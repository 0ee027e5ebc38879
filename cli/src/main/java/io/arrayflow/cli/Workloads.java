package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.Suggest;
import io.arrayflow.cli.config.WorkloadLoader;
import io.arrayflow.workloads.zoo.Model;
import io.arrayflow.workloads.zoo.ModelZoo;
import io.arrayflow.workloads.zoo.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code --workload} argument into a workload: a model of the zoo (with batch and sequence
 * length), a built-in YAML workload from {@code configs/workloads/}, or a YAML file path.
 */
final class Workloads {
  private Workloads() {}

  /** Every name {@code --workload} accepts besides a path: zoo models, then built-in YAML files. */
  static List<String> names() {
    List<String> out = new ArrayList<>(ModelZoo.names());
    out.addAll(Catalog.builtIns("workloads"));
    return out;
  }

  /** The workload named or stored at {@code arg}. */
  static Workload resolve(String arg, int batch, int seq) {
    if (batch < 1) {
      throw new ConfigException("--batch: must be >= 1, was " + batch);
    }
    if (seq < 1) {
      throw new ConfigException("--seq: must be >= 1, was " + seq);
    }
    if (Model.names().contains(arg)) {
      return ModelZoo.named(arg, batch, seq);
    }
    if (Catalog.builtInText("workloads", arg) != null || Files.isRegularFile(Path.of(arg))) {
      Catalog.Source src = Catalog.resolve("workloads", "workload", arg);
      return WorkloadLoader.load(src.root(), src.displayName());
    }
    List<String> names = names();
    throw new ConfigException(
        "--workload: unknown workload '"
            + arg
            + "'"
            + Suggest.didYouMean(arg, names)
            + "; expected a built-in ("
            + String.join(", ", names)
            + ") or a YAML file path");
  }
}
