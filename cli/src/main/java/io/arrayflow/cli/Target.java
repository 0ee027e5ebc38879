package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.Suggest;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.energy.EnergyTableException;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.InvalidSpecException;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that say what to simulate, shared by {@code run}, {@code compare} and {@code verify}:
 * the architecture (with {@code --set} overrides), the workload (batch, sequence length, one layer)
 * and the dataflows.
 */
final class Target {
  @Option(
      names = "--arch",
      required = true,
      description = "A built-in architecture (arrayflow list archs) or a YAML file.")
  String arch;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override an arch field, e.g. --set glb.size_kib=256 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Mixin WorkloadOption workload;

  @Option(names = "--layer", description = "Run only this layer (default: every layer).")
  String layer;

  /** The resolved architecture. */
  ArchSpec arch() {
    return Archs.resolve(arch, sets);
  }

  /** What result rows call the architecture: its name, with the overrides if there are any. */
  String label(ArchSpec spec) {
    return Archs.label(spec.name(), sets);
  }

  /** The options that name this target again: {@code --arch A --set K=V --workload W ...}. */
  String options() {
    StringBuilder b = new StringBuilder("--arch ").append(arch);
    for (String s : sets) {
      b.append(" --set ").append(s);
    }
    return b.append(' ').append(workload.options()).toString();
  }

  /** The manifest's record of the architecture as run. */
  java.util.Map<String, Object> manifest(ArchSpec spec) {
    return Manifests.arch(arch, label(spec), sets, spec);
  }

  /** The architecture's energy table (built-in name, or a path relative to the arch file). */
  EnergyModel table(ArchSpec spec) {
    Path base = Archs.baseDir(arch);
    try {
      return EnergyTables.resolve(spec.energyTable(), base == null ? Path.of(".") : base);
    } catch (EnergyTableException e) {
      throw new ConfigException(e.messages());
    }
  }

  /** The workload. */
  Workload workload() {
    return workload.get();
  }

  /**
   * The phases of {@code w} on {@code arch} when it has them and every layer runs (no {@code
   * --layer}), else null.
   */
  Phases phases(Workload w, ArchSpec spec) {
    return layer == null && !w.phases().isEmpty() ? new Phases(w, spec) : null;
  }

  /** The layers to run: all, or the one {@code --layer} names. */
  List<Layer> layers(Workload w) {
    if (layer == null) {
      return w.layers();
    }
    List<String> names = new ArrayList<>();
    for (Layer l : w.layers()) {
      if (l.name().equals(layer)) {
        return List.of(l);
      }
      names.add(l.name());
    }
    throw new ConfigException(
        "--layer: workload "
            + w.name()
            + " has no layer '"
            + layer
            + "'"
            + Suggest.didYouMean(layer, names)
            + "; its layers are "
            + String.join(", ", names));
  }

  /**
   * Parses a {@code --dataflow} value for {@code arch}: keys and {@code all}, comma-separated; each
   * dataflow once, in the order first named ({@code ws,all} is ws, os, is, rs). {@code all} is ws,
   * os, is and rs on a multicast NoC and ws, os, is on a systolic one, which cannot run rs or nlr.
   */
  static List<Dataflow> dataflows(String option, String value, ArchSpec arch) {
    boolean systolic = arch.noc().kind() == NocKind.SYSTOLIC;
    List<Dataflow> out = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String key = part.trim();
      if (key.equals("all")) {
        for (Dataflow d : Dataflow.all(systolic)) {
          if (!out.contains(d)) {
            out.add(d);
          }
        }
        continue;
      }
      try {
        Dataflow d = Dataflow.named(key);
        if (systolic && !d.runsOnSystolic()) {
          throw new ConfigException(option + ": " + LayerRunner.notOnSystolic(d, arch.name()));
        }
        if (!out.contains(d)) {
          out.add(d);
        }
      } catch (InvalidSpecException e) {
        List<String> keys = new ArrayList<>();
        for (Dataflow d : Dataflow.values()) {
          keys.add(d.key());
        }
        throw new ConfigException(
            option
                + ": unknown dataflow '"
                + key
                + "'; expected "
                + String.join(", ", keys)
                + " or all");
      }
    }
    return out;
  }
}
