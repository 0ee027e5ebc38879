package io.arrayflow.cli.sweep;

import io.arrayflow.cli.config.Node;
import io.arrayflow.cli.config.WorkloadLoader;
import io.arrayflow.cli.config.YamlFiles;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.workloads.zoo.Model;
import io.arrayflow.workloads.zoo.ModelZoo;
import io.arrayflow.workloads.zoo.Workload;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a sweep's points read, held as text: the sweep file, its base architecture and its
 * workloads, each with the name messages give it and the folder its relative paths resolve against.
 * The command reads the files once; {@link #task} rebuilds the same {@link PointTask} from the text
 * in any JVM, so a Spark executor needs no file of the sweep, only the jar. The one exception is an
 * energy table given as a file (the architecture loader reads it by path): its SHA-256 is recorded
 * here and {@link #checkEnergyTables} refuses to run where that path holds something else.
 */
public final class SweepInputs implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * One input document: how messages name it, the folder its relative paths resolve against (null
   * for a built-in), and its YAML text (null for a model of the zoo, which is built from its name).
   */
  public record Doc(String displayName, String baseDir, String text) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A model of the zoo, built from its name at the sweep's batch and sequence length. */
    public static Doc zoo(String name) {
      return new Doc(name, null, null);
    }

    /** The parsed document. */
    public Node root() {
      return YamlFiles.parse(text, displayName);
    }

    /** The folder relative paths resolve against, or null. */
    public Path baseDirPath() {
      return baseDir == null ? null : Path.of(baseDir);
    }
  }

  private final Doc sweep;
  private final Doc arch;
  private final List<Doc> workloads;
  private final Map<String, String> energyTableSha256;
  private transient PointTask task;

  private SweepInputs(
      Doc sweep, Doc arch, List<Doc> workloads, Map<String, String> energyTableSha256) {
    this.sweep = sweep;
    this.arch = arch;
    this.workloads = List.copyOf(workloads);
    this.energyTableSha256 = Map.copyOf(energyTableSha256);
  }

  /** The sweep's spec, read from the text of its file. */
  public static SweepSpec spec(Doc sweep) {
    return SweepLoader.load(sweep.root(), sweep.displayName(), sweep.baseDirPath(), sweep.text());
  }

  /**
   * The inputs of the sweep {@code sweep} (whose spec names {@code arch} and {@code workloads}, in
   * its order); records the SHA-256 of each energy-table file the base arch or an {@code
   * energy_table} axis names.
   */
  public static SweepInputs of(Doc sweep, Doc arch, List<Doc> workloads) {
    return new SweepInputs(sweep, arch, workloads, energyTableHashes(spec(sweep), arch));
  }

  /** The sweep file's document. */
  public Doc sweep() {
    return sweep;
  }

  /** The base architecture's document. */
  public Doc arch() {
    return arch;
  }

  /** The task that turns a point into rows, built once per JVM from these inputs. */
  public synchronized PointTask task() {
    if (task == null) {
      SweepSpec spec = spec(sweep);
      List<Workload> built = new ArrayList<>();
      for (Doc w : workloads) {
        built.add(
            w.text() == null
                ? ModelZoo.named(
                    w.displayName(),
                    spec.batch() == null ? 1 : spec.batch(),
                    spec.seq() == null ? Model.DEFAULT_SEQ : spec.seq())
                : WorkloadLoader.load(w.root(), w.displayName()));
      }
      task = new PointTask(this, spec, arch.root(), built);
    }
    return task;
  }

  /**
   * Fails with a message naming the file when an energy-table file the sweep's driver read is
   * missing or different here (on a Spark executor whose machine does not share the file).
   */
  public void checkEnergyTables() {
    for (Map.Entry<String, String> e : energyTableSha256.entrySet()) {
      String found = sha256(Path.of(e.getKey()));
      if (!e.getValue().equals(found)) {
        throw new IllegalStateException(
            "energy table "
                + e.getKey()
                + (found == null ? " is missing" : " differs from the file the sweep started with")
                + " on this machine; put the same file at that path on every executor, or use a"
                + " built-in table (docs/scale-out.md)");
      }
    }
  }

  /** The energy-table files the base arch or an {@code energy_table} axis names, with hashes. */
  private static Map<String, String> energyTableHashes(SweepSpec spec, Doc arch) {
    Set<String> names = new LinkedHashSet<>();
    if (arch.root() instanceof Node.MapNode m
        && m.entries().get("energy_table") instanceof Node.Scalar s) {
      names.add(s.text());
    }
    for (SweepSpec.Axis a : spec.axes()) {
      if (a.path().equals("energy_table")) {
        a.values().forEach(v -> names.add(Axes.text(v)));
      }
    }
    Map<String, String> out = new TreeMap<>();
    Path dir = arch.baseDir() == null ? Path.of(".") : arch.baseDirPath();
    for (String n : names) {
      Path file = dir.resolve(n);
      String sha = EnergyTables.builtInNames().contains(n) ? null : sha256(file);
      if (sha != null) {
        out.put(file.toString(), sha);
      }
    }
    return out;
  }

  /** The SHA-256 of {@code file} in hex, or null if it is not a readable file. */
  private static String sha256(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
