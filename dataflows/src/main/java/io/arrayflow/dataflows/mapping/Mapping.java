package io.arrayflow.dataflows.mapping;

import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * An immutable mapping of one op onto a {@link Hierarchy}, in the shape of DESIGN.md's mapping
 * YAML: storage levels outermost first, each with temporal factors, a loop order (outermost first)
 * and optionally the operands it keeps; plus spatial factors onto array rows and columns (several
 * dimensions may share an axis). Built by the YAML loader and by the dataflow heuristics through
 * {@link #builder()}; nothing is judged here, {@link MappingCheck} does that.
 *
 * <pre>{@code
 * Mapping.builder()
 *     .level("dram").temporal(Dim.M, 2).temporal(Dim.C, 2).order(Dim.Q, Dim.C, Dim.M)
 *     .level("glb").temporal(Dim.P, 28).keep(Role.INPUTS, Role.OUTPUTS)
 *     .spatial(Axis.COLS, Dim.Q, 14).spatial(Axis.ROWS, Dim.M, 4)
 *     .level("rf.weights").temporal(Dim.R, 3).temporal(Dim.C, 8)
 *     .build();
 * }</pre>
 */
public final class Mapping {
  private static final int DIMS = Dim.values().length;

  private final List<LevelMapping> levels;
  private final int[][] spatial;

  private Mapping(List<LevelMapping> levels, int[][] spatial) {
    this.levels = List.copyOf(levels);
    this.spatial = new int[][] {spatial[0].clone(), spatial[1].clone()};
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The levels as written, outermost first (may include {@code array} as a position marker). */
  public List<LevelMapping> levels() {
    return levels;
  }

  /** The entry for {@code name}, if written (the first one when written twice). */
  public Optional<LevelMapping> level(String name) {
    for (LevelMapping l : levels) {
      if (l.level().equals(name)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** The spatial factor of {@code d} on {@code axis} (1 when not named). */
  public int spatial(Axis axis, Dim d) {
    return spatial[axis.ordinal()][d.ordinal()];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mapping m
        && m.levels.equals(levels)
        && Arrays.equals(m.spatial[0], spatial[0])
        && Arrays.equals(m.spatial[1], spatial[1]);
  }

  @Override
  public int hashCode() {
    return levels.hashCode() * 31 + Arrays.deepHashCode(spatial);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("mapping:");
    for (LevelMapping l : levels) {
      if (!l.level().equals(Hierarchy.ARRAY)) {
        b.append("\n  - ").append(l);
      }
    }
    b.append("\n  - {level: array, spatial: {");
    for (Axis a : Axis.values()) {
      b.append(a == Axis.ROWS ? "" : ", ").append(a.key()).append(": {");
      String sep = "";
      for (Dim d : Dim.values()) {
        if (spatial[a.ordinal()][d.ordinal()] != 1) {
          b.append(sep).append(d).append(": ").append(spatial[a.ordinal()][d.ordinal()]);
          sep = ", ";
        }
      }
      b.append('}');
    }
    return b.append("}}").toString();
  }

  /**
   * Collects a mapping level by level; {@link #level(String)} starts (or resumes) a level and the
   * calls that follow describe it. Accepts any values: judging them is {@link MappingCheck}'s job.
   */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<int[]> factors = new ArrayList<>();
    private final List<List<Dim>> orders = new ArrayList<>();
    private final List<EnumSet<Role>> keeps = new ArrayList<>();
    private final int[][] spatial = new int[2][DIMS];
    private int current = -1;

    private Builder() {
      Arrays.fill(spatial[0], 1);
      Arrays.fill(spatial[1], 1);
    }

    /** Starts the entry for level {@code name}; a second call with the same name adds an entry. */
    public Builder level(String name) {
      names.add(name);
      int[] f = new int[DIMS];
      Arrays.fill(f, 1);
      factors.add(f);
      orders.add(new ArrayList<>());
      keeps.add(null);
      current = names.size() - 1;
      return this;
    }

    /** Sets the temporal factor of {@code d} at the current level. */
    public Builder temporal(Dim d, int factor) {
      factors.get(requireLevel("temporal"))[d.ordinal()] = factor;
      return this;
    }

    /** Sets the loop order of the current level, outermost first. */
    public Builder order(Dim... outermostFirst) {
      return order(List.of(outermostFirst));
    }

    /** Sets the loop order of the current level, outermost first. */
    public Builder order(List<Dim> outermostFirst) {
      List<Dim> o = orders.get(requireLevel("order"));
      o.clear();
      o.addAll(outermostFirst);
      return this;
    }

    /** Sets the operands the current level keeps (the others bypass it). */
    public Builder keep(Role... roles) {
      EnumSet<Role> k = EnumSet.noneOf(Role.class);
      k.addAll(List.of(roles));
      keeps.set(requireLevel("keep"), k);
      return this;
    }

    /** Sets the spatial factor of {@code d} on {@code axis}. */
    public Builder spatial(Axis axis, Dim d, int factor) {
      spatial[axis.ordinal()][d.ordinal()] = factor;
      return this;
    }

    private int requireLevel(String what) {
      if (current < 0) {
        throw new IllegalStateException(what + " before any level(name)");
      }
      return current;
    }

    /** The immutable mapping. */
    public Mapping build() {
      List<LevelMapping> out = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        out.add(new LevelMapping(names.get(i), factors.get(i), orders.get(i), keeps.get(i)));
      }
      return new Mapping(out, spatial);
    }
  }
}
