package io.arrayflow.dataflows.systolic;

import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.Fault;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.engine.Timing;
import io.arrayflow.engine.TimingEngine;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;

/**
 * The three fidelities of a systolic-NoC architecture running one layer as folds of a GEMM
 * (SCALE-Sim v2, Samajdar et al., ISPASS 2020; the TPU's weight FIFO and shadow tile, Jouppi et
 * al., ISCA 2017), each returning the common {@link Execution}. Counts are identical in all three
 * (docs/counting.md, systolic section). {@code event} runs the folds as passes on the timing engine
 * ({@link FoldSchedule}) with each fold's phases from the fold formula; {@code cycle} runs the same
 * schedule and steps every PE with real values ({@link SystolicArray}) through each fold when it
 * starts, so its cycles equal {@code event}'s; {@code analytical} bounds them in closed form
 * (docs/execution.md).
 */
public final class SystolicExecutor {

  private SystolicExecutor() {}

  /**
   * Closed-form counts and cycles: the first fold's reads on idle memories, the fold pipeline (or
   * the GLB's bank ports, if slower), the least time of the last write-back, and no less than each
   * off-chip memory's bytes at its peak.
   */
  public static Execution analytical(OpSpec spec, ArchSpec arch, SystolicDataflow df) {
    FoldPlan plan = new FoldPlan(spec, arch, df);
    Counters c = new Counters("pe-array");
    plan.addArrayCounts(c);
    plan.addEdgeCounts(c, plan.edgeTraffic());
    addKeptDram(c, plan, plan.keptDramTraffic());
    FoldPlan.Transfer t = new FoldPlan.Transfer();
    plan.transfer(0, t);
    long[] first = {t.reads[0], t.reads[1], t.psumReads};
    long fill = TimingEngine.idleCycles(arch, first, false);
    plan.transfer(plan.folds - 1, t);
    long[] lastWrites = {0, 0, t.writes, t.results};
    long drain = TimingEngine.leastCycles(arch, lastWrites, true);
    long pipeline = plan.pipelineCycles();
    long glb = glbCycles(arch, plan);
    long compute = Math.max(pipeline, glb);
    long path = fill + compute + drain;
    long cycles = Math.max(path, memoryBound(arch, plan));
    long busy = (long) plan.groups * plan.foldsR * plan.foldsC * plan.streamed;
    long ramp = pipeline - busy;
    c.addBusyCycles(busy);
    c.addStall(StallCause.FILL, fill);
    c.addStall(StallCause.DRAIN, drain);
    // The fold pipeline's own preload and drain cycles: the first fold's preload is fill, the rest
    // of the ramp drain (docs/execution.md), so that busy + stalls = cycles.
    long preload = df.hasStationaryPreload() ? plan.rows : 0;
    c.addStall(StallCause.FILL, Math.min(ramp, preload));
    c.addStall(StallCause.DRAIN, ramp - Math.min(ramp, preload));
    c.addStall(StallCause.GLB_BANK, compute - pipeline);
    c.addStall(StallCause.DRAM_BANDWIDTH, cycles - path);
    return new Execution(
        Fidelity.ANALYTICAL, spec.macs(), cycles, plan.utilisedPes(), c.snapshot(), plan.mapping());
  }

  /** Folds as passes of the fold formula's phases on the timing engine. */
  public static Execution event(OpSpec spec, ArchSpec arch, SystolicDataflow df) {
    FoldPlan plan = new FoldPlan(spec, arch, df);
    Counters c = new Counters("pe-array");
    plan.addArrayCounts(c);
    long[] edge = plan.edgeTraffic();
    plan.addEdgeCounts(c, edge);
    return timed(Fidelity.EVENT, spec, arch, plan, c, edge, new FoldSchedule(plan, null));
  }

  /** Steps every PE with int operands (int32 accumulation); outputs {@code [N][G*M][P][Q]}. */
  public static ValueRun<IntTensor> cycle(
      OpSpec spec, ArchSpec arch, SystolicDataflow df, IntTensor weights, IntTensor inputs) {
    return cycle(spec, arch, df, weights, inputs, null);
  }

  /** As {@link #cycle(OpSpec, ArchSpec, SystolicDataflow, IntTensor, IntTensor)}, with a fault. */
  public static ValueRun<IntTensor> cycle(
      OpSpec spec,
      ArchSpec arch,
      SystolicDataflow df,
      IntTensor weights,
      IntTensor inputs,
      Fault fault) {
    FoldPlan plan = new FoldPlan(spec, arch, df);
    SystolicArray.Engine e =
        SystolicArray.of(arch, df)
            .withStreamChunk(plan.chunk)
            .engine(spec, weights, inputs)
            .fault(fault);
    return new ValueRun<>(stepped(spec, arch, plan, e), SystolicArray.intOutput(spec, e));
  }

  /** Steps every PE in float32; outputs {@code [N][G*M][P][Q]}. */
  public static ValueRun<FloatTensor> cycle(
      OpSpec spec, ArchSpec arch, SystolicDataflow df, FloatTensor weights, FloatTensor inputs) {
    return cycle(spec, arch, df, weights, inputs, null);
  }

