package io.arrayflow.dataflows.multicast;

import io.arrayflow.dataflows.analysis.AccessAnalysis;
import io.arrayflow.dataflows.analysis.AccessCounts;
import io.arrayflow.dataflows.analysis.Action;
import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapping.MappingResult;
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
 * GLB tile each) on the DRAM component with each segment's array time from step costs in closed
 * form; {@code cycle} steps every PE with real values in its register files and times every step
 * from the words it moved. Counts are in operand values: PE-local levels are {@code RF} (summed
 * over PEs and register files), {@code glb} is {@code GLB}, {@code dram} is {@code DRAM}; network
 * deliveries and spatial reductions are at {@code NOC}. Stalls are the array's waits, each cycle
 * attributed to one cause.
 */
public final class MulticastExecutor {
  private static final int ROLES = Role.values().length;
  private static final int ACTIONS = Action.values().length;

  private MulticastExecutor() {}

  /** Closed-form counts and the cycle bound of docs/execution.md "Analytical". */
  public static Execution analytical(OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m) {
    LoopNest nest = nest(spec, h, m);
    AccessCounts counts = AccessAnalysis.count(nest);
    StepPlan plan = new StepPlan(nest, arch);
    long compute = plan.steps * plan.base;
    for (int o = 0; o < 3; o++) {
      compute = Math.max(compute, StepPlan.ceilDiv(plan.networkWords(o), plan.wordsPerCycle[o]));
    }
    long[] reads = new long[3];
    long[] writes = new long[3];
    plan.segmentReads(-1, false, reads);
    plan.segmentWrites(hasNonOutputSegmentLoop(plan), -1, writes);
    long fill = fillCycles(arch, reads);
    long drain = drainCycles(arch, writes);
    long path = fill + compute + plan.drainCost() + plan.macDrain + drain;
    double dramBytes = 0;
    for (Role r : Role.values()) {
      int lv = plan.dram;
      long words =
          counts.count(lv, r, Action.READ)
              + counts.count(lv, r, Action.FILL)
              + counts.count(lv, r, Action.UPDATE);
      dramBytes +=
          Math.ceil(words * (double) arch.precision().bits(Operand.values()[r.ordinal()]) / 8);
    }
    long dramBound = (long) Math.ceil(dramBytes / peakBytesPerCycle(arch));
    long cycles = Math.max(path, dramBound);
    Counters c = counters(counts, plan);
    return new Execution(
        Fidelity.ANALYTICAL, counts.macs(), cycles, plan.pes, c.snapshot(), line(m));
  }

  /**
   * The analytical bound's DRAM fill: cycles the first segment's reads ({@code words} per operand)
   * take on an idle memory. Public for the mapper's evaluator, which must match {@link
   * #analytical}.
   */
  public static long fillCycles(ArchSpec arch, long[] words) {
    return Timeline.idleCycles(arch, words, false);
  }

  /**
   * The analytical bound's DRAM drain: the fewest cycles the last segment's write-backs ({@code
   * words} per operand) can take. Public for the mapper's evaluator.
   */
  public static long drainCycles(ArchSpec arch, long[] words) {
    return Timeline.leastCycles(arch, words, true);
  }

