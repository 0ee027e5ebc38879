package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.Suggest;
import io.arrayflow.cli.config.WorkloadLoader;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.zoo.Model;
import io.arrayflow.workloads.zoo.ModelZoo;
import io.arrayflow.workloads.zoo.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@code --workload} argument into a workload: a model of the zoo (with batch, sequence
 * length and decode steps), a built-in YAML workload from {@code configs/workloads/}, or a YAML
 * file path. {@code --batch} applies to the zoo's models only, {@code --seq} to those with a
 * sequence length and {@code --decode} to those that decode; a YAML workload carries its own sizes,
 * so any of them given with one is an error, never ignored. {@code --fuse} applies to any.
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
    return resolve(arg, null, null, null);
  }

  /** As {@link #resolve(String, Integer, Integer, Integer)} with the default decode steps. */
  static Workload resolve(String arg, Integer batch, Integer seq) {
    return resolve(arg, batch, seq, null);
  }

  /**
   * The workload named or stored at {@code arg}; {@code batch}, {@code seq} and {@code decode} are
   * null when not given (batch 1, {@link Model#DEFAULT_SEQ} and {@link Model#DEFAULT_DECODE} for
   * the zoo).
   */
  static Workload resolve(String arg, Integer batch, Integer seq, Integer decode) {
    if (batch != null && batch < 1) {
      throw new ConfigException("--batch: must be >= 1, was " + batch);
    }
    if (seq != null && seq < 1) {
      throw new ConfigException("--seq: must be >= 1, was " + seq);
    }
    if (decode != null && decode < 0) {
      throw new ConfigException("--decode: must be >= 0, was " + decode);
    }
    if (Model.names().contains(arg)) {
      return zoo(Model.named(arg), batch, seq, decode);
    }
    if (Catalog.builtInText("workloads", arg) != null || Files.exists(Path.of(arg))) {
      String sizing =
          batch != null ? "--batch" : seq != null ? "--seq" : decode != null ? "--decode" : null;
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

  private static Workload zoo(Model model, Integer batch, Integer seq, Integer decode) {
    if (seq != null && !model.usesSeq()) {
      throw new ConfigException(
          "--seq: "
              + model.key()
              + " has no sequence length; --seq applies to "
              + String.join(", ", models(Model::usesSeq)));
    }
    if (decode != null && !model.usesDecode()) {
      throw new ConfigException(
          "--decode: "
              + model.key()
              + " does not decode; --decode applies to "
              + String.join(", ", models(Model::usesDecode)));
    }
    if (decode != null && decode < model.minDecode()) {
      throw new ConfigException(
          "--decode: " + model.key() + " is decode steps alone; it needs --decode >= 1");
    }
    int b = batch == null ? 1 : batch;
    int s = seq == null ? Model.DEFAULT_SEQ : seq;
    int d = decode == null ? Model.DEFAULT_DECODE : decode;
    try {
      return model.workload(model.input(b, s, d));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "--workload "
              + model.key()
              + " at --batch "
              + b
              + (model.usesSeq() ? " --seq " + s : "")
              + (model.usesDecode() ? " --decode " + d : "")
              + ": "
              + e.getMessage());
    }
  }

  private static List<String> models(java.util.function.Predicate<Model> which) {
    List<String> out = new ArrayList<>();
    for (Model m : Model.values()) {
      if (which.test(m)) {
        out.add(m.key());
      }
    }
    return out;
  }

  /**
   * {@code w} with the vector layers of the kinds {@code fuse} names ({@code all}, {@code none} or
   * a comma list of vector kinds; null: as it is) fused into a MAC layer right before them, the
   * others unfused.
   */
  static Workload fuse(Workload w, String fuse) {
    if (fuse == null) {
      return w;
    }
    Set<VectorKind> kinds = EnumSet.noneOf(VectorKind.class);
    for (String part : fuse.split(",", -1)) {
      String key = part.trim();
      if (key.equals("all")) {
        kinds.addAll(EnumSet.allOf(VectorKind.class));
      } else if (!key.equals("none")) {
        try {
          kinds.add(VectorKind.named(key));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              "--fuse: unknown vector op '"
                  + key
                  + "'; expected "
                  + VectorKind.validNames()
                  + ", all or none");
        }
      }
    }
    return w.fused(kinds);
  }
}
