package io.arrayflow.dataflows.multicast;

import io.arrayflow.dataflows.analysis.AccessAnalysis;
import io.arrayflow.dataflows.analysis.AccessCounts;
import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.Fault;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapping.MappingResult;
import io.arrayflow.engine.Timing;
import io.arrayflow.engine.TimingEngine;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;

/**
 * The three executors of a mapping on the multicast NoC (Eyeriss's row and column buses with one
 * GLB read delivered to every PE that needs it, Chen et al., JSSC 2017), implementing
 * docs/execution.md: {@code analytical} converts the closed-form counts of {@link AccessAnalysis}
 * (docs/counting.md, after Timeloop) and bounds the cycles; {@code event} runs the segments (one
 * GLB tile each) as passes on the timing engine with each segment's array time from step costs in
 * closed form; {@code cycle} runs the same passes, stepping every PE with real values in its
 * register files through each segment when it starts and timing every step from the words it moved.
 * Counts are in operand values: PE-local levels are {@code RF} (summed over PEs and register
 * files), {@code glb} is {@code GLB}, {@code dram} is {@code DRAM}; network deliveries and spatial
 * reductions are at {@code NOC}. Stalls are the array's waits, each cycle attributed to one cause.
 */
public final class MulticastExecutor {
  private static final int ROLES = Role.values().length;
  private static final int ACTIONS = AccessCounts.ACTIONS.size();

  private MulticastExecutor() {}

  /**
   * Closed-form counts and the cycle bound of docs/execution.md "Analytical": the first segment's
   * reads on idle memories, the array's steps each at its issue interval or busiest bus (or the
   * GLB's bank ports, if slower), the least waits of later segments' serial reads, the final drain,
   * the least time of the last write-back, and no less than each off-chip memory's bytes at its
   * peak.
   */
  public static Execution analytical(OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m) {
    LoopNest nest = nest(spec, h, m);
    AccessCounts counts = AccessAnalysis.count(nest);
    StepPlan plan = new StepPlan(nest, arch);
    long busy = plan.steps * plan.base;
    long compute = plan.totalStepCycles();
    long glb = 0;
    if (plan.glb >= 0) {
      // The GLB's accesses in closed form (the counts), not pass by pass: a lower bound on the
      // bank-port cycles of the passes, which pack each pass's accesses on their own.
      long[] glbReads = new long[3];
      long[] glbWrites = new long[3];
      for (Role r : Role.values()) {
        int o = r.ordinal();
        glbReads[o] = counts.count(plan.glb, r, AccessAction.READ);
        glbWrites[o] =
            (plan.resident[o] && r != Role.OUTPUTS
                    ? 0
                    : counts.count(plan.glb, r, AccessAction.FILL))
                + counts.count(plan.glb, r, AccessAction.UPDATE);
      }
      glb = TimingEngine.glbCycles(arch, glbReads, glbWrites);
    }
    long streaming = Math.max(compute, glb);
    long[] reads = new long[3];
    long[] writes = new long[3];
    plan.segmentReads(-1, false, reads);
    plan.segmentWrites(hasNonOutputSegmentLoop(plan), -1, writes);
    long fill = fillCycles(arch, reads);
    long drain = drainCycles(arch, writes);
    long arrayDrain = plan.drainCost() + plan.macDrain;
    long serial = plan.serialWaits(w -> readCycles(arch, w));
    long path = fill + streaming + serial + arrayDrain + drain;
    long[] dram = new long[3];
    for (Role r : Role.values()) {
      dram[r.ordinal()] =
          plan.resident[r.ordinal()]
              ? 0
              : counts.count(plan.dram, r, AccessAction.READ)
                  + counts.count(plan.dram, r, AccessAction.FILL)
                  + counts.count(plan.dram, r, AccessAction.UPDATE);
    }
    long cycles = Math.max(path, TimingEngine.peakBound(arch, dram));
    Counters c = counters(counts, plan);
    c.addBusyCycles(busy);
    c.addStall(StallCause.FILL, fill);
    c.addStall(StallCause.NOC, compute - busy);
    c.addStall(StallCause.GLB_BANK, streaming - compute);
    c.addStall(StallCause.DRAIN, arrayDrain + drain);
    c.addStall(StallCause.DRAM_LATENCY, serial);
    c.addStall(StallCause.DRAM_BANDWIDTH, cycles - path);
    return new Execution(
        Fidelity.ANALYTICAL, counts.macs(), cycles, plan.pes, c.snapshot(), line(m));
  }

