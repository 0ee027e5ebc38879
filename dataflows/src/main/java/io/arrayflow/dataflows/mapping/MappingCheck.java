package io.arrayflow.dataflows.mapping;

import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges a {@link Mapping} of an {@link OpSpec} onto a {@link Hierarchy} and returns every problem
 * as a value: unknown or repeated level names, levels written out of the hierarchy's nesting order,
 * factors below 1, loop orders that repeat or omit a dimension, keep lists naming operands the
 * level cannot hold, factors that do not multiply to a dimension's size, spatial factors that
 * exceed the array, operands not kept at the outermost level, and tiles that overflow a level's
 * capacity (half of it when double-buffered).
 */
public final class MappingCheck {
  private static final Dim[] DIMS = Dim.values();

  private MappingCheck() {}

  /** Every reason {@code mapping} cannot run {@code spec} on {@code hierarchy}, or feasible. */
  public static MappingResult check(OpSpec spec, Hierarchy hierarchy, Mapping mapping) {
    List<String> reasons = new ArrayList<>();
    boolean structural = checkNames(hierarchy, mapping, reasons);
    long[] product = new long[DIMS.length];
    java.util.Arrays.fill(product, 1);
    for (LevelMapping lm : mapping.levels()) {
      checkLevel(hierarchy, lm, product, reasons);
    }
    for (Axis a : Axis.values()) {
      long axisProduct = 1;
      for (Dim d : DIMS) {
        int f = mapping.spatial(a, d);
        if (f < 1) {
          reasons.add("array " + a.key() + ": factor of " + d + " must be >= 1, was " + f);
        } else {
          axisProduct *= f;
          product[d.ordinal()] *= f;
        }
      }
      int limit = a == Axis.ROWS ? hierarchy.rows() : hierarchy.cols();
      if (axisProduct > limit) {
        reasons.add(
            "array "
                + a.key()
                + ": spatial factors multiply to "
                + axisProduct
                + ", the array has "
                + limit
                + " "
                + a.key());
      }
    }
    for (Dim d : DIMS) {
      if (product[d.ordinal()] != spec.size(d)) {
        reasons.add(
            "dim "
                + d
                + ": factors multiply to "
                + product[d.ordinal()]
                + ", layer has "
                + spec.size(d));
      }
    }
    if (structural && reasons.isEmpty()) {
      checkKeepsAndCapacity(LoopNest.of(spec, hierarchy, mapping), reasons);
    }
    return reasons.isEmpty() ? MappingResult.feasible() : MappingResult.infeasible(reasons);
  }

  /** Unknown, repeated and misordered level names; true when the nest can be built. */
  private static boolean checkNames(Hierarchy h, Mapping mapping, List<String> reasons) {
    List<String> known = h.namesOutermostFirst();
    Set<String> seen = new HashSet<>();
    boolean ok = true;
    int lastPosition = -1;
    String lastName = null;
    for (LevelMapping lm : mapping.levels()) {
      String name = lm.level();
      int position = known.indexOf(name);
      if (position < 0) {
        reasons.add("unknown level '" + name + "'; levels are " + String.join(", ", known));
        ok = false;
        continue;
      }
      if (!seen.add(name)) {
        reasons.add("level " + name + ": written twice");
        ok = false;
        continue;
      }
      if (position < lastPosition) {
        reasons.add(
            "level "
                + name
                + ": written inside "
                + lastName
                + ", but the hierarchy nests it outside (outermost first: "
                + String.join(", ", known)
                + ")");
      }
      lastPosition = position;
      lastName = name;
    }
    return ok;
  }