  /**
   * As {@link #cycle(OpSpec, ArchSpec, SystolicDataflow, FloatTensor, FloatTensor)}, with a fault.
   */
  public static ValueRun<FloatTensor> cycle(
      OpSpec spec,
      ArchSpec arch,
      SystolicDataflow df,
      FloatTensor weights,
      FloatTensor inputs,
      Fault fault) {
    FoldPlan plan = new FoldPlan(spec, arch, df);
    SystolicArray.Engine e =
        SystolicArray.of(arch, df)
            .withStreamChunk(plan.chunk)
            .engine(spec, weights, inputs)
            .fault(fault);
    return new ValueRun<>(stepped(spec, arch, plan, e), SystolicArray.floatOutput(spec, e));
  }

  /** Runs the folds on the engine, stepping the array through each when it starts. */
  private static Execution stepped(
      OpSpec spec, ArchSpec arch, FoldPlan plan, SystolicArray.Engine e) {
    FoldSchedule schedule = new FoldSchedule(plan, e);
    Counters c = new Counters("pe-array");
    Execution timed = timed(Fidelity.CYCLE, spec, arch, plan, c, null, schedule);
    // Counts of what the array did, as stepped (the engine has stepped every fold by now).
    Counters array = new Counters("pe-array");
    e.addArrayCounts(array);
    long[] edge = e.edgeTraffic();
    plan.addEdgeCounts(array, edge);
    long[] moved = plan.movedByFolds();
    checkBypassed(spec, plan, moved, edge);
    addKeptDram(array, plan, moved);
    return new Execution(
        Fidelity.CYCLE,
        timed.macs(),
        timed.cycles(),
        timed.utilisedPes(),
        array.snapshot().plus(timed.stats()),
        timed.mapping());
  }

  /**
   * Runs {@code schedule} on the timing engine and wraps the result with the counts in {@code c}
   * (plus the DRAM transfers of kept operands, once {@code edge} is known).
   */
  private static Execution timed(
      Fidelity fidelity,
      OpSpec spec,
      ArchSpec arch,
      FoldPlan plan,
      Counters c,
      long[] edge,
      FoldSchedule schedule) {
    if (edge != null) {
      long[] moved = plan.movedByFolds();
      checkBypassed(spec, plan, moved, edge);
      addKeptDram(c, plan, moved);
    }
    Timing timing = engine(arch, plan).run(schedule);
    for (StallCause cause : StallCause.values()) {
      c.addStall(cause, timing.stall(cause));
    }
    return new Execution(
        fidelity,
        spec.macs(),
        timing.cycles(),
        plan.utilisedPes(),
        c.snapshot().plus(timing.components()),
        plan.mapping());
  }

  private static TimingEngine engine(ArchSpec arch, FoldPlan plan) {
    TimingEngine engine = TimingEngine.of(arch);
    if (plan.fifoTiles() > 0) {
      engine = engine.withBuffers(stationary(plan), plan.fifoTiles());
    }
    return engine;
  }

  private static Operand stationary(FoldPlan plan) {
    return plan.df == SystolicDataflow.WS ? Operand.WEIGHTS : Operand.INPUTS;
  }

  /** Checks that the DRAM transfers of bypassed operands equal their counted edge traffic. */
  private static void checkBypassed(OpSpec spec, FoldPlan plan, long[] moved, long[] edge) {
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
  }

  /**
   * The GLB's bank-port cycles in closed form: the array's edge traffic of kept operands, their
   * fills from DRAM and the outputs written back, all packed in bank words; a lower bound on the
   * folds' own, which pack each fold's accesses separately.
   */
  private static long glbCycles(ArchSpec arch, FoldPlan plan) {
    long[] edge = plan.edgeTraffic();
    long[] dram = plan.keptDramTraffic();
    long[] reads = new long[3];
    long[] writes = new long[3];
    reads[Operand.WEIGHTS.ordinal()] = edge[Operand.WEIGHTS.ordinal()];
    reads[Operand.INPUTS.ordinal()] = edge[Operand.INPUTS.ordinal()];
    reads[Operand.OUTPUTS.ordinal()] = edge[FoldPlan.PSUM_READS] + dram[FoldPlan.OUTPUT_UPDATES];
    writes[Operand.WEIGHTS.ordinal()] = dram[Operand.WEIGHTS.ordinal()];
    writes[Operand.INPUTS.ordinal()] = dram[Operand.INPUTS.ordinal()];
    writes[Operand.OUTPUTS.ordinal()] = edge[FoldPlan.OUTPUT_UPDATES] + dram[FoldPlan.PSUM_READS];
    return TimingEngine.glbCycles(arch, reads, writes);
  }

  /** Each off-chip memory's bytes at its peak, the slowest: no schedule beats it. */
  private static long memoryBound(ArchSpec arch, FoldPlan plan) {
    long[] kd = plan.keptDramTraffic();
    long[] edge = plan.edgeTraffic();
    long[] values = new long[4];
    for (int i = 0; i < FoldPlan.TRAFFIC_SLOTS; i++) {
      Operand op = FoldPlan.slotOperand(i);
      values[op.ordinal()] += plan.keeps(op) ? kd[i] : edge[i];
    }
    // Finished outputs move at their own width (the fourth slot).
    values[Operand.OUTPUTS.ordinal()] -= plan.finalWrites();
    values[3] = plan.finalWrites();
    return TimingEngine.peakBound(arch, values);
  }

  /**
   * Adds DRAM traffic of the kept operands (weight, input, output reads and output updates) and how
   * many of the output updates, of any operand, are finished outputs.
   */
  private static void addKeptDram(Counters c, FoldPlan plan, long[] t) {
    c.add(Metric.FINAL_OUTPUT_WRITES, plan.finalWrites());
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
