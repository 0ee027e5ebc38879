package io.arrayflow.dataflows.systolic;

import io.arrayflow.engine.Pass;
import io.arrayflow.engine.Schedule;
import io.arrayflow.sim.spec.Operand;

/**
 * A layer's folds as the timing engine's passes: fold {@code f}'s DRAM transfers from the tile
 * model ({@link FoldPlan#transfer}), its GLB accesses (the array's edge traffic of kept operands,
 * the fills of what it reads from DRAM and the reads of what it writes back) and its compute
 * phases, from the fold formula ({@code event}) or from stepping the PE array through the fold with
 * real values when it starts ({@code cycle}).
 */
final class FoldSchedule implements Schedule {
  private static final int W = Operand.WEIGHTS.ordinal();
  private static final int X = Operand.INPUTS.ordinal();

  private final FoldPlan plan;
  private final FoldPlan.Transfer t = new FoldPlan.Transfer();
  private final SystolicArray.Engine stepped;

  /** The folds of {@code plan}; {@code stepped} steps them at cycle fidelity, null at event. */
  FoldSchedule(FoldPlan plan, SystolicArray.Engine stepped) {
    this.plan = plan;
    this.stepped = stepped;
  }

  @Override
  public long passes() {
    return plan.folds;
  }

  @Override
  public void traffic(long p, Pass out) {
    int f = (int) p;
    long[] edge = plan.foldEdge(f);
    plan.transfer(f, t);
    long readW = t.reads[W];
    long readX = t.reads[X];
    long readO = t.psumReads;
    long write = t.writes;
    long result = t.results;
    out.reads(Operand.WEIGHTS, readW).reads(Operand.INPUTS, readX).reads(Operand.OUTPUTS, readO);
    out.writes(Operand.OUTPUTS, write).results(result);
    if (plan.keeps(Operand.WEIGHTS)) {
      out.glb(Operand.WEIGHTS, edge[W], readW);
    }
    if (plan.keeps(Operand.INPUTS)) {
      out.glb(Operand.INPUTS, edge[X], readX);
    }
    if (plan.keeps(Operand.OUTPUTS)) {
      out.glb(
          Operand.OUTPUTS,
          edge[FoldPlan.PSUM_READS] + write + result,
          edge[FoldPlan.OUTPUT_UPDATES] + readO);
    }
    out.noc(Operand.WEIGHTS, edge[W])
        .noc(Operand.INPUTS, edge[X])
        .noc(Operand.OUTPUTS, edge[FoldPlan.OUTPUT_UPDATES]);
  }

  @Override
  public void compute(long p, long startCycle, Pass out) {
    int f = (int) p;
    if (stepped == null) {
      plan.foldPhases(f, out);
      return;
    }
    long cycles = stepped.stepFold(f);
    long preloaded = stepped.preloadCycles();
    plan.phases(f, preloaded, cycles - preloaded, out);
  }
}
