package io.arrayflow.dataflows.systolic;

import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.memory.dram.Dram;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;

/**
 * The three fidelities of a systolic-NoC architecture running one layer as folds of a GEMM
 * (SCALE-Sim v2, Samajdar et al., ISPASS 2020; the TPU's weight FIFO and shadow tile, Jouppi et
 * al., ISCA 2017), each returning the common {@link Execution}. Counts are identical in all three
 * (docs/counting.md, systolic section): {@code analytical} computes them and the cycles in closed
 * form ({@code max(}fold-sum compute cycles, DRAM bytes ÷ peak bytes per cycle{@code )}); {@code
 * event} runs the folds as passes of their exact duration against the memory-model DRAM; {@code
 * cycle} steps every PE with real values ({@link SystolicArray}) and runs the same DRAM driver with
 * the stepped fold durations, so its cycles equal {@code event}'s (docs/execution.md).
 */
public final class SystolicExecutor {

  private SystolicExecutor() {}

  /** Closed-form counts and cycles, no stepping and no per-fold work. */
  public static Execution analytical(OpSpec spec, ArchSpec arch, SystolicDataflow df) {
    FoldPlan plan = new FoldPlan(spec, arch, df);
    Counters c = new Counters(SystolicArray.COMPONENT);
    plan.addArrayCounts(c);
    long[] edge = plan.edgeTraffic();
    plan.addEdgeCounts(c, edge);
    addKeptDram(c, plan, plan.keptDramTraffic());
    long compute = plan.computeCycles();
    double peak = Dram.create("dram", arch.dram(), arch.clockMhz()).peakBytesPerCycle();
    long dramCycles = (long) Math.ceil(plan.dramBytes() / peak);
    long cycles = Math.max(compute, dramCycles);
    plan.addFillDrain(c, compute);
    c.addStall(StallCause.DRAM_BANDWIDTH, cycles - compute);
    c.addBusyCycles(compute);
    return new Execution(
        Fidelity.ANALYTICAL, spec.macs(), cycles, plan.utilisedPes(), c.snapshot(), plan.mapping());
  }

  /** Folds as passes of the fold formula's duration, DRAM transfers on the memory-model DRAM. */
  public static Execution event(OpSpec spec, ArchSpec arch, SystolicDataflow df) {
    FoldPlan plan = new FoldPlan(spec, arch, df);
    Counters c = new Counters(SystolicArray.COMPONENT);
    plan.addArrayCounts(c);
    long[] edge = plan.edgeTraffic();
    plan.addEdgeCounts(c, edge);
    long[] durations = new long[plan.folds];
    for (int f = 0; f < durations.length; f++) {
      durations[f] = plan.foldCycles(f);
    }
    return timed(Fidelity.EVENT, spec, arch, plan, c, edge, durations);
  }

  /** Steps every PE with int operands (int32 accumulation); outputs {@code [N][G*M][P][Q]}. */
  public static ValueRun<IntTensor> cycle(
      OpSpec spec, ArchSpec arch, SystolicDataflow df, IntTensor weights, IntTensor inputs) {
    FoldPlan plan = new FoldPlan(spec, arch, df);
    SystolicArray.Engine e = SystolicArray.of(arch, df).step(spec, weights, inputs);
    return new ValueRun<>(stepped(spec, arch, plan, e), SystolicArray.intOutput(spec, e));
  }

  /** Steps every PE in float32; outputs {@code [N][G*M][P][Q]}. */
  public static ValueRun<FloatTensor> cycle(
      OpSpec spec, ArchSpec arch, SystolicDataflow df, FloatTensor weights, FloatTensor inputs) {
    FoldPlan plan = new FoldPlan(spec, arch, df);
    SystolicArray.Engine e = SystolicArray.of(arch, df).step(spec, weights, inputs);
    return new ValueRun<>(stepped(spec, arch, plan, e), SystolicArray.floatOutput(spec, e));
  }

  private static Execution stepped(
      OpSpec spec, ArchSpec arch, FoldPlan plan, SystolicArray.Engine e) {
    Counters c = new Counters(SystolicArray.COMPONENT);
    e.addArrayCounts(c);
    long[] edge = e.edgeTraffic();
    plan.addEdgeCounts(c, edge);
    return timed(Fidelity.CYCLE, spec, arch, plan, c, edge, e.foldCycles);
  }

  /**
   * Adds the DRAM transfers the driver issues for kept operands, checks that those of bypassed
   * operands equal their counted edge traffic {@code edge}, runs the driver and wraps the result.
   */
  private static Execution timed(
      Fidelity fidelity,
      OpSpec spec,
      ArchSpec arch,
      FoldPlan plan,
      Counters c,
      long[] edge,
      long[] durations) {
    FoldPlan.Transfers t = plan.transfers();
    long[] moved = new long[FoldPlan.TRAFFIC_SLOTS];
    for (Operand op : Operand.values()) {
      for (long v : t.reads()[op.ordinal()]) {
        moved[op.ordinal()] += v;
      }
    }
    for (int f = 0; f < plan.folds; f++) {
      moved[FoldPlan.PSUM_READS] += t.psumReads()[f];
      moved[FoldPlan.OUTPUT_UPDATES] += t.writes()[f];
    }
    for (int i = 0; i < FoldPlan.TRAFFIC_SLOTS; i++) {
      Operand op = FoldPlan.slotOperand(i);
      if (!plan.keeps(op) && moved[i] != edge[i]) {
        throw new IllegalStateException(
            "op '"
                + spec.name()
                + "': the DRAM driver moves "
                + moved[i]
                + " values of bypassed "
                + op.key()
                + " (slot "
                + i
                + ") but the array's edge traffic is "
                + edge[i]);
      }
    }
    addKeptDram(c, plan, moved);
    long compute = 0;
    for (long d : durations) {
      compute += d;
    }
    long cycles = FoldTimeline.run(arch, plan, t, durations, c);
    plan.addFillDrain(c, compute);
    c.addBusyCycles(compute);
    return new Execution(
        fidelity, spec.macs(), cycles, plan.utilisedPes(), c.snapshot(), plan.mapping());
  }

  /** Adds DRAM traffic of the kept operands: weight, input, output reads and output updates. */
  private static void addKeptDram(Counters c, FoldPlan plan, long[] t) {
    if (plan.keeps(Operand.WEIGHTS)) {
      c.add(Level.DRAM, Operand.WEIGHTS, AccessAction.READ, t[Operand.WEIGHTS.ordinal()]);
    }
    if (plan.keeps(Operand.INPUTS)) {
      c.add(Level.DRAM, Operand.INPUTS, AccessAction.READ, t[Operand.INPUTS.ordinal()]);
    }
    if (plan.keeps(Operand.OUTPUTS)) {
      c.add(Level.DRAM, Operand.OUTPUTS, AccessAction.READ, t[FoldPlan.PSUM_READS]);
      c.add(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE, t[FoldPlan.OUTPUT_UPDATES]);
    }
  }
}
