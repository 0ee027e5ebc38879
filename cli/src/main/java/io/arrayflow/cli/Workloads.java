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
 * length), a built-in YAML workload from {@code configs/workloads/}, or a YAML file path. {@code
 * --batch} applies to the zoo's models only and {@code --seq} to those with a sequence length; a
 * YAML workload carries its own sizes, so either option given with one is an error, never ignored.
 */
final class Workloads {
  private Workloads() {}

  /** Every name {@code --workload} accepts besides a path: zoo models, then built-in YAML files. */
  static List<String> names() {
    List<String> out = new ArrayList<>(ModelZoo.names());
    out.addAll(Catalog.builtIns("workloads"));
    return out;
  }

  /** The workload named or stored at {@code arg}, at batch 1 and the default sequence length. */
  static Workload resolve(String arg) {
    return resolve(arg, null, null);
  }

  /**
   * The workload named or stored at {@code arg}; {@code batch} and {@code seq} are null when not
   * given (batch 1 and {@link Model#DEFAULT_SEQ} for the zoo).
   */
  static Workload resolve(String arg, Integer batch, Integer seq) {
    if (batch != null && batch < 1) {
      throw new ConfigException("--batch: must be >= 1, was " + batch);
    }
    if (seq != null && seq < 1) {
      throw new ConfigException("--seq: must be >= 1, was " + seq);
    }
    if (Model.names().contains(arg)) {
      return zoo(Model.named(arg), batch, seq);
    }
    if (Catalog.builtInText("workloads", arg) != null || Files.exists(Path.of(arg))) {
      String sizing = batch != null ? "--batch" : seq != null ? "--seq" : null;
      if (sizing != null) {
        throw new ConfigException(
            sizing
                + ": applies to the built-in models ("
                + String.join(", ", ModelZoo.names())
                + "); "
                + arg
                + " is a YAML workload, whose layers give their own sizes (N of conv and fc,"
                + " batch of matmul)");
      }
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

  private static Workload zoo(Model model, Integer batch, Integer seq) {
    if (seq != null && !model.usesSeq()) {
      List<String> withSeq = new ArrayList<>();
      for (Model m : Model.values()) {
        if (m.usesSeq()) {
          withSeq.add(m.key());
        }
      }
      throw new ConfigException(
          "--seq: "
              + model.key()
              + " has no sequence length; --seq applies to "
              + String.join(", ", withSeq));
    }
    int b = batch == null ? 1 : batch;
    int s = seq == null ? Model.DEFAULT_SEQ : seq;
    try {
      return model.workload(model.input(b, s));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "--workload "
              + model.key()
              + " at --batch "
              + b
              + (model.usesSeq() ? " --seq " + s : "")
              + ": "
              + e.getMessage());
    }
  }
}