  /** Segments on the DRAM component with closed-form step costs (docs/execution.md). */
  public static Execution event(OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m) {
    LoopNest nest = nest(spec, h, m);
    AccessCounts counts = AccessAnalysis.count(nest);
    StepPlan plan = new StepPlan(nest, arch);
    Timeline tl = new Timeline(arch);
    int seg = plan.segEnd;
    int[] idx = new int[seg];
    long[] reads = new long[3];
    long[] nextReads = new long[3];
    long[] writes = new long[3];
    plan.segmentReads(-1, false, reads);
    tl.start(reads);
    int carry = -1;
    boolean flag = false;
    int nonZeroNonOutput = 0;
    long noc = 0;
    for (long s = 0; s < plan.segments; s++) {
      boolean last = s == plan.segments - 1;
      int nextCarry = -1;
      if (!last) {
        // Odometer step to segment s + 1; the innermost segment loop moves fastest.
        for (int l = seg - 1; l >= 0; l--) {
          if (!plan.outputLoop[l] && idx[l] > 0) {
            nonZeroNonOutput--;
          }
          if (++idx[l] < plan.factor[l]) {
            if (!plan.outputLoop[l]) {
              nonZeroNonOutput++;
            }
            nextCarry = l;
            break;
          }
          idx[l] = 0;
        }
      }
      boolean nextFlag = nonZeroNonOutput > 0;
      long cycles = plan.segmentCycles(carry, flag, last);
      noc +=
          cycles - plan.stepsPerSegment * plan.base - (last ? plan.drainCost() + plan.macDrain : 0);
      plan.segmentWrites(flag, nextCarry, writes);
      if (!last) {
        plan.segmentReads(nextCarry, nextFlag, nextReads);
      }
      tl.segment(cycles, last ? null : nextReads, writes);
      carry = nextCarry;
      flag = nextFlag;
    }
    long total = tl.finish();
    Counters c = counters(counts, plan);
    addStalls(c, tl, noc, plan.drainCost() + plan.macDrain);
    return new Execution(Fidelity.EVENT, counts.macs(), total, plan.pes, c.snapshot(), line(m));
  }

  /** Steps every PE with int operands and int32 wrap-around accumulation. */
  public static ValueRun<IntTensor> cycle(
      OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m, IntTensor weights, IntTensor inputs) {
    LoopNest nest = nest(spec, h, m);
    ValueEngine e = new ValueEngine(new StepPlan(nest, arch), false, weights.data(), inputs.data());
    Execution ex = e.run(arch, line(m));
    return new ValueRun<>(
        ex, IntTensor.of(e.outputValues(), spec.n(), spec.g() * spec.m(), spec.p(), spec.q()));
  }

  /** Steps every PE in float32. */
  public static ValueRun<FloatTensor> cycle(
      OpSpec spec, ArchSpec arch, Hierarchy h, Mapping m, FloatTensor weights, FloatTensor inputs) {
    LoopNest nest = nest(spec, h, m);
    ValueEngine e =
        new ValueEngine(new StepPlan(nest, arch), true, bits(weights.data()), bits(inputs.data()));
    Execution ex = e.run(arch, line(m));
    int[] out = e.outputValues();
    float[] values = new float[out.length];
    for (int i = 0; i < out.length; i++) {
      values[i] = Float.intBitsToFloat(out[i]);
    }
    return new ValueRun<>(
        ex, FloatTensor.of(values, spec.n(), spec.g() * spec.m(), spec.p(), spec.q()));
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

  private static double peakBytesPerCycle(ArchSpec arch) {
    return arch.dram().peakBytesPerCoreCycle(arch.clockMhz());
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
        for (Action a : Action.values()) {
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

  /** Zeroed flat counts of {@code h}: per level, operand and {@link Action}. */
  static long[] flatCounts(Hierarchy h) {
    return new long[h.size() * ROLES * ACTIONS];
  }

  /** Index of a count in the flat layout (that of {@link AccessCounts}'s constructor). */
  static int flatIndex(int level, int role, int action) {
    return (level * ROLES + role) * ACTIONS + action;
  }

  /** Counters from flat counts (see {@link #flatIndex}) and network figures. */
  static Counters counters(
      Hierarchy h, long[] flat, long[] deliveries, long reductions, long macs, StepPlan plan) {
    Counters c = new Counters("multicast");
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
    c.addBusyCycles(plan.steps * plan.base);
    return c;
  }

  static void addStalls(Counters c, Timeline tl, long noc, long arrayDrain) {
    c.addStall(StallCause.NOC, noc);
    c.addStall(StallCause.ARRAY_FILL_DRAIN, arrayDrain + tl.stall(StallCause.ARRAY_FILL_DRAIN));
    c.addStall(StallCause.DRAM_LATENCY, tl.stall(StallCause.DRAM_LATENCY));
    c.addStall(StallCause.DRAM_BANDWIDTH, tl.stall(StallCause.DRAM_BANDWIDTH));
  }
}
