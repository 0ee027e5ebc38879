package io.arrayflow.workloads.zoo;

import io.arrayflow.workloads.spec.CountLimit;
import io.arrayflow.workloads.spec.VectorKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A named list of layers in execution order — what the simulator runs — and, for a decoder, its
 * {@link Phase phases} (the prefill and each decode step; empty otherwise). {@link #totalMacs()}
 * counts conv, FC and matmul MACs only; vector ops are counted separately by {@link
 * #totalVectorOps()}.
 */
public record Workload(String name, List<Layer> layers, List<Phase> phases) {

  /**
   * Copies the lists and checks the name, that layer names are unique, that the totals are at most
   * {@link CountLimit#MAX} and that phases are in order within the layers.
   */
  public Workload {
    layers = List.copyOf(layers);
    phases = List.copyOf(phases);
    int next = 0;
    for (Phase p : phases) {
      if (p.firstLayer() < next || p.endLayer() > layers.size()) {
        throw new IllegalArgumentException(
            "workload '" + name + "': phase '" + p.name() + "' is out of order or past the layers");
      }
      next = p.endLayer();
    }
    String bad = nameProblem(name);
    if (bad != null) {
      throw new IllegalArgumentException("workload name " + bad);
    }
    Set<String> seen = new HashSet<>();
    for (Layer l : layers) {
      if (!seen.add(l.name())) {
        throw new IllegalArgumentException(
            "workload '" + name + "' has two layers named '" + l.name() + "'");
      }
    }
    List<String> totals = totalsProblems(layers);
    if (!totals.isEmpty()) {
      throw new IllegalArgumentException("workload '" + name + "': " + String.join("; ", totals));
    }
  }

  /** A workload without phases. */
  public Workload(String name, List<Layer> layers) {
    this(name, layers, List.of());
  }

  /**
   * This workload with every vector layer of a kind in {@code kinds} that directly follows a MAC
   * layer of its phase fused into it (it takes that layer's output as it leaves the array; a decode
   * step's first layer does not take the previous phase's logits) and every other vector layer
   * unfused.
   */
  public Workload fused(Set<VectorKind> kinds) {
    List<Layer> out = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      Layer before = i == 0 ? null : layers.get(i - 1);
      boolean fuse =
          !l.isMac()
              && kinds.contains(l.vector().kind())
              && before != null
              && before.isMac()
              && phaseOf(i) == phaseOf(i - 1);
      out.add(l.isMac() ? l : l.fusedInto(fuse ? before.name() : null));
    }
    return new Workload(name, out, phases);
  }

  /** The phase holding layer {@code index}, or null. */
  public Phase phaseOf(int index) {
    for (Phase p : phases) {
      if (index >= p.firstLayer() && index < p.endLayer()) {
        return p;
      }
    }
    return null;
  }

  /**
   * Null if {@code name} can name a workload, else why not: it must have a visible character and no
   * control characters (rows and messages are one line each).
   */
  public static String nameProblem(String name) {
    if (name == null || name.isBlank()) {
      return "must not be empty, was '" + (name == null ? "" : name) + "'";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        return "must not contain control characters (newline, tab, …), was "
            + name.replace("\n", "\\n").replace("\t", "\\t");
      }
    }
    return null;
  }

  /**
   * Every sum over {@code layers} — MACs, vector ops, and each operand's elements — that is above
   * {@link CountLimit#MAX}, as a problem naming it; empty if none is.
   */
  public static List<String> totalsProblems(List<Layer> layers) {
    // Each term is at most CountLimit.MAX, so a double sum of them cannot overflow and is exact
    // enough to compare with the limit.
    double[] sums = new double[5];
    for (Layer l : layers) {
      sums[0] += l.macs();
      sums[1] += l.vectorOps();
      if (l.isMac()) {
        sums[2] += l.mac().weightElements();
        sums[3] += l.mac().inputElements();
        sums[4] += l.mac().outputElements();
      }
    }
    String[] names = {"MACs", "vector ops", "weights", "inputs", "outputs"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < sums.length; i++) {
      String p =
          CountLimit.check("total " + names[i] + " of " + layers.size() + " layers", sums[i]);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /** Total MACs of the MAC layers. */
  public long totalMacs() {
    long sum = 0;
    for (Layer l : layers) {
      sum += l.macs();
    }
    return sum;
  }

  /** Total vector-unit scalar ops of the vector layers. */
  public long totalVectorOps() {
    long sum = 0;
    for (Layer l : layers) {
      sum += l.vectorOps();
    }
    return sum;
  }

  /** The MAC layers, in order. */
  public List<Layer> macLayers() {
    List<Layer> out = new ArrayList<>();
    for (Layer l : layers) {
      if (l.isMac()) {
        out.add(l);
      }
    }
    return out;
  }

  /** The layer called {@code layerName}; fails naming the workload if there is none. */
  public Layer layer(String layerName) {
    for (Layer l : layers) {
      if (l.name().equals(layerName)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "workload '" + name + "' has no layer '" + layerName + "' (" + layers.size() + " layers)");
  }
}
