package io.arrayflow.dataflows.multicast;

import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.TileUnion;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The structure of a loop nest on the multicast NoC that all three fidelities share (which level
 * each operand crosses the array from, where segments start, the reduction groups) and the closed
 * forms of docs/execution.md: the network words of a step by its carry loop, and per segment its
 * array cycles and DRAM words. Derived from a {@link LoopNest} and the architecture's NoC widths
 * and MAC timing.
 */
final class StepPlan {
  static final Role[] ROLES = Role.values();
  static final int W = Role.WEIGHTS.ordinal();
  static final int I = Role.INPUTS.ordinal();
  static final int O = Role.OUTPUTS.ordinal();

  final LoopNest nest;
  final Hierarchy h;
  final int loops;
  final int[] factor;
  final boolean[] spatial;

  /** Whether loop l's dimension indexes outputs (N, G, M, P, Q). */
  final boolean[] outputLoop;

  final long pes;

  /** PEs holding partial sums of the same outputs: the spatial factors on C, R, S. */
  final long red;

  /** Loops {@code [0, segEnd)} are the segment loops (the temporal loops above the GLB). */
  final int segEnd;

  final int glb;
  final int dram;

  /** Per operand, the outermost PE-local level keeping it, or -1. */
  final int[] child = new int[3];

  /** Per operand, the level its words cross the array from (the innermost shared keeper). */
  final int[] crossParent = new int[3];

  /** Per operand, whether it crosses the array straight from DRAM (GLB bypass). */
  final boolean[] direct = new boolean[3];

  final long base;
  final long macDrain;

  /**
   * Per operand, whether it stays in the GLB between layers ({@code glb.resident}) with its whole
   * tensor in its GLB space (its partition, or the shared pool together with the other resident
   * operands there): it moves nothing off chip (docs/execution.md).
   */
  final boolean[] resident = new boolean[3];

  /**
   * Per operand, whether a segment's reads of it wait for the segment before to end: weights or
   * inputs with one tile buffer (the GLB does not keep them, or has one buffer), outputs when
   * partial sums come back from the segment before ({@link #returnDistance} 1) or have one buffer.
   * The timing engine issues such reads no earlier than that end (docs/execution.md, "Look-ahead").
   */
  final boolean[] serial = new boolean[3];

  /** GLB accesses per cycle: banks × ports per bank. */
  final long glbPorts;

  /** Per operand, values per GLB bank word ({@code bank_width_bits / precision}). */
  final long[] valuesPerBankWord = new long[3];

  final int[] wordsPerCycle = new int[3];

  /** Network words of a step of carry loop k, per operand; outputs when the entries return. */
  final long[][] carryWords;

  /** Network words of outputs at a carry-k step whose entries start at zero (no return). */
  final long[] carryWordsOutFirst;

  /** Output words leaving the PEs at a carry-k step (after reduction). */
  final long[] carryUp;

  /** Network words of the layer's first step, per operand. */
  final long[] firstWords = new long[3];

  /** Output words left in the PEs after the last step (after reduction). */
  final long drainWords;

  /** Per operand: the GLB tile's words. */
  final long[] glbTile = new long[3];

  /** Per operand: the GLB tile's new words on a step of segment loop c. */
  final long[][] glbDelta;

  final long steps;
  final long segments;
  final long stepsPerSegment;

  // Per segment flag F (0: no non-output segment loop is past 0; 1: some is): in-segment steps
  // other than the first.
  final long[] innerCost = new long[2];
  final long[][] innerWords = new long[2][3];
  final long[] innerUp = new long[2];

  /** Steps of a segment (all of them) whose output entries started at zero, F = 0. */
  final long zeroStepsPerSegment;

