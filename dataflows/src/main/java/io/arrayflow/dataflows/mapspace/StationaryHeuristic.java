package io.arrayflow.dataflows.mapspace;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapping.MappingResult;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The greedy procedure shared by the dataflow families, in the spirit of Timeloop's mapspace
 * constraints (Parashar et al., ISPASS 2019) with a fixed choice instead of a search. A family is
 * given by its {@link FamilySpace} and three dimension lists; the procedure is:
 *
 * <ol>
 *   <li><b>Spatial.</b> Rows, then columns: among the family's candidate dimensions for the axis,
 *       pick exact divisors of what is left of each dimension whose product is the largest that
 *       fits the axis; ties go to the larger factor of the earlier-listed dimension. Two dimensions
 *       share an axis when one alone is small (C = 3 on 12 rows gives {@code C 3 × S 3}). A family
 *       whose leads must spread (row-stationary) first gives the first dimension of each axis its
 *       largest divisor that fits (the PE set's filter rows and output rows), then fills what is
 *       left of the axis with the others (the replications).
 *   <li><b>Start.</b> Every temporal factor at the outermost level (DRAM), except the dimensions
 *       the family holds whole in the PE, which start at the innermost PE-local level. If that
 *       smallest mapping does not fit, the same without spatial factors is tried; if that does not
 *       fit either, no member fits and the reasons of MappingCheck are returned.
 *   <li><b>PE-local.</b> All PE-local loops sit at the innermost PE-local level, so every register
 *       file holds its operand's whole PE-level footprint. Dimensions in the family's PE order
 *       (first those indexing the stationary operand, growing its tile; then the ones that reuse
 *       it) take prime factors from DRAM, smallest first, while MappingCheck accepts the mapping;
 *       the first rejected factor ends that dimension.
 *   <li><b>Shared.</b> The same growth for each shared level below DRAM, innermost first (the GLB),
 *       in the family's shared order (the stationary operand's reuse dimensions first, so its PE
 *       tile is reused across as much as the GLB holds). Double buffering halves the capacity.
 *   <li><b>Order.</b> Every level lists its loops in the family's loop order: dimensions indexing
 *       the stationary operand outside, those that do not index it innermost, so the stationary
 *       tile does not change in the innermost loops.
 * </ol>
 *
 * <p>Each growth step is one MappingCheck (a loop nest of a few loops), so a layer takes 0.2–1.2 ms
 * (AlexNet on eyeriss, after JIT warm-up); the result is deterministic and feasible by
 * construction.
 */
public final class StationaryHeuristic implements MappingFamily {
  private static final Dim[] DIMS = Dim.values();

  private final FamilySpace space;
  private final List<Dim> peGrowth;
  private final List<Dim> sharedGrowth;
  private final List<Dim> order;

  /**
   * A family called {@code name} keeping {@code stationary} in the PE; the lists are candidate
   * dimensions for rows and columns (preferred first), growth orders for PE-local and shared
   * levels, and the loop order (outermost first, all eight dimensions).
   */
  public StationaryHeuristic(
      String name,
      Role stationary,
      List<Dim> rowDims,
      List<Dim> colDims,
      List<Dim> peGrowth,
      List<Dim> sharedGrowth,
      List<Dim> order) {
    this(FamilySpace.stationary(name, stationary, rowDims, colDims), peGrowth, sharedGrowth, order);
  }

  /**
   * A family of {@code space} (when its leads must spread, the first dimension of each axis takes
   * its largest fitting divisor before the others share the axis); growth orders for PE-local and
   * shared levels, and the loop order (outermost first, all eight dimensions).
   */
  public StationaryHeuristic(
      FamilySpace space, List<Dim> peGrowth, List<Dim> sharedGrowth, List<Dim> order) {
    if (order.size() != DIMS.length || !order.containsAll(List.of(DIMS))) {
      throw new IllegalArgumentException("loop order must list every dimension once, was " + order);
    }
    this.space = space;
    this.peGrowth = List.copyOf(peGrowth);
    this.sharedGrowth = List.copyOf(sharedGrowth);
    this.order = List.copyOf(order);
  }

  @Override
  public FamilySpace space() {
    return space;
  }

  @Override
  public MappingChoice choose(OpSpec spec, Hierarchy h) {
    int[] size = new int[DIMS.length];
    for (Dim d : DIMS) {
      size[d.ordinal()] = spec.size(d);
    }
    Draft draft = new Draft(spec, h, fillArray(h, size));
    MappingResult smallest = draft.check();
    if (!smallest.isFeasible()) {
      Draft serial = new Draft(spec, h, leastSpread(h, size));
      if (!serial.check().isFeasible()) {
        List<String> reasons = new ArrayList<>();
        reasons.add(
            "no "
                + space.name()
                + " mapping of "
                + spec.name()
                + " fits: even the smallest tiles (every temporal factor at "
                + h.level(h.outermost()).name()
                + ") overflow");
        reasons.addAll(smallest.reasons());
        return MappingChoice.none(reasons);
      }
      draft = serial;
    }
    if (h.peLevels() > 0) {
      draft.grow(0, peGrowth);
    }
    for (int lv = h.peLevels(); lv < h.outermost(); lv++) {
      draft.grow(lv, sharedGrowth);
    }
    return MappingChoice.of(draft.build());
  }

  /** Spatial factors [axis][dim]: rows from {@link #rowDims}, then cols from what is left. */
  private int[][] fillArray(Hierarchy h, int[] size) {
    int[] left = size.clone();
    int[][] out = new int[2][];
    out[0] = fillAxis(h.rows(), space.rowDims(), left);
    for (int d = 0; d < left.length; d++) {
      left[d] /= out[0][d];
    }
    out[1] = fillAxis(h.cols(), space.colDims(), left);
    return out;
  }