  /**
   * Per operand (weights, inputs, outputs), whether its whole tensor of {@code spec} stays in the
   * GLB of {@code arch} ({@code glb.resident}) and so moves nothing off chip. Public for the
   * mapper's evaluator.
   */
  public static boolean[] resident(OpSpec spec, ArchSpec arch) {
    return StepPlan.residency(spec, arch);
  }

  /**
   * The analytical bound's DRAM fill: cycles the first segment's reads ({@code words} per operand)
   * take on idle memories. Public for the mapper's evaluator, which must match {@link #analytical}.
   */
  public static long fillCycles(ArchSpec arch, long[] words) {
    return TimingEngine.idleCycles(arch, words, false);
  }

  /**
   * The fewest cycles reads of {@code words} per operand can take in any memory state: the
   * analytical bound's wait for a segment's serial reads. Public for the mapper's evaluator.
   */
  public static long readCycles(ArchSpec arch, long[] words) {
    return TimingEngine.leastCycles(arch, words, false);
  }

  /**
   * The analytical bound's DRAM drain: the fewest cycles the last segment's write-backs ({@code
   * words} per operand) can take. Public for the mapper's evaluator.
   */
  public static long drainCycles(ArchSpec arch, long[] words) {
    return TimingEngine.leastCycles(arch, words, true);
  }

  /** Segments as passes on the timing engine, each with closed-form step costs. */
  public static Execution event(OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m) {
    LoopNest nest = nest(spec, h, m);
    AccessCounts counts = AccessAnalysis.count(nest);
    StepPlan plan = new StepPlan(nest, arch);
    Timing timing = TimingEngine.of(arch).run(new SegmentSchedule(plan, null));
    return timed(Fidelity.EVENT, counts.macs(), counters(counts, plan), timing, plan, m);
  }

  /** Steps every PE with int operands and int32 wrap-around accumulation. */
  public static ValueRun<IntTensor> cycle(
      OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m, IntTensor weights, IntTensor inputs) {
    return cycle(spec, arch, h, m, weights, inputs, null);
  }

  /**
   * As {@link #cycle(OpSpec, ArchSpec, Hierarchy, Mapping, IntTensor, IntTensor)}, with a fault.
   */
  public static ValueRun<IntTensor> cycle(
      OpSpec spec,
      ArchSpec arch,
      Hierarchy h,
      Mapping m,
      IntTensor weights,
      IntTensor inputs,
      Fault fault) {
    LoopNest nest = nest(spec, h, m);
    StepPlan plan = new StepPlan(nest, arch);
    ValueEngine e = new ValueEngine(plan, false, weights.data(), inputs.data(), fault);
    Execution ex = stepped(arch, plan, e, m);
    return new ValueRun<>(
        ex, IntTensor.of(e.outputValues(), spec.n(), spec.g() * spec.m(), spec.p(), spec.q()));
  }

  /** Steps every PE in float32. */
  public static ValueRun<FloatTensor> cycle(
      OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m, FloatTensor weights, FloatTensor inputs) {
    return cycle(spec, arch, h, m, weights, inputs, null);
  }

  /**
   * As {@link #cycle(OpSpec, ArchSpec, Hierarchy, Mapping, FloatTensor, FloatTensor)}, with a
   * fault.
   */
  public static ValueRun<FloatTensor> cycle(
      OpSpec spec,
      ArchSpec arch,
      Hierarchy h,
      Mapping m,
      FloatTensor weights,
      FloatTensor inputs,
      Fault fault) {
    LoopNest nest = nest(spec, h, m);
    StepPlan plan = new StepPlan(nest, arch);
    ValueEngine e = new ValueEngine(plan, true, bits(weights.data()), bits(inputs.data()), fault);
    Execution ex = stepped(arch, plan, e, m);
    int[] out = e.outputValues();
    float[] values = new float[out.length];
    for (int i = 0; i < out.length; i++) {
      values[i] = Float.intBitsToFloat(out[i]);
    }
    return new ValueRun<>(
        ex, FloatTensor.of(values, spec.n(), spec.g() * spec.m(), spec.p(), spec.q()));
  }

  /** Runs the segments on the timing engine, stepping the PE array through each when it starts. */
  private static Execution stepped(ArchSpec arch, StepPlan plan, ValueEngine e, Mapping m) {
    Timing timing = TimingEngine.of(arch).run(new SegmentSchedule(plan, e));
    return timed(Fidelity.CYCLE, plan.steps * plan.pes, e.counters(), timing, plan, m);
  }