  StepPlan(LoopNest nest, ArchSpec arch) {
    this.nest = nest;
    this.h = nest.hierarchy();
    this.loops = nest.loops();
    factor = new int[loops];
    spatial = new boolean[loops];
    outputLoop = new boolean[loops];
    long st = 1;
    for (int l = 0; l < loops; l++) {
      factor[l] = nest.factor(l);
      spatial[l] = nest.isSpatial(l);
      outputLoop[l] = OpSpec.indexes(Role.OUTPUTS, nest.dim(l));
      if (!spatial[l]) {
        st *= factor[l];
      }
    }
    pes = nest.utilisedPes();
    red = nest.reductionGroup();
    steps = st;
    dram = h.outermost();
    if (!h.level(dram).name().equals("dram")) {
      throw new IllegalArgumentException(
          "multicast executor: the outermost level must be 'dram', was '"
              + h.level(dram).name()
              + "'");
    }
    int shared = h.size() - h.peLevels();
    if (shared > 2 || (shared == 2 && !h.level(h.peLevels()).name().equals("glb"))) {
      throw new IllegalArgumentException(
          "multicast executor: shared levels must be [glb, dram] or [dram], were "
              + h.namesOutermostFirst());
    }
    glb = shared == 2 ? h.peLevels() : -1;
    int firstArrayLoop = h.peLevels() > 0 ? nest.start(h.peLevels() - 1) : loops;
    for (int l = 0; l < loops; l++) {
      if (spatial[l]) {
        firstArrayLoop = Math.min(firstArrayLoop, l);
      }
    }
    segEnd = glb >= 0 ? nest.start(glb) : firstArrayLoop;
    long segs = 1;
    for (int l = 0; l < segEnd; l++) {
      segs *= factor[l];
    }
    segments = segs;
    stepsPerSegment = steps / segs;
    for (Role role : ROLES) {
      int o = role.ordinal();
      child[o] = -1;
      crossParent[o] = -1;
      for (int lv = 0; lv < h.size(); lv++) {
        if (nest.keeps(lv, role)) {
          if (h.isPeLocal(lv)) {
            child[o] = lv;
          } else if (crossParent[o] < 0) {
            crossParent[o] = lv;
          }
        }
      }
      direct[o] = crossParent[o] == dram;
      wordsPerCycle[o] = arch.noc().wordsPerCycle(Operand.values()[o]);
    }
    base = arch.pe().mac().issueIntervalCycles();
    macDrain = arch.pe().mac().pipelined() ? arch.pe().mac().latencyCycles() - 1 : 0;
    glbPorts = (long) arch.glb().banks() * arch.glb().portsPerBank();
    System.arraycopy(residency(nest.spec(), arch), 0, resident, 0, 3);
    for (Operand op : Operand.values()) {
      int o = op.ordinal();
      boolean oneBuffer = !arch.glb().keeps(op) || arch.glb().buffers() == 1;
      serial[o] = oneBuffer || (o == O && returnDistance() == 1);
    }
    for (Operand op : Operand.values()) {
      valuesPerBankWord[op.ordinal()] = arch.glb().bankWidthBits() / arch.precision().bits(op);
    }

    carryWords = new long[3][loops];
    carryWordsOutFirst = new long[loops];
    carryUp = new long[loops];
    for (int o : new int[] {W, I}) {
      Role role = ROLES[o];
      if (child[o] < 0) {
        long d = nest.spatialPoints(role);
        firstWords[o] = d;
        Arrays.fill(carryWords[o], d);
      } else {
        // The parent reads the union over PEs of their new words (docs/execution.md).
        TileUnion union = TileUnion.of(nest, child[o], role);
        firstWords[o] = union.words();
        for (int k = 0; k < loops; k++) {
          if (!spatial[k]) {
            carryWords[o][k] = union.newWords(k);
          }
        }
      }
    }
    if (child[O] < 0) {
      firstWords[O] = pes / red;
      Arrays.fill(carryWords[O], pes / red);
      Arrays.fill(carryWordsOutFirst, pes / red);
      Arrays.fill(carryUp, pes / red);
      drainWords = 0;
    } else {
      int start = nest.start(child[O]);
      for (int k = 0; k < start; k++) {
        if (!spatial[k]) {
          long up = nest.tileDelta(child[O], Role.OUTPUTS, k) * (pes / red);
          carryUp[k] = up;
          carryWords[O][k] = 2 * up;
          carryWordsOutFirst[k] = up;
        }
      }
      drainWords = nest.tileWords(child[O], Role.OUTPUTS) * (pes / red);
    }
    glbDelta = new long[3][segEnd];
    if (glb >= 0) {
      for (Role role : ROLES) {
        int o = role.ordinal();
        if (nest.keeps(glb, role)) {
          glbTile[o] = nest.tileWords(glb, role);
          for (int c = 0; c < segEnd; c++) {
            glbDelta[o][c] = nest.tileDelta(glb, role, c);
          }
        }
      }
    }
    long zero = 1;
    for (int l = segEnd; l < loops; l++) {
      if (!spatial[l] && outputLoop[l]) {
        zero *= factor[l];
      }
    }
    zeroStepsPerSegment = zero;
    for (int f = 0; f < 2; f++) {
      innerAggregate(f == 1);
    }
  }

