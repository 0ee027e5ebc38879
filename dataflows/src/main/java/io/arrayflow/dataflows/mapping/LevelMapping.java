package io.arrayflow.dataflows.mapping;

import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One storage level's part of a {@link Mapping}: temporal factors per dimension (1 when not named),
 * the loop order outermost first (empty: the default order {@code N G M C P Q R S}), and which
 * operands the level keeps (empty: every operand the level can keep). Values are stored as written;
 * {@link MappingCheck} judges them.
 */
public final class LevelMapping {
  private final String level;
  private final int[] factors;
  private final List<Dim> order;
  private final Set<Role> keep;

  LevelMapping(String level, int[] factors, List<Dim> order, Set<Role> keep) {
    this.level = level;
    this.factors = factors.clone();
    this.order = List.copyOf(order);
    this.keep = keep == null ? null : Set.copyOf(EnumSet.copyOf(keep));
  }

  /** The storage level's name as written. */
  public String level() {
    return level;
  }

  /** The temporal factor of {@code d} at this level (1 when not named). */
  public int factor(Dim d) {
    return factors[d.ordinal()];
  }

  /** Whether any temporal factor was written as other than 1. */
  public boolean hasTemporalFactors() {
    for (int f : factors) {
      if (f != 1) {
        return true;
      }
    }
    return false;
  }

  /** The loop order as written, outermost first; empty means the default order. */
  public List<Dim> order() {
    return order;
  }

  /** The operands kept here, if written; empty means every operand the level can keep. */
  public Optional<Set<Role>> keep() {
    return Optional.ofNullable(keep);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LevelMapping m
        && m.level.equals(level)
        && Arrays.equals(m.factors, factors)
        && m.order.equals(order)
        && java.util.Objects.equals(m.keep, keep);
  }

  @Override
  public int hashCode() {
    return level.hashCode() * 31 + Arrays.hashCode(factors);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{level: ").append(level);
    StringBuilder t = new StringBuilder();
    for (Dim d : Dim.values()) {
      if (factors[d.ordinal()] != 1) {
        t.append(t.length() == 0 ? "" : ", ").append(d).append(": ").append(factors[d.ordinal()]);
      }
    }
    if (t.length() > 0) {
      b.append(", temporal: {").append(t).append('}');
    }
    if (!order.isEmpty()) {
      b.append(", order: ").append(order);
    }
    if (keep != null) {
      b.append(", keep: ").append(MappingCheck.roleList(keep));
    }
    return b.append('}').toString();
  }
}