  /**
   * The least spatial factors a member has: none, or when the family's leads must spread, each
   * lead's smallest prime factor if it fits its axis.
   */
  private int[][] leastSpread(Hierarchy h, int[] size) {
    int[][] out = new int[2][DIMS.length];
    for (Axis a : Axis.values()) {
      List<Dim> dims = space.dims(a);
      int limit = a == Axis.ROWS ? h.rows() : h.cols();
      if (space.leadsSpread() && !dims.isEmpty()) {
        int n = size[dims.get(0).ordinal()];
        int p = smallestPrime(n);
        out[a.ordinal()][dims.get(0).ordinal()] = n > 1 && p <= limit ? p : 1;
      }
    }
    return out;
  }

  /** The factors of {@code dims} on an axis of {@code limit}: the lead first if it must spread. */
  private int[] fillAxis(int limit, List<Dim> dims, int[] left) {
    if (!space.leadsSpread() || dims.isEmpty()) {
      return bestProduct(limit, dims, left);
    }
    int lead = dims.get(0).ordinal();
    int k = largestDivisor(left[lead], limit);
    int[] rest = left.clone();
    rest[lead] /= k;
    int[] out = bestProduct(limit / k, dims.subList(1, dims.size()), rest);
    out[lead] *= k;
    return out;
  }

  private static int largestDivisor(int n, int limit) {
    for (int k = Math.min(n, limit); k > 1; k--) {
      if (n % k == 0) {
        return k;
      }
    }
    return 1;
  }

  /** The divisors of {@code left} on {@code dims} with the largest product ≤ {@code limit}. */
  private static int[] bestProduct(int limit, List<Dim> dims, int[] left) {
    int[] best = new int[dims.size()];
    Arrays.fill(best, 1);
    search(limit, dims, left, 0, 1, new int[dims.size()], best, new long[] {1});
    int[] out = new int[DIMS.length];
    Arrays.fill(out, 1);
    for (int i = 0; i < dims.size(); i++) {
      out[dims.get(i).ordinal()] *= best[i];
    }
    return out;
  }

  private static void search(
      int limit, List<Dim> dims, int[] left, int i, long product, int[] f, int[] best, long[] bp) {
    if (i == dims.size()) {
      if (product > bp[0] || (product == bp[0] && Arrays.compare(f, best) > 0)) {
        bp[0] = product;
        System.arraycopy(f, 0, best, 0, f.length);
      }
      return;
    }
    int n = left[dims.get(i).ordinal()];
    // A dimension listed twice on one axis takes its second factor from what the first left.
    for (int j = 0; j < i; j++) {
      if (dims.get(j) == dims.get(i)) {
        n /= f[j];
      }
    }
    for (int k = 1; k <= n && product * k <= limit; k++) {
      if (n % k == 0) {
        f[i] = k;
        search(limit, dims, left, i + 1, product * k, f, best, bp);
      }
    }
  }

  /** A mapping being grown: temporal factors per level, the rest at the outermost level. */
  private final class Draft {
    private final OpSpec spec;
    private final Hierarchy h;
    private final int[][] spatial;
    private final int[][] temporal;

    Draft(OpSpec spec, Hierarchy h, int[][] spatialOrZero) {
      this.spec = spec;
      this.h = h;
      this.spatial = new int[2][DIMS.length];
      this.temporal = new int[h.size()][DIMS.length];
      for (int[] t : temporal) {
        Arrays.fill(t, 1);
      }
      for (Dim d : DIMS) {
        int across = 1;
        for (int a = 0; a < 2; a++) {
          spatial[a][d.ordinal()] = Math.max(1, spatialOrZero[a][d.ordinal()]);
          across *= spatial[a][d.ordinal()];
        }
        int at = h.peLevels() > 0 && space.wholeAtPe().contains(d) ? 0 : h.outermost();
        temporal[at][d.ordinal()] = spec.size(d) / across;
      }
    }

    MappingResult check() {
      return MappingCheck.check(spec, h, build());
    }

    /** Moves prime factors of {@code dims}, in order, from the outermost level to {@code lv}. */
    void grow(int lv, List<Dim> dims) {
      int top = h.outermost();
      for (Dim d : dims) {
        int i = d.ordinal();
        while (temporal[top][i] > 1) {
          int p = smallestPrime(temporal[top][i]);
          temporal[top][i] /= p;
          temporal[lv][i] *= p;
          if (!check().isFeasible()) {
            temporal[lv][i] /= p;
            temporal[top][i] *= p;
            break;
          }
        }
      }
    }

    Mapping build() {
      Mapping.Builder b = Mapping.builder();
      for (int lv = h.outermost(); lv >= 0; lv--) {
        b.level(h.level(lv).name());
        for (Dim d : DIMS) {
          b.temporal(d, temporal[lv][d.ordinal()]);
        }
        b.order(order);
        if (lv < h.peLevels() && !space.notInPe().isEmpty()) {
          Set<Role> keep = EnumSet.noneOf(Role.class);
          keep.addAll(h.level(lv).canKeep());
          keep.removeAll(space.notInPe());
          b.keep(keep.toArray(new Role[0]));
        }
        if (lv == h.peLevels()) {
          b.level(Hierarchy.ARRAY);
          for (Axis a : Axis.values()) {
            for (Dim d : DIMS) {
              b.spatial(a, d, spatial[a.ordinal()][d.ordinal()]);
            }
          }
        }
      }
      return b.build();
    }
  }

  private static int smallestPrime(int n) {
    for (int p = 2; (long) p * p <= n; p++) {
      if (n % p == 0) {
        return p;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return space.name();
  }
}