  private static void checkLevel(Hierarchy h, LevelMapping lm, long[] product, List<String> r) {
    String where = "level " + lm.level() + ": ";
    if (lm.level().equals(Hierarchy.ARRAY)) {
      if (lm.hasTemporalFactors() || !lm.order().isEmpty() || lm.keep().isPresent()) {
        r.add(where + "takes spatial factors only (rows, cols), not temporal factors or keep");
      }
      return;
    }
    for (Dim d : DIMS) {
      int f = lm.factor(d);
      if (f < 1) {
        r.add(where + "factor of " + d + " must be >= 1, was " + f);
      } else {
        product[d.ordinal()] *= f;
      }
    }
    if (!lm.order().isEmpty()) {
      Set<Dim> inOrder = EnumSet.noneOf(Dim.class);
      for (Dim d : lm.order()) {
        if (!inOrder.add(d)) {
          r.add(where + "order " + lm.order() + " names " + d + " twice");
        }
      }
      for (Dim d : DIMS) {
        if (lm.factor(d) > 1 && !inOrder.contains(d)) {
          r.add(
              where + "order " + lm.order() + " omits " + d + ", which has factor " + lm.factor(d));
        }
      }
    }
    int index = h.indexOf(lm.level());
    if (index >= 0 && lm.keep().isPresent()) {
      Set<Role> canKeep = h.level(index).canKeep();
      for (Role role : lm.keep().get()) {
        if (!canKeep.contains(role)) {
          r.add(where + "cannot keep " + role.key() + "; it holds only " + roleList(canKeep));
        }
      }
    }
  }

  private static void checkKeepsAndCapacity(LoopNest nest, List<String> reasons) {
    Hierarchy h = nest.hierarchy();
    int top = h.outermost();
    for (Role role : Role.values()) {
      if (!nest.keeps(top, role)) {
        reasons.add(
            "level "
                + h.level(top).name()
                + " (outermost) must keep "
                + role.key()
                + ", or the operand is kept nowhere it can come from");
      }
    }
    for (int lv = 0; lv < h.size(); lv++) {
      StorageLevel level = h.level(lv);
      Capacity cap = level.capacity();
      if (cap.isUnbounded()) {
        continue;
      }
      String unit = cap.unit();
      for (Role role : Role.values()) {
        if (!nest.keeps(lv, role) || !cap.hasOwn(role)) {
          continue;
        }
        long words = nest.tileWords(lv, role);
        long need = words * cap.unitsPerWord(role);
        long usable = usable(cap.own(role), level.buffers());
        if (need > usable) {
          reasons.add(
              "level "
                  + level.name()
                  + ": tile of "
                  + role.key()
                  + " needs "
                  + (cap.isInBits() ? words + " words (" + need + " bits)" : need + " words")
                  + ", usable capacity is "
                  + usable
                  + (cap.isInBits() ? " bits" : "")
                  + buffering(level, cap.own(role), unit));
        }
      }
      long need = 0;
      StringBuilder parts = new StringBuilder();
      for (Role role : Role.values()) {
        if (nest.keeps(lv, role) && !cap.hasOwn(role)) {
          long w = nest.tileWords(lv, role);
          need += w * cap.unitsPerWord(role);
          parts.append(parts.length() == 0 ? "" : " + ").append(role.key()).append(' ').append(w);
          if (cap.isInBits()) {
            parts.append(" x ").append(cap.unitsPerWord(role));
          }
        }
      }
      long usable = usable(cap.pool(), level.buffers());
      if (need > usable) {
        reasons.add(
            "level "
                + level.name()
                + ": tiles need "
                + need
                + " "
                + unit
                + " ("
                + parts
                + (cap.isInBits() ? " bits" : "")
                + "), usable capacity is "
                + usable
                + (cap.isInBits() ? " bits" : "")
                + buffering(level, cap.pool(), unit));
      }
    }
  }

  private static String buffering(StorageLevel level, long capacity, String unit) {
    return switch (level.buffers()) {
      case 1 -> "";
      case 2 -> " (double-buffered: half of " + capacity + " " + unit + ")";
      default ->
          " ("
              + level.buffers()
              + " buffers: 1/"
              + level.buffers()
              + " of "
              + capacity
              + " "
              + unit
              + ")";
    };
  }

  private static long usable(long capacity, int buffers) {
    return capacity / buffers;
  }

  /** Roles as a config list, e.g. {@code [weights, outputs]}. */
  static String roleList(Set<Role> roles) {
    List<String> keys = new ArrayList<>();
    for (Role r : Role.values()) {
      if (roles.contains(r)) {
        keys.add(r.key());
      }
    }
    return "[" + String.join(", ", keys) + "]";
  }
}
