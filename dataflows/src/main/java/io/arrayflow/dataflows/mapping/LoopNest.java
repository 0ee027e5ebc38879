package io.arrayflow.dataflows.mapping;

import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mapping flattened into one loop nest, outermost loop first: the shared levels' temporal loops
 * (outermost level first, each in its order), then the spatial loops of the array (rows, then
 * columns, each in dimension order), then the PE-local levels' temporal loops. Loops of factor 1
 * are dropped. The tile of an operand at level {@code L} is the footprint of the loops from {@code
 * start(L)} to the end, a hyper-rectangle in the operand's data space; the loops before {@code
 * start(L)} move it. Data spaces: weights {@code [G][M][C][R][S]}, inputs {@code [N][G][C][H][W]}
 * on the padded input (row {@code p*strideH + r*dilationH}, column {@code q*strideW +
 * s*dilationW}), outputs {@code [N][G][M][P][Q]}. Built only from a mapping whose level names are
 * known to the hierarchy.
 */
public final class LoopNest {
  private static final Dim[] DIMS = Dim.values();
  private static final Role[] ROLES = Role.values();
  private static final int NONE = -1;
  // Per role, per data dimension: the primary and secondary loop dimension (inputs' H = P, R).
  private static final int[][][] DATA_DIMS = {
    {
      {Dim.G.ordinal(), NONE},
      {Dim.M.ordinal(), NONE},
      {Dim.C.ordinal(), NONE},
      {Dim.R.ordinal(), NONE},
      {Dim.S.ordinal(), NONE}
    },
    {
      {Dim.N.ordinal(), NONE},
      {Dim.G.ordinal(), NONE},
      {Dim.C.ordinal(), NONE},
      {Dim.P.ordinal(), Dim.R.ordinal()},
      {Dim.Q.ordinal(), Dim.S.ordinal()}
    },
    {
      {Dim.N.ordinal(), NONE},
      {Dim.G.ordinal(), NONE},
      {Dim.M.ordinal(), NONE},
      {Dim.P.ordinal(), NONE},
      {Dim.Q.ordinal(), NONE}
    },
  };

  private final OpSpec spec;
  private final Hierarchy hierarchy;
  private final int[] dim;
  private final int[] factor;
  private final boolean[] spatial;
  private final long[] stride;
  private final int[] start;
  private final boolean[][] keeps;
  private final long utilisedPes;

  private LoopNest(
      OpSpec spec,
      Hierarchy hierarchy,
      int[] dim,
      int[] factor,
      boolean[] spatial,
      int[] start,
      boolean[][] keeps,
      long utilisedPes) {
    this.spec = spec;
    this.hierarchy = hierarchy;
    this.dim = dim;
    this.factor = factor;
    this.spatial = spatial;
    this.start = start;
    this.keeps = keeps;
    this.utilisedPes = utilisedPes;
    this.stride = new long[dim.length];
    long[] below = new long[DIMS.length];
    Arrays.fill(below, 1);
    for (int l = dim.length - 1; l >= 0; l--) {
      stride[l] = below[dim[l]];
      below[dim[l]] *= factor[l];
    }
  }

  /** Flattens {@code mapping} on {@code hierarchy}; every level name must be known. */
  public static LoopNest of(OpSpec spec, Hierarchy hierarchy, Mapping mapping) {
    int levels = hierarchy.size();
    Loops loops = new Loops();
    int[] start = new int[levels];
    boolean[][] keeps = new boolean[levels][ROLES.length];
    long pes = 1;
    for (int lv = levels - 1; lv >= 0; lv--) {
      StorageLevel level = hierarchy.level(lv);
      if (lv == hierarchy.peLevels() - 1) {
        pes = loops.addSpatial(mapping);
      }
      start[lv] = loops.n;
      LevelMapping lm = mapping.level(level.name()).orElse(null);
      for (Role r : ROLES) {
        boolean kept =
            lm != null && lm.keep().isPresent()
                ? lm.keep().get().contains(r)
                : level.canKeep().contains(r);
        keeps[lv][r.ordinal()] = kept;
      }
      if (lm == null) {
        continue;
      }
      for (Dim d : orderOf(lm)) {
        loops.add(d, lm.factor(d), false);
      }
    }
    if (hierarchy.peLevels() == 0) {
      // The array sits below every storage level: its loops are innermost.
      pes = loops.addSpatial(mapping);
    }
    return new LoopNest(
        spec,
        hierarchy,
        Arrays.copyOf(loops.dim, loops.n),
        Arrays.copyOf(loops.factor, loops.n),
        Arrays.copyOf(loops.spatial, loops.n),
        start,
        keeps,
        pes);
  }

