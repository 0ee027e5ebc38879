package io.arrayflow.dataflows.mapping;

import io.arrayflow.workloads.spec.Role;

/**
 * The union over the PEs of one operand's tiles at a PE-local level, as a parent above the array
 * sees it: it reads each word the PEs newly need once per step and the network multicasts it
 * (docs/counting.md, "Across the array"). Per data dimension {@code i} the PEs' tiles of extent
 * {@code e_i} sit at the offsets {@code O_i}; the union is {@code Π U_i} with {@code U_i = |∪_o [o,
 * o + e_i)|}, and a step of a temporal loop leaves {@code Π (U_i − bad_i)} of it unchanged, {@code
 * bad_i} being the length of the union of the slivers {@code [o + d_i, o + d_i + e_i) \ [o, o +
 * e_i)}, each of length {@code min(|d_i|, e_i)}.
 */
public final class TileUnion {
  private final LoopNest nest;
  private final Role role;
  private final int start;
  private final long[] ext;
  private final long[][] offsets;
  private final long[] union;
  private final long words;

  private TileUnion(LoopNest nest, int level, Role role) {
    this.nest = nest;
    this.role = role;
    this.start = nest.start(level);
    this.ext = nest.dataExtents(role, nest.dimExtents(start));
    this.offsets = nest.spatialOffsets(role);
    this.union = new long[ext.length];
    long all = 1;
    for (int i = 0; i < ext.length; i++) {
      union[i] = unionLength(offsets[i], ext[i]);
      all *= union[i];
    }
    this.words = all;
  }

  /** The union of the PEs' tiles of {@code role} at PE-local level {@code level}. */
  public static TileUnion of(LoopNest nest, int level, Role role) {
    return new TileUnion(nest, level, role);
  }

  /** Words in the union: what the parent reads for the first tiles. */
  public long words() {
    return words;
  }

  /**
   * Words of the union that are new when temporal loop {@code k} steps (the temporal loops between
   * it and the level wrapping to 0); 0 for a loop of the level or inside it.
   */
  public long newWords(int k) {
    if (k >= start) {
      return 0;
    }
    long[] disp = nest.tileDisplacement(role, k, start);
    long unchanged = 1;
    for (int i = 0; i < ext.length; i++) {
      long sliver = Math.min(Math.abs(disp[i]), ext[i]);
      unchanged *= union[i] - (sliver == 0 ? 0 : unionLength(offsets[i], sliver));
    }
    return words - unchanged;
  }

  /** Length of the union of the intervals {@code [o, o + length)} over sorted offsets {@code o}. */
  private static long unionLength(long[] sortedOffsets, long length) {
    long total = 0;
    long end = Long.MIN_VALUE;
    for (long o : sortedOffsets) {
      long e = o + length;
      total += o >= end ? length : e - end;
      end = e;
    }
    return total;
  }
}
