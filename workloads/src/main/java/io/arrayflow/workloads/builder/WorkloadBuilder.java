package io.arrayflow.workloads.builder;

import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a user's layer list into a {@link Workload}, collecting every problem first: each is
 * prefixed with the layer's position, {@code "layers[2].groups: must divide in_channels (64), was
 * 3"}, so the loader only has to prepend the file name. Expected failures are a value ({@link
 * Result}), not an exception.
 */
public final class WorkloadBuilder {
  private WorkloadBuilder() {}

  /** Either a workload (problems empty) or the problems (workload null). */
  public record Result(Workload workload, List<String> problems) {
    /** Copies the problem list. */
    public Result {
      problems = List.copyOf(problems);
    }

    /** Whether the workload was built. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Validates every layer and builds the workload {@code name}, or returns every problem. */
  public static Result build(String name, List<UserLayer> layers) {
    List<String> problems = new ArrayList<>();
    if (name == null || name.isBlank()) {
      problems.add("name: must be non-empty, was '" + (name == null ? "" : name) + "'");
    }
    if (layers.isEmpty()) {
      problems.add("layers: must hold at least one layer, was empty");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < layers.size(); i++) {
      UserLayer l = layers.get(i);
      for (String p : l.problems()) {
        problems.add("layers[" + i + "]." + p);
      }
      if (l.name() != null && !l.name().isBlank() && !seen.add(l.name())) {
        problems.add("layers[" + i + "].name: must be unique, was '" + l.name() + "' again");
      }
    }
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    List<Layer> built = new ArrayList<>();
    for (UserLayer l : layers) {
      built.add(l.toLayer());
    }
    return new Result(new Workload(name, built), List.of());
  }
}