  /** Per operand, whether {@code spec}'s tensor of it stays in the GLB of {@code arch}. */
  static boolean[] residency(OpSpec spec, ArchSpec arch) {
    boolean[] resident = new boolean[3];
    GlbSpec g = arch.glb();
    long[] tensorBits = {
      Math.multiplyExact(spec.weightElements(), (long) arch.precision().weights()),
      Math.multiplyExact(spec.inputElements(), (long) arch.precision().inputs()),
      Math.multiplyExact(spec.outputElements(), (long) arch.precision().outputs())
    };
    long pooled = 0;
    for (Operand op : Operand.values()) {
      if (g.resident(op) && g.partitionBytes(op) == 0) {
        pooled += tensorBits[op.ordinal()];
      }
    }
    for (Operand op : Operand.values()) {
      if (g.resident(op)) {
        resident[op.ordinal()] =
            g.partitionBytes(op) > 0
                ? tensorBits[op.ordinal()] <= g.partitionBytes(op) * 8
                : pooled <= g.sharedBytes() * 8;
      }
    }
    return resident;
  }

  /** Sums the costs and words of a segment's steps other than its first, for flag f. */
  private void innerAggregate(boolean f) {
    int fi = f ? 1 : 0;
    long before = 1;
    long beforeOut = 1;
    for (int k = segEnd; k < loops; k++) {
      if (spatial[k]) {
        continue;
      }
      long count = before * (factor[k] - 1);
      long zeroStart = outputLoop[k] && !f ? beforeOut * (factor[k] - 1) : 0;
      long returning = count - zeroStart;
      innerCost[fi] += returning * stepCost(k, true) + zeroStart * stepCost(k, false);
      for (int o : new int[] {W, I}) {
        innerWords[fi][o] += count * carryWords[o][k];
      }
      innerWords[fi][O] += returning * carryWords[O][k] + zeroStart * carryWordsOutFirst[k];
      innerUp[fi] += count * carryUp[k];
      before *= factor[k];
      if (outputLoop[k]) {
        beforeOut *= factor[k];
      }
    }
  }

  /** Network words of operand o at a step of carry loop k (-1: the layer's first step). */
  long words(int o, int k, boolean returning) {
    if (k < 0) {
      return firstWords[o];
    }
    return o == O && !returning ? carryWordsOutFirst[k] : carryWords[o][k];
  }

  /** Cycles of a step of carry loop k (-1: the layer's first step). */
  long stepCost(int k, boolean returning) {
    long c = base;
    for (int o = 0; o < 3; o++) {
      c = Math.max(c, ceilDiv(words(o, k, returning), wordsPerCycle[o]));
    }
    return c;
  }

  /** Cycles of draining the outputs left in the PEs after the last step. */
  long drainCost() {
    return ceilDiv(drainWords, wordsPerCycle[O]);
  }

  /** Array cycles of a segment of carry c (-1 for the first) and flag f. */
  long segmentCycles(int c, boolean f, boolean last) {
    long cyc = stepCost(c, f) + innerCost[f ? 1 : 0];
    return last ? cyc + drainCost() + macDrain : cyc;
  }

  /** Words the segment of carry c and flag f reads from DRAM, per operand, into {@code out}. */
  void segmentReads(int c, boolean f, long[] out) {
    reads(c, f, out);
    for (int o = 0; o < 3; o++) {
      if (resident[o]) {
        out[o] = 0;
      }
    }
  }

  private void reads(int c, boolean f, long[] out) {
    int fi = f ? 1 : 0;
    for (int o = 0; o < 3; o++) {
      if (direct[o]) {
        if (o == O) {
          out[o] =
              child[O] < 0
                  ? (stepsPerSegment - (f ? 0 : zeroStepsPerSegment)) * (pes / red)
                  : (words(O, c, f) - (c < 0 ? 0 : carryUp[c])) + innerWords[fi][O] - innerUp[fi];
        } else {
          out[o] = words(o, c, f) + innerWords[fi][o];
        }
      } else if (glb >= 0 && nest.keeps(glb, ROLES[o])) {
        if (o == O) {
          out[o] = c < 0 || !f ? 0 : glbDelta[O][c];
        } else {
          out[o] = c < 0 ? glbTile[o] : glbDelta[o][c];
        }
      } else {
        out[o] = 0;
      }
    }
  }

