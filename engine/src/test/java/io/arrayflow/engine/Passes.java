package io.arrayflow.engine;

import io.arrayflow.sim.spec.Operand;
import java.util.ArrayList;
import java.util.List;

/** A schedule written out pass by pass, for tests. */
final class Passes implements Schedule {
  private final List<long[]> rows = new ArrayList<>();
  final List<Long> startCycles = new ArrayList<>();
  private boolean weightsPreloaded;

  /** Marks every pass's weights as preloaded into the PEs (a systolic array's stationary tile). */
  Passes weightsPreloaded() {
    weightsPreloaded = true;
    return this;
  }

  /**
   * Adds a pass: reads (w, i, o), writes of outputs, GLB reads of inputs, and compute (fill, busy,
   * noc, drain, overlap).
   */
  Passes add(
      long readW,
      long readI,
      long readO,
      long writeO,
      long glbReadI,
      long fill,
      long busy,
      long noc,
      long drain,
      long overlap) {
    rows.add(new long[] {readW, readI, readO, writeO, glbReadI, fill, busy, noc, drain, overlap});
    return this;
  }

  /** {@code count} passes of the same shape. */
  Passes repeat(int count, long readW, long readI, long writeO, long busy) {
    for (int i = 0; i < count; i++) {
      add(readW, readI, 0, writeO, 0, 0, busy, 0, 0, 0);
    }
    return this;
  }

  @Override
  public long passes() {
    return rows.size();
  }

  @Override
  public void traffic(long p, Pass out) {
    long[] r = rows.get((int) p);
    out.reads(Operand.WEIGHTS, r[0]).reads(Operand.INPUTS, r[1]).reads(Operand.OUTPUTS, r[2]);
    out.writes(Operand.OUTPUTS, r[3]);
    out.glb(Operand.INPUTS, r[4], 0);
    out.noc(Operand.INPUTS, r[4]);
  }

  @Override
  public void compute(long p, long startCycle, Pass out) {
    long[] r = rows.get((int) p);
    startCycles.add(startCycle);
    if (weightsPreloaded) {
      out.preloaded(Operand.WEIGHTS);
    }
    out.compute(r[5], r[6], r[7], r[8], r[9]);
  }
}
