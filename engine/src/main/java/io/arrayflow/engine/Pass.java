package io.arrayflow.engine;

import io.arrayflow.sim.spec.Operand;
import java.util.Arrays;

/**
 * One pass of a {@link Schedule}: a unit of array work (a multicast segment, a systolic fold) with
 * the traffic it needs. Indexed by {@link Operand#ordinal()}, counts in values of the operand's
 * precision. A planner fills the traffic in {@link Schedule#traffic} and the compute phases in
 * {@link Schedule#compute}; the engine reuses the object, so nothing is allocated per pass.
 *
 * <p>Traffic: {@code reads[o]} must have arrived from {@code o}'s off-chip memory before the pass
 * starts (weights and inputs are fetched as far ahead as their buffers allow; outputs are partial
 * sums coming back, fetched after the previous pass's write-backs); {@code writes[o]} leave for
 * off-chip memory when the pass ends (outputs: partial sums), as do its {@code results}, finished
 * outputs at {@code precision.final_outputs}; {@code glbReads[o]} and {@code glbWrites[o]} are the
 * GLB accesses made during the pass (by the NoC, and the fills and write-backs it needs), which
 * share the GLB's bank ports; {@code nocWords[o]} are the words {@code o} moves on its bus.
 *
 * <p>Compute, in the order they happen: {@code fill} (a stationary operand's preload), {@code busy}
 * (cycles the MACs issue), {@code noc} (cycles the array waits for its buses), {@code drain} (the
 * wavefront and partial sums leaving the array). {@code overlap} cycles at the end of {@code drain}
 * may run under the next pass's start (a systolic array takes the next fold's first inputs while
 * the last ones leave): at most {@code drain}.
 */
public final class Pass {
  final long[] reads = new long[3];
  final long[] writes = new long[OffChip.SLOTS];
  final long[] glbReads = new long[3];
  final long[] glbWrites = new long[3];
  final long[] nocWords = new long[3];
  long fill;
  long busy;
  long noc;
  long drain;
  long overlap;
  final boolean[] preloaded = new boolean[3];

  /** Clears the traffic (before {@link Schedule#traffic}). */
  void clearTraffic() {
    Arrays.fill(reads, 0);
    Arrays.fill(writes, 0);
    Arrays.fill(glbReads, 0);
    Arrays.fill(glbWrites, 0);
    Arrays.fill(nocWords, 0);
  }

  /** Clears the compute phases (before {@link Schedule#compute}). */
  void clearCompute() {
    fill = 0;
    busy = 0;
    noc = 0;
    drain = 0;
    overlap = 0;
    Arrays.fill(preloaded, false);
  }

  /** Sets the values of {@code operand} read off chip before the pass; returns this. */
  public Pass reads(Operand operand, long values) {
    reads[operand.ordinal()] = nonNegative(values, "reads");
    return this;
  }

  /** Sets the values of {@code operand} written off chip after the pass; returns this. */
  public Pass writes(Operand operand, long values) {
    writes[operand.ordinal()] = nonNegative(values, "writes");
    return this;
  }

  /** Sets the finished outputs written off chip after the pass, values; returns this. */
  public Pass results(long values) {
    writes[OffChip.RESULTS] = nonNegative(values, "results");
    return this;
  }

  /** Sets the GLB reads and writes of {@code operand} during the pass, values; returns this. */
  public Pass glb(Operand operand, long readValues, long writeValues) {
    glbReads[operand.ordinal()] = nonNegative(readValues, "GLB reads");
    glbWrites[operand.ordinal()] = nonNegative(writeValues, "GLB writes");
    return this;
  }

  /** Sets the words {@code operand} moves on its NoC bus during the pass; returns this. */
  public Pass noc(Operand operand, long words) {
    nocWords[operand.ordinal()] = nonNegative(words, "NoC words");
    return this;
  }

  /**
   * Marks {@code operand}'s tile as preloaded into the PEs (a systolic array's stationary operand):
   * the array holds it from the end of the {@code fill} phase on (or from the pass's start when it
   * was shifted in under the previous pass), so its tile buffer is free from then, not from the
   * pass's end; returns this.
   */
  public Pass preloaded(Operand operand) {
    if (operand == Operand.OUTPUTS) {
      throw new IllegalArgumentException("outputs are not preloaded");
    }
    preloaded[operand.ordinal()] = true;
    return this;
  }

  /**
   * Sets the compute phases, cycles: {@code fill}, {@code busy}, {@code noc}, {@code drain} and the
   * {@code overlap} (at most {@code drain}) the next pass may run under; returns this.
   */
  public Pass compute(long fill, long busy, long noc, long drain, long overlap) {
    this.fill = nonNegative(fill, "fill");
    this.busy = nonNegative(busy, "busy");
    this.noc = nonNegative(noc, "noc");
    this.drain = nonNegative(drain, "drain");
    if (overlap < 0 || overlap > drain) {
      throw new IllegalArgumentException(
          "overlap must be in 0.." + drain + " (the drain), was " + overlap);
    }
    this.overlap = overlap;
    return this;
  }

  /** Values of {@code operand} read off chip before the pass. */
  public long reads(Operand operand) {
    return reads[operand.ordinal()];
  }

  /** Values of {@code operand} written off chip after the pass. */
  public long writes(Operand operand) {
    return writes[operand.ordinal()];
  }

  /** Compute cycles before any GLB port wait: fill + busy + noc + drain. */
  public long computeCycles() {
    return fill + busy + noc + drain;
  }

  private static long nonNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, was " + value);
    }
    return value;
  }
}
