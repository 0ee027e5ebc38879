package io.arrayflow.workloads.zoo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A named list of layers in execution order — what the simulator runs. {@link #totalMacs()} counts
 * conv, FC and matmul MACs only; vector ops are counted separately by {@link #totalVectorOps()}.
 */
public record Workload(String name, List<Layer> layers) {

  /** Copies the layer list and checks that layer names are unique. */
  public Workload {
    layers = List.copyOf(layers);
    Set<String> seen = new HashSet<>();
    for (Layer l : layers) {
      if (!seen.add(l.name())) {
        throw new IllegalArgumentException(
            "workload '" + name + "' has two layers named '" + l.name() + "'");
      }
    }
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