  /** An execution of {@code counts} timed by {@code timing} (its stalls and components added). */
  private static Execution timed(
      Fidelity fidelity, long macs, Counters counts, Timing timing, StepPlan plan, Mapping m) {
    for (StallCause cause : StallCause.values()) {
      counts.addStall(cause, timing.stall(cause));
    }
    return new Execution(
        fidelity,
        macs,
        timing.cycles(),
        plan.pes,
        counts.snapshot().plus(timing.components()),
        line(m));
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }

  private static boolean hasNonOutputSegmentLoop(StepPlan plan) {
    for (int l = 0; l < plan.segEnd; l++) {
      if (!plan.outputLoop[l]) {
        return true;
      }
    }
    return false;
  }

  private static LoopNest nest(OpSpec spec, Hierarchy h, Mapping m) {
    MappingResult r = MappingCheck.check(spec, h, m);
    if (!r.isFeasible()) {
      throw new IllegalArgumentException(
          "multicast executor: mapping of " + spec.name() + " is " + r);
    }
    return LoopNest.of(spec, h, m);
  }

  private static String line(Mapping m) {
    return m.toString().replace("\n  - ", " ").replace("\n", " ");
  }

  private static Level statsLevel(Hierarchy h, int lv) {
    if (h.isPeLocal(lv)) {
      return Level.RF;
    }
    return h.level(lv).name().equals("glb") ? Level.GLB : Level.DRAM;
  }

  private static Counters counters(AccessCounts counts, StepPlan plan) {
    Hierarchy h = plan.h;
    long[] flat = flatCounts(h);
    long[] deliveries = new long[3];
    for (int lv = 0; lv < h.size(); lv++) {
      for (Role r : Role.values()) {
        for (AccessAction a : AccessCounts.ACTIONS) {
          flat[flatIndex(lv, r.ordinal(), a.ordinal())] = counts.count(lv, r, a);
        }
      }
    }
    for (Role r : Role.values()) {
      deliveries[r.ordinal()] = counts.deliveries(r);
    }
    return counters(
        h, flat, deliveries, counts.spatialReductions(Role.OUTPUTS), counts.macs(), plan);
  }

  /** Zeroed flat counts of {@code h}: per level, operand and {@link AccessCounts#ACTIONS}. */
  static long[] flatCounts(Hierarchy h) {
    return new long[h.size() * ROLES * ACTIONS];
  }

  /** Index of a count in the flat layout (that of {@link AccessCounts}'s constructor). */
  static int flatIndex(int level, int role, int action) {
    return (level * ROLES + role) * ACTIONS + action;
  }

  /**
   * Counters from flat counts (see {@link #flatIndex}) and network figures. A resident operand
   * ({@link StepPlan#resident}) moves nothing to or from DRAM, and its tiles enter the GLB from the
   * GLB: its DRAM counts and (weights, inputs) GLB fills are dropped.
   */
  static Counters counters(
      Hierarchy h, long[] flat, long[] deliveries, long reductions, long macs, StepPlan plan) {
    for (int r = 0; r < 3; r++) {
      if (plan.resident[r]) {
        for (int a = 0; a < ACTIONS; a++) {
          flat[flatIndex(plan.dram, r, a)] = 0;
        }
        if (r != StepPlan.O && plan.glb >= 0) {
          flat[flatIndex(plan.glb, r, AccessAction.FILL.ordinal())] = 0;
        }
      }
    }
    Counters c = new Counters("pe-array");
    AccessAction[] actions = {AccessAction.READ, AccessAction.FILL, AccessAction.UPDATE};
    for (int lv = 0; lv < h.size(); lv++) {
      Level level = statsLevel(h, lv);
      for (int r = 0; r < 3; r++) {
        for (int a = 0; a < 3; a++) {
          c.add(level, Operand.values()[r], actions[a], flat[flatIndex(lv, r, a)]);
        }
      }
    }
    for (int r = 0; r < 3; r++) {
      c.add(Level.NOC, Operand.values()[r], AccessAction.MULTICAST_DELIVERY, deliveries[r]);
    }
    c.add(Level.NOC, Operand.OUTPUTS, AccessAction.SPATIAL_REDUCTION, reductions);
    c.add(Level.MAC, AccessAction.MAC, macs);
    return c;
  }
}
