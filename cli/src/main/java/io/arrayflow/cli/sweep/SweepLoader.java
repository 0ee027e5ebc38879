package io.arrayflow.cli.sweep;

import io.arrayflow.cli.config.ConfigReader;
import io.arrayflow.cli.config.Node;
import io.arrayflow.cli.config.Section;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.reports.results.Objective;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.workloads.zoo.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a sweep YAML into a {@link SweepSpec}, collecting every problem of the file before failing
 * once; each message names the file, line:column, the YAML path, the bad value and what is allowed.
 * Whether the axis paths are keys of the architecture is checked by {@code arrayflow sweep} against
 * the base arch before any point runs.
 */
public final class SweepLoader {
  private SweepLoader() {}

  /**
   * Reads {@code root}, the document of the sweep file {@code file}; relative arch and workload
   * paths resolve against {@code baseDir} (null for a built-in sweep).
   */
  public static SweepSpec load(Node root, String file, Path baseDir, String text) {
    ConfigReader reader = new ConfigReader(file);
    Section doc = reader.root(root);
    String name = doc.requiredString("name");
    String arch = path(doc.requiredString("arch"), baseDir);
    List<String> workloads = new ArrayList<>();
    Node rawWorkloads = doc.raw("workloads");
    if (rawWorkloads == null) {
      doc.problem("workloads", "required field is missing; list one or more workloads");
    }
    List<Node> items = doc.optionalList("workloads");
    if (rawWorkloads instanceof Node.ListNode && items.isEmpty()) {
      doc.problem("workloads", "must list at least one workload");
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING) {
        workloads.add(path(s.text(), baseDir));
      } else {
        reader.problem(
            items.get(i),
            "workloads[" + i + "]",
            "must be a workload name or path, was " + items.get(i).describe());
      }
    }
    Integer batch = doc.has("batch") ? doc.optionalInt("batch", 1, 1) : null;
    Integer seq = doc.has("seq") ? doc.optionalInt("seq", Model.DEFAULT_SEQ, 1) : null;
    List<String> dataflowKeys = dataflowKeys(doc);
    List<Dataflow> dataflows = dataflows(dataflowKeys);
    boolean allDataflows = dataflowKeys.contains("all");
    Fidelity fidelity =
        Fidelity.named(doc.optionalChoice("fidelity", "event", keys(Fidelity.values())));
    List<SweepSpec.Axis> axes = axes(doc);
    SweepSpec.Sampling sampling = sampling(doc);
    List<Constraint> where = where(doc);
    Objective objective =
        Objective.named(doc.optionalChoice("objective", "energy", Objective.keys()));
    doc.finish();
    reader.throwIfProblems();
    return new SweepSpec(
        name,
        arch,
        workloads,
        batch,
        seq,
        dataflows,
        allDataflows,
        fidelity,
        axes,
        sampling,
        where,
        objective,
        text);
  }

  /** {@code arg} as given if it is a name, else resolved against the sweep file's folder. */
  private static String path(String arg, Path baseDir) {
    if (baseDir == null || arg.isEmpty() || !(arg.contains("/") || arg.endsWith(".yaml"))) {
      return arg;
    }
    Path p = baseDir.resolve(arg);
    return Files.exists(p) ? p.toString() : arg;
  }

  private static List<String> keys(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> e : values) {
      out.add(e.name().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** The dataflow names the sweep gives: one, a list, or {@code all} (the default). */
  private static List<String> dataflowKeys(Section doc) {
    Node raw = doc.raw("dataflows");
    return raw instanceof Node.Scalar
        ? List.of(doc.optionalChoice("dataflows", "all", allowedDataflows()))
        : doc.optionalChoices("dataflows", List.of("all"), allowedDataflows());
  }

  private static List<String> allowedDataflows() {
    List<String> allowed = new ArrayList<>();
    for (Dataflow d : Dataflow.values()) {
      allowed.add(d.key());
    }
    allowed.add("all");
    return allowed;
  }

  /** The dataflows {@code keys} name, each once ({@code all} as on a multicast NoC). */
  private static List<Dataflow> dataflows(List<String> keys) {
    List<String> allowed = allowedDataflows();
    // `all` is what it is on a multicast NoC; a systolic point runs the part of it that has a fold
    // schedule (SweepSpec.dataflowsOn).
    List<Dataflow> out = new ArrayList<>();
    for (String k : keys) {
      List<Dataflow> named =
          k.equals("all")
              ? Dataflow.all(false)
              : allowed.contains(k) ? List.of(Dataflow.named(k)) : List.of();
      for (Dataflow d : named) {
        if (!out.contains(d)) {
          out.add(d);
        }
      }
    }
    return out;
  }

  private static List<SweepSpec.Axis> axes(Section doc) {
    List<SweepSpec.Axis> out = new ArrayList<>();
    if (!doc.has("axes")) {
      return out;
    }
    Section axes = doc.section("axes");
    for (String path : axes.keys()) {
      axes.allow(path);
      Node values = axes.raw(path);
      if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
        axes.problem(path, "must be an arch path such as glb.size_kib, was '" + path + "'");
      } else if (!(values instanceof Node.ListNode l) || l.items().isEmpty()) {
        axes.problem(
            path,
            "must list the values of the axis, was "
                + (values instanceof Node.ListNode ? "an empty list" : values.describe()));
      } else {
        List<String> seen = new ArrayList<>();
        for (Node v : l.items()) {
          String t = Axes.text(v);
          if (seen.contains(t)) {
            axes.reader()
                .problem(v, axes.pathOf(path), "lists the value " + t + " twice; each value once");
          }
          seen.add(t);
        }
        out.add(new SweepSpec.Axis(path, l.items()));
      }
    }
    axes.finish();
    return out;
  }

  private static SweepSpec.Sampling sampling(Section doc) {
    Node raw = doc.raw("sample");
    if (raw == null) {
      return SweepSpec.Sampling.GRID;
    }
    if (raw instanceof Node.Scalar) {
      doc.optionalChoice("sample", "grid", List.of("grid"));
      return SweepSpec.Sampling.GRID;
    }
    Section s = doc.section("sample");
    if (!s.has("random")) {
      doc.problem("sample", "must be grid or {random: N, seed: S}");
    }
    int n = s.optionalInt("random", 1, 1);
    long seed = s.optionalLong("seed", 1, Long.MIN_VALUE);
    s.finish();
    return new SweepSpec.Sampling(n, seed);
  }

  private static List<Constraint> where(Section doc) {
    List<Constraint> out = new ArrayList<>();
    List<Node> items = doc.optionalList("where");
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String at = "where[" + i + "]";
      if (!(item instanceof Node.Scalar s) || s.type() != Node.Scalar.Type.STRING) {
        doc.reader()
            .problem(
                item,
                at,
                "must be a constraint such as \"pe_array.rows * pe_array.cols <= 256\", was "
                    + item.describe());
        continue;
      }
      try {
        out.add(Constraint.parse(s.text()));
      } catch (IllegalArgumentException e) {
        doc.reader().problem(item, at, e.getMessage());
      }
    }
    return out;
  }
}
