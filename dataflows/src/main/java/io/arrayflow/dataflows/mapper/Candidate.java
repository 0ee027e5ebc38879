package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LevelMapping;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One point of a mapping space in primitive arrays, so that the search can change and score it
 * without allocating: per storage level (innermost first) the temporal factor of each dimension,
 * the loop order (dimension ordinals, outermost first) and the operands kept (a bit per role
 * ordinal); per array axis the spatial factor of each dimension. {@link #toMapping} and {@link #of}
 * convert from and to the {@link Mapping} the executors run.
 */
final class Candidate {
  static final int DIMS = Dim.values().length;
  private static final Dim[] DIM = Dim.values();
  private static final Role[] ROLES = Role.values();

  final int[][] temporal;
  final int[][] spatial = new int[2][DIMS];
  final int[][] order;
  final int[] keep;

  /** All ones, default order, keeping nothing: the caller fills it in. */
  Candidate(int levels) {
    temporal = new int[levels][DIMS];
    order = new int[levels][DIMS];
    keep = new int[levels];
    for (int lv = 0; lv < levels; lv++) {
      Arrays.fill(temporal[lv], 1);
      for (int d = 0; d < DIMS; d++) {
        order[lv][d] = d;
      }
    }
    Arrays.fill(spatial[0], 1);
    Arrays.fill(spatial[1], 1);
  }

  int levels() {
    return temporal.length;
  }

  /** Makes this a copy of {@code o} (same number of levels). */
  void copyFrom(Candidate o) {
    for (int lv = 0; lv < temporal.length; lv++) {
      System.arraycopy(o.temporal[lv], 0, temporal[lv], 0, DIMS);
      System.arraycopy(o.order[lv], 0, order[lv], 0, DIMS);
    }
    System.arraycopy(o.spatial[0], 0, spatial[0], 0, DIMS);
    System.arraycopy(o.spatial[1], 0, spatial[1], 0, DIMS);
    System.arraycopy(o.keep, 0, keep, 0, keep.length);
  }

  Candidate copy() {
    Candidate c = new Candidate(levels());
    c.copyFrom(this);
    return c;
  }

  /** Bit mask of the roles a level can keep. */
  static int mask(Set<Role> roles) {
    int m = 0;
    for (Role r : roles) {
      m |= 1 << r.ordinal();
    }
    return m;
  }

  /**
   * The mapping, levels outermost first with the array after the innermost shared level; a level's
   * keep list is written only when it differs from what the level can keep.
   */
  Mapping toMapping(Hierarchy h) {
    Mapping.Builder b = Mapping.builder();
    for (int lv = h.outermost(); lv >= 0; lv--) {
      b.level(h.level(lv).name());
      Dim[] ord = new Dim[DIMS];
      for (int i = 0; i < DIMS; i++) {
        ord[i] = DIM[order[lv][i]];
        b.temporal(DIM[i], temporal[lv][i]);
      }
      b.order(ord);
      if (keep[lv] != mask(h.level(lv).canKeep())) {
        b.keep(roles(keep[lv]));
      }
      if (lv == h.peLevels()) {
        b.level(Hierarchy.ARRAY);
        for (Axis a : Axis.values()) {
          for (int d = 0; d < DIMS; d++) {
            b.spatial(a, DIM[d], spatial[a.ordinal()][d]);
          }
        }
      }
    }
    return b.build();
  }

  private static Role[] roles(int mask) {
    Role[] out = new Role[Integer.bitCount(mask)];
    int n = 0;
    for (Role r : ROLES) {
      if ((mask & (1 << r.ordinal())) != 0) {
        out[n++] = r;
      }
    }
    return out;
  }

  /** The candidate of {@code m} on {@code h} (levels not written: ones, default order and keep). */
  static Candidate of(Mapping m, Hierarchy h) {
    Candidate c = new Candidate(h.size());
    for (int lv = 0; lv < h.size(); lv++) {
      Optional<LevelMapping> lm = m.level(h.level(lv).name());
      c.keep[lv] = mask(h.level(lv).canKeep());
      if (lm.isEmpty()) {
        continue;
      }
      LevelMapping l = lm.get();
      for (Dim d : DIM) {
        c.temporal[lv][d.ordinal()] = l.factor(d);
      }
      List<Dim> written = l.order();
      int n = 0;
      for (Dim d : written) {
        c.order[lv][n++] = d.ordinal();
      }
      for (Dim d : DIM) {
        if (!written.contains(d)) {
          c.order[lv][n++] = d.ordinal();
        }
      }
      if (l.keep().isPresent()) {
        c.keep[lv] = mask(l.keep().get());
      }
    }
    for (Axis a : Axis.values()) {
      for (Dim d : DIM) {
        c.spatial[a.ordinal()][d.ordinal()] = m.spatial(a, d);
      }
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Candidate c
        && Arrays.deepEquals(c.temporal, temporal)
        && Arrays.deepEquals(c.spatial, spatial)
        && Arrays.deepEquals(c.order, order)
        && Arrays.equals(c.keep, keep);
  }

  @Override
  public int hashCode() {
    return (Arrays.deepHashCode(temporal) * 31 + Arrays.deepHashCode(spatial)) * 31
        + Arrays.deepHashCode(order)
        + Arrays.hashCode(keep);
  }
}