  /** The flat loop list being built, outermost first; factor-1 loops are dropped. */
  private static final class Loops {
    int[] dim = new int[64];
    int[] factor = new int[64];
    boolean[] spatial = new boolean[64];
    int n;

    void add(Dim d, int f, boolean isSpatial) {
      if (f <= 1) {
        return;
      }
      if (n == dim.length) {
        dim = Arrays.copyOf(dim, n * 2);
        factor = Arrays.copyOf(factor, n * 2);
        spatial = Arrays.copyOf(spatial, n * 2);
      }
      dim[n] = d.ordinal();
      factor[n] = f;
      spatial[n] = isSpatial;
      n++;
    }

    /** Appends the spatial loops (rows, then cols); returns the utilised PEs. */
    long addSpatial(Mapping mapping) {
      long pes = 1;
      for (Axis a : Axis.values()) {
        for (Dim d : DIMS) {
          int f = mapping.spatial(a, d);
          add(d, f, true);
          pes *= Math.max(f, 1);
        }
      }
      return pes;
    }
  }

  private static List<Dim> orderOf(LevelMapping lm) {
    if (lm.order().isEmpty()) {
      return List.of(DIMS);
    }
    // Dims missing from a written order are a MappingCheck error; keep them innermost here.
    ArrayList<Dim> o = new ArrayList<>();
    for (Dim d : lm.order()) {
      if (!o.contains(d)) {
        o.add(d);
      }
    }
    for (Dim d : DIMS) {
      if (!o.contains(d)) {
        o.add(d);
      }
    }
    return o;
  }

  /** The op. */
  public OpSpec spec() {
    return spec;
  }

  /** The hierarchy. */
  public Hierarchy hierarchy() {
    return hierarchy;
  }

  /** Number of loops (factor > 1) in the nest. */
  public int loops() {
    return dim.length;
  }

  /** The dimension of loop {@code l} (0 = outermost). */
  public Dim dim(int l) {
    return DIMS[dim[l]];
  }

  /** The factor (trip count) of loop {@code l}. */
  public int factor(int l) {
    return factor[l];
  }

  /** Whether loop {@code l} is spatial (unrolled over the array). */
  public boolean isSpatial(int l) {
    return spatial[l];
  }

  /** How far one step of loop {@code l} moves its dimension: the product of inner factors of it. */
  public long stride(int l) {
    return stride[l];
  }

  /** The first loop of level {@code level}: its tile is the footprint of loops from here on. */
  public int start(int level) {
    return start[level];
  }

  /** Whether {@code level} keeps {@code role} (after the mapping's keep lists and defaults). */
  public boolean keeps(int level, Role role) {
    return keeps[level][role.ordinal()];
  }