  /**
   * Words the segment of flag f writes back to DRAM, when the next segment has carry {@code next}
   * (-1: this is the last segment), per operand, into {@code out}.
   */
  void segmentWrites(boolean f, int next, long[] out) {
    writes(f, next, out);
    if (resident[O]) {
      out[O] = 0;
    }
  }

  private void writes(boolean f, int next, long[] out) {
    out[W] = 0;
    out[I] = 0;
    if (direct[O]) {
      if (child[O] < 0) {
        out[O] = stepsPerSegment * (pes / red);
      } else {
        out[O] = innerUp[f ? 1 : 0] + (next < 0 ? drainWords : carryUp[next]);
      }
    } else {
      out[O] = next < 0 ? glbTile[O] : glbDelta[O][next];
    }
  }

  /**
   * How many segments back a GLB output tile that comes back was written: two when the GLB keeps
   * outputs (the segment before held another tile), else one (partial sums bypassing the GLB come
   * back in the stream of the segment after the one that wrote them).
   */
  int returnDistance() {
    return glb >= 0 && nest.keeps(glb, ROLES[O]) ? 2 : 1;
  }

  /**
   * Cycles of every step of the layer, each costing its issue interval or its busiest bus: the
   * segments' step cycles added up, without the final drain.
   */
  long totalStepCycles() {
    long total = stepCost(-1, false);
    long before = 1;
    long beforeOut = 1;
    for (int k = 0; k < loops; k++) {
      if (spatial[k]) {
        continue;
      }
      long count = before * (factor[k] - 1);
      long zeroStart = outputLoop[k] ? beforeOut * (factor[k] - 1) : 0;
      total += (count - zeroStart) * stepCost(k, true) + zeroStart * stepCost(k, false);
      before *= factor[k];
      if (outputLoop[k]) {
        beforeOut *= factor[k];
      }
    }
    return total;
  }

  /**
   * The least cycles segments after the first wait for their {@link #serial} reads, added up: such
   * reads are issued no earlier than the segment before ends, and take at least {@code least} of
   * them (per operand) to arrive. Zero when no operand is serial.
   */
  long serialWaits(ToLongFunction<long[]> least) {
    if (!serial[W] && !serial[I] && !serial[O]) {
      return 0;
    }
    long total = 0;
    long before = 1;
    long beforeOut = 1;
    long[] reads = new long[3];
    for (int k = 0; k < segEnd; k++) {
      if (spatial[k]) {
        continue;
      }
      long count = before * (factor[k] - 1);
      long zeroStart = outputLoop[k] ? beforeOut * (factor[k] - 1) : 0;
      if (zeroStart > 0) {
        total =
            Math.addExact(
                total, Math.multiplyExact(zeroStart, serialLeast(k, false, reads, least)));
      }
      if (count > zeroStart) {
        total =
            Math.addExact(
                total, Math.multiplyExact(count - zeroStart, serialLeast(k, true, reads, least)));
      }
      before *= factor[k];
      if (outputLoop[k]) {
        beforeOut *= factor[k];
      }
    }
    return total;
  }

  private long serialLeast(int c, boolean f, long[] reads, ToLongFunction<long[]> least) {
    segmentReads(c, f, reads);
    boolean any = false;
    for (int o = 0; o < 3; o++) {
      if (!serial[o]) {
        reads[o] = 0;
      }
      any |= reads[o] > 0;
    }
    return any ? least.applyAsLong(reads) : 0;
  }

  /** Total network words of operand o over all steps, without the final drain. */
  long networkWords(int o) {
    long total = 0;
    long before = 1;
    long beforeOut = 1;
    for (int k = 0; k < loops; k++) {
      if (spatial[k]) {
        continue;
      }
      long count = before * (factor[k] - 1);
      long zeroStart = outputLoop[k] ? beforeOut * (factor[k] - 1) : 0;
      total += (count - zeroStart) * words(o, k, true) + zeroStart * words(o, k, false);
      before *= factor[k];
      if (outputLoop[k]) {
        beforeOut *= factor[k];
      }
    }
    return total + firstWords[o];
  }

  static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }
}