  /** The levels keeping {@code role}, innermost first. */
  public int[] keepers(Role role) {
    int[] out = new int[keeps.length];
    int n = 0;
    for (int lv = 0; lv < keeps.length; lv++) {
      if (keeps[lv][role.ordinal()]) {
        out[n++] = lv;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Product of all spatial factors: PEs that do work. */
  public long utilisedPes() {
    return utilisedPes;
  }

  /**
   * PEs that hold partial sums of the same outputs: the product of the spatial factors on the
   * dimensions that do not index outputs (C, R, S).
   */
  public long reductionGroup() {
    long k = 1;
    for (int l = 0; l < dim.length; l++) {
      if (spatial[l] && !OpSpec.indexes(Role.OUTPUTS, DIMS[dim[l]])) {
        k *= factor[l];
      }
    }
    return k;
  }

  /** Product of all factors of loops from {@code from} on, per dimension (indexed by ordinal). */
  public long[] dimExtents(int from) {
    long[] e = new long[DIMS.length];
    Arrays.fill(e, 1);
    for (int l = from; l < dim.length; l++) {
      e[dim[l]] *= factor[l];
    }
    return e;
  }

  /** Number of data dimensions of {@code role} (5 for every role). */
  public static int dataDims(Role role) {
    return DATA_DIMS[role.ordinal()].length;
  }

  /** The primary loop dimension ordinal of {@code role}'s data dimension {@code i}. */
  public static int primaryDim(Role role, int i) {
    return DATA_DIMS[role.ordinal()][i][0];
  }

  /** The secondary loop dimension ordinal (R or S for inputs' rows and columns), or -1. */
  public static int secondaryDim(Role role, int i) {
    return DATA_DIMS[role.ordinal()][i][1];
  }

  /** Coefficient of the primary loop dimension in data dimension {@code i} (stride or 1). */
  public long primaryCoefficient(Role role, int i) {
    if (role != Role.INPUTS) {
      return 1;
    }
    return i == 3 ? spec.strideH() : i == 4 ? spec.strideW() : 1;
  }

  /** Coefficient of the secondary loop dimension in data dimension {@code i} (the dilation). */
  public long secondaryCoefficient(Role role, int i) {
    if (role != Role.INPUTS) {
      return 0;
    }
    return i == 3 ? spec.dilationH() : i == 4 ? spec.dilationW() : 0;
  }

  /** The data-space extents of a box whose loop dimensions span {@code perDim} values. */
  public long[] dataExtents(Role role, long[] perDim) {
    int k = dataDims(role);
    long[] out = new long[k];
    for (int i = 0; i < k; i++) {
      int a = primaryDim(role, i);
      int b = secondaryDim(role, i);
      out[i] =
          b == NONE
              ? perDim[a]
              : (perDim[a] - 1) * primaryCoefficient(role, i)
                  + (perDim[b] - 1) * secondaryCoefficient(role, i)
                  + 1;
    }
    return out;
  }

  /** The data-space displacement of a move of {@code perDim} along each loop dimension. */
  long[] dataDisplacement(Role role, long[] perDim) {
    int k = dataDims(role);
    long[] out = new long[k];
    for (int i = 0; i < k; i++) {
      int a = primaryDim(role, i);
      int b = secondaryDim(role, i);
      out[i] =
          perDim[a] * primaryCoefficient(role, i)
              + (b == NONE ? 0 : perDim[b] * secondaryCoefficient(role, i));
    }
    return out;
  }

  /** Words of {@code role}'s tile at {@code level}, per instance of the level. */
  public long tileWords(int level, Role role) {
    long[] e = dataExtents(role, dimExtents(start[level]));
    long w = 1;
    for (long x : e) {
      w *= x;
    }
    return w;
  }

  /**
   * Words of {@code role}'s tile at {@code level} that are new when temporal loop {@code k} above
   * the level steps and the temporal loops between it and the level wrap to 0: docs/counting.md's
   * {@code delta(k) = |tile + d_k \ tile|}, the same at every step of {@code k}.
   */
  public long tileDelta(int level, Role role, int k) {
    long[] ext = dataExtents(role, dimExtents(start[level]));
    long[] disp = tileDisplacement(role, k, start[level]);
    long size = 1;
    long overlap = 1;
    for (int i = 0; i < ext.length; i++) {
      size *= ext[i];
      overlap *= Math.max(0, ext[i] - Math.abs(disp[i]));
    }
    return size - overlap;
  }

  /**
   * The data-space displacement {@code d_k} of {@code role}'s tile whose loops begin at {@code
   * start} when temporal loop {@code k < start} steps and the temporal loops between them wrap.
   */
  long[] tileDisplacement(Role role, int k, int start) {
    long[] move = new long[DIMS.length];
    move[dim[k]] += stride[k];
    for (int j = k + 1; j < start; j++) {
      if (!spatial[j]) {
        move[dim[j]] -= (factor[j] - 1) * stride[j];
      }
    }
    return dataDisplacement(role, move);
  }

  /**
   * Distinct data points of {@code role} the PEs touch at one MAC step (1 with no spatial loop).
   */
  public long spatialPoints(Role role) {
    long n = 1;
    for (long[] o : spatialOffsets(role)) {
      n *= o.length;
    }
    return n;
  }

  /** Per data dimension of {@code role}, the sorted distinct offsets of the PEs' tiles. */
  long[][] spatialOffsets(Role role) {
    long[][] perDim = new long[DIMS.length][];
    for (int d = 0; d < DIMS.length; d++) {
      long[] values = {0};
      for (int l = 0; l < dim.length; l++) {
        if (spatial[l] && dim[l] == d) {
          long[] next = new long[values.length * factor[l]];
          int n = 0;
          for (long v : values) {
            for (int i = 0; i < factor[l]; i++) {
              next[n++] = v + i * stride[l];
            }
          }
          values = next;
        }
      }
      perDim[d] = values;
    }
    int k = dataDims(role);
    long[][] out = new long[k][];
    for (int i = 0; i < k; i++) {
      long[] a = perDim[primaryDim(role, i)];
      int bDim = secondaryDim(role, i);
      long[] b = bDim == NONE ? new long[] {0} : perDim[bDim];
      long ca = primaryCoefficient(role, i);
      long cb = secondaryCoefficient(role, i);
      long[] combined = new long[a.length * b.length];
      int n = 0;
      for (long x : a) {
        for (long y : b) {
          combined[n++] = x * ca + y * cb;
        }
      }
      out[i] = distinctSorted(combined);
    }
    return out;
  }

  private static long[] distinctSorted(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (i == 0 || v[i] != v[i - 1]) {
        v[n++] = v[i];
      }
    }
    return Arrays.copyOf(v, n);
  }
}
