package io.arrayflow.dataflows.multicast;

import io.arrayflow.dataflows.exec.Fault;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.Arrays;

/**
 * The cycle fidelity's engine: every instance of every level that keeps an operand (the PEs'
 * register files, the GLB, DRAM) holds its current tile's values in a flat array, indexed by each
 * coordinate modulo the tile's extent so that the overlap of a sliding tile stays in place. At each
 * step (one iteration of the temporal loops) the tiles that change fetch only their missing words
 * from the parent, outputs leaving a level are written back (partial sums of a reduction group
 * added on the network), every PE does its MAC on its register files' values, and everything that
 * moves is counted as it moves. Values are int bits (float32 bits when {@code fp}). Test-checked
 * against the closed forms and the reference engine.
 */
final class ValueEngine {
  /** Data dimensions of every operand ({@link LoopNest#dataDims}). */
  private static final int D = 5;

  private static final int READ = AccessAction.READ.ordinal();
  private static final int FILL = AccessAction.FILL.ordinal();
  private static final int UPDATE = AccessAction.UPDATE.ordinal();

  private final StepPlan plan;
  private final LoopNest nest;
  private final Hierarchy h;
  private final boolean fp;
  private final int loops;
  private final int[] temporal;
  private final int pes;
  private final boolean[] head;
  private final Chain[] chains = new Chain[3];

  private final long[] flat;
  private final long[] deliveries = new long[3];
  private long reductions;
  private final long[] net = new long[3];
  private final long[] segReads = new long[3];
  private final long[] segWrites = new long[3];
  private int stamp;
  private int[] buf = new int[D * 64];

  // Where the stepping is: the next step, its loop indices and carry loop.
  private final int[] idx;
  private long step;
  private final long[] lastReads = new long[3];
  private final long[] lastWrites = new long[3];
  private long lastDrain;

  private final Fault fault;
  private long segment;
  private boolean faultNow;

  // The GLB's ports as the buses see them (docs/execution.md, "Cycle fidelity").
  private final boolean[] fromGlb = new boolean[3];
  private final long[] perBankWord = new long[3];
  private final long glbPorts;
  private final boolean portsCanBind;

  ValueEngine(StepPlan plan, boolean fp, int[] weights, int[] inputs, Fault fault) {
    this.plan = plan;
    this.fault = fault;
    this.nest = plan.nest;
    glbPorts = plan.glbPorts;
    long widest = 0;
    for (int o = 0; o < 3; o++) {
      fromGlb[o] = plan.glb >= 0 && plan.crossParent[o] == plan.glb;
      perBankWord[o] = Math.max(1, plan.valuesPerBankWord[o]);
      if (fromGlb[o]) {
        widest += StepPlan.ceilDiv(plan.wordsPerCycle[o], perBankWord[o]);
      }
    }
    portsCanBind = widest > glbPorts;
    this.h = plan.h;
    this.fp = fp;
    this.loops = plan.loops;
    OpSpec spec = nest.spec();
    if (weights.length != spec.weightElements() || inputs.length != spec.inputElements()) {
      throw new IllegalArgumentException(
          "op '"
              + spec.name()
              + "' needs "
              + spec.weightElements()
              + " weights and "
              + spec.inputElements()
              + " inputs, got "
              + weights.length
              + " and "
              + inputs.length);
    }
    int t = 0;
    for (int l = 0; l < loops; l++) {
      t += plan.spatial[l] ? 0 : 1;
    }
    temporal = new int[t];
    t = 0;
    for (int l = 0; l < loops; l++) {
      if (!plan.spatial[l]) {
        temporal[t++] = l;
      }
    }
    pes = (int) plan.pes;
    int[][] peIdx = new int[pes][loops];
    head = new boolean[pes];
    for (int pe = 0; pe < pes; pe++) {
      int rest = pe;
      boolean isHead = true;
      for (int l = loops - 1; l >= 0; l--) {
        if (plan.spatial[l]) {
          peIdx[pe][l] = rest % plan.factor[l];
          rest /= plan.factor[l];
          isHead &= plan.outputLoop[l] || peIdx[pe][l] == 0;
        }
      }
      head[pe] = isHead;
    }
    flat = MulticastExecutor.flatCounts(h);
    for (Role r : Role.values()) {
      int[] top =
          switch (r) {
            case WEIGHTS -> weights;
            case INPUTS -> paddedInputs(spec, inputs);
            case OUTPUTS -> null;
          };
      chains[r.ordinal()] = new Chain(r, top, peIdx);
    }
    idx = new int[loops];
    for (Chain c : chains) {
      c.plan(-1, idx);
    }
  }

  /** The padded input data space {@code [N][G][C][Hd][Wd]}; padding reads zero. */
  private int[] paddedInputs(OpSpec spec, int[] in) {
    long[] e = nest.dataExtents(Role.INPUTS, nest.dimExtents(0));
    int hd = (int) e[3];
    int wd = (int) e[4];
    int[] out = new int[(int) (e[0] * e[1] * e[2] * hd * wd)];
    int gc = spec.g() * spec.c();
    for (int n = 0; n < spec.n(); n++) {
      for (int ch = 0; ch < gc; ch++) {
        for (int y = 0; y < hd; y++) {
          int yy = y - spec.padH();
          if (yy < 0 || yy >= spec.h()) {
            continue;
          }
          for (int x = 0; x < wd; x++) {
            int xx = x - spec.padW();
            if (xx >= 0 && xx < spec.w()) {
              out[((n * gc + ch) * hd + y) * wd + x] =
                  in[((n * gc + ch) * spec.h() + yy) * spec.w() + xx];
            }
          }
        }
      }
    }
    return out;
  }

  /** The final outputs held by DRAM, {@code [N][G][M][P][Q]}. */
  int[] outputValues() {
    Chain c = chains[StepPlan.O];
    return c.vals[c.m - 1];
  }

  private void count(int level, int role, int action, long n) {
    flat[MulticastExecutor.flatIndex(level, role, action)] += n;
  }

  /** One operand's levels, innermost first, with their values and current tiles. */
  private final class Chain {
    final int o;
    final int m;
    final int[] lv;
    final boolean[] peLocal;
    final int[] inst;
    final int[] start;
    final int[][] ext;
    final int[][] pitch;
    final int[] size;
    final int[][] vals;
    final boolean[][] valid;
    final int[][] stamps;

    /** Current origin per level, per instance: {@code [j][inst * D + i]}. */
    final long[][] origin;

    /** Temporal part of each level's origin, current and next. */
    final long[][] base;

    final long[][] nextBase;
    final boolean[] moving;

    /** Data-space step of loop l along data dimension i: {@code coef[l * D + i]}. */
    final long[] coef;

    /** Spatial offset of each PE, {@code [pe * D + i]}. */
    final long[] off;

    // MAC-level lookup tables when the innermost keeper is PE-local.
    final boolean macLocal;
    final int tabLen;
    final int[] dimOff = new int[D];
    final int[] tab;
    final int[] active;
    final long[] rel = new long[D];
    // Scratch for box differences and new origins (no allocation per tile change).
    final long[] lo = new long[D];
    final long[] hi = new long[D];
    final long[] no = new long[D];
    final int[] relOff = new int[D];

    Chain(Role role, int[] top, int[][] peIdx) {
      o = role.ordinal();
      lv = nest.keepers(role);
      m = lv.length;
      peLocal = new boolean[m];
      inst = new int[m];
      start = new int[m];
      ext = new int[m][];
      pitch = new int[m][D];
      size = new int[m];
      vals = new int[m][];
      valid = new boolean[m][];
      stamps = new int[m][];
      origin = new long[m][];
      base = new long[m][D];
      nextBase = new long[m][D];
      moving = new boolean[m];
      for (int j = 0; j < m; j++) {
        peLocal[j] = h.isPeLocal(lv[j]);
        inst[j] = peLocal[j] ? pes : 1;
        start[j] = nest.start(lv[j]);
        long[] e = nest.dataExtents(role, nest.dimExtents(start[j]));
        ext[j] = new int[D];
        long s = 1;
        for (int i = D - 1; i >= 0; i--) {
          ext[j][i] = Math.toIntExact(e[i]);
          pitch[j][i] = (int) s;
          s *= e[i];
        }
        size[j] = Math.toIntExact(s);
        if (j == m - 1) {
          vals[j] = top != null ? top : new int[size[j]];
        } else {
          vals[j] = new int[Math.multiplyExact(inst[j], size[j])];
        }
        if (o == StepPlan.O) {
          valid[j] = new boolean[inst[j] * size[j]];
        }
        if (!peLocal[j]) {
          stamps[j] = new int[size[j]];
        }
        origin[j] = new long[inst[j] * D];
      }
      coef = new long[loops * D];
      for (int l = 0; l < loops; l++) {
        int d = nest.dim(l).ordinal();
        for (int i = 0; i < D; i++) {
          long c = 0;
          if (LoopNest.primaryDim(role, i) == d) {
            c += nest.primaryCoefficient(role, i);
          }
          if (LoopNest.secondaryDim(role, i) == d) {
            c += nest.secondaryCoefficient(role, i);
          }
          coef[l * D + i] = c * nest.stride(l);
        }
      }
      off = new long[pes * D];
      for (int pe = 0; pe < pes; pe++) {
        for (int l = 0; l < loops; l++) {
          if (plan.spatial[l]) {
            for (int i = 0; i < D; i++) {
              off[pe * D + i] += peIdx[pe][l] * coef[l * D + i];
            }
          }
        }
      }
      macLocal = peLocal[0];
      int len = 0;
      int act = 0;
      for (int i = 0; i < D; i++) {
        dimOff[i] = len;
        len += ext[0][i];
        act += ext[0][i] > 1 ? 1 : 0;
      }
      tabLen = len;
      tab = macLocal ? new int[pes * len] : null;
      active = new int[act];
      act = 0;
      for (int i = 0; i < D; i++) {
        if (ext[0][i] > 1) {
          active[act++] = i;
        }
      }
    }

    int slot(int j, int x0, int x1, int x2, int x3, int x4) {
      int[] e = ext[j];
      int[] p = pitch[j];
      return (x0 % e[0]) * p[0]
          + (x1 % e[1]) * p[1]
          + (x2 % e[2]) * p[2]
          + (x3 % e[3]) * p[3]
          + (x4 % e[4]) * p[4];
    }

    /** Computes each level's next temporal origin; marks the levels whose tile moves. */
    void plan(int carry, int[] idx) {
      for (int j = 0; j < m - 1; j++) {
        moving[j] = false;
        if (carry >= start[j]) {
          continue;
        }
        long[] nb = nextBase[j];
        Arrays.fill(nb, 0);
        for (int l = 0; l < start[j]; l++) {
          int v = idx[l];
          if (v != 0 && !plan.spatial[l]) {
            for (int i = 0; i < D; i++) {
              nb[i] += v * coef[l * D + i];
            }
          }
        }
        moving[j] = carry < 0 || !Arrays.equals(nb, base[j]);
      }
    }

    /**
     * Enumerates into {@code buf} the points of the box at {@code nO} not in the box at {@code oO}.
     */
    int diff(int j, long[] nO, int nOff, long[] oO, int oOff, boolean hasOld) {
      int[] e = ext[j];
      int need = D * size[j];
      if (buf.length < need) {
        buf = new int[need];
      }
      int count = 0;
      for (int i = 0; i < D; i++) {
        lo[i] = hasOld ? oO[oOff + i] : 0;
        hi[i] = hasOld ? oO[oOff + i] + e[i] : 0;
      }
      long b0 = nO[nOff];
      long b1 = nO[nOff + 1];
      long b2 = nO[nOff + 2];
      long b3 = nO[nOff + 3];
      long b4 = nO[nOff + 4];
      for (long x0 = b0; x0 < b0 + e[0]; x0++) {
        boolean in0 = x0 >= lo[0] && x0 < hi[0];
        for (long x1 = b1; x1 < b1 + e[1]; x1++) {
          boolean in1 = in0 && x1 >= lo[1] && x1 < hi[1];
          for (long x2 = b2; x2 < b2 + e[2]; x2++) {
            boolean in2 = in1 && x2 >= lo[2] && x2 < hi[2];
            for (long x3 = b3; x3 < b3 + e[3]; x3++) {
              boolean in3 = in2 && x3 >= lo[3] && x3 < hi[3];
              for (long x4 = b4; x4 < b4 + e[4]; x4++) {
                if (in3 && x4 >= lo[4] && x4 < hi[4]) {
                  x4 = hi[4] - 1;
                  continue;
                }
                buf[count++] = (int) x0;
                buf[count++] = (int) x1;
                buf[count++] = (int) x2;
                buf[count++] = (int) x3;
                buf[count++] = (int) x4;
              }
            }
          }
        }
      }
      return count / D;
    }

    /** The new origin of instance {@code k} of level j, into {@code out[outOff..]}. */
    void newOrigin(int j, int k, long[] out, int outOff) {
      for (int i = 0; i < D; i++) {
        out[outOff + i] = nextBase[j][i] + (peLocal[j] ? off[k * D + i] : 0);
      }
    }

    /** Outputs leaving the moving levels, innermost first ({@code flush}: every resident word). */
    void exits(boolean flush) {
      for (int j = 0; j < m - 1; j++) {
        if (!flush && !moving[j]) {
          continue;
        }
        stamp++;
        for (int k = 0; k < inst[j]; k++) {
          int n;
          if (flush) {
            n = diff(j, origin[j], k * D, null, 0, false);
          } else {
            newOrigin(j, k, no, 0);
            n = diff(j, origin[j], k * D, no, 0, true);
          }
          for (int p = 0; p < n; p++) {
            writeBack(j, k, p * D);
          }
        }
      }
    }

    private void writeBack(int j, int k, int at) {
      int x0 = buf[at];
      int x1 = buf[at + 1];
      int x2 = buf[at + 2];
      int x3 = buf[at + 3];
      int x4 = buf[at + 4];
      int pj = j + 1;
      int pk = peLocal[pj] ? k : 0;
      int v = vals[j][k * size[j] + slot(j, x0, x1, x2, x3, x4)];
      int ps = slot(pj, x0, x1, x2, x3, x4);
      int pidx = pk * size[pj] + ps;
      boolean crossing = peLocal[j] && !peLocal[pj];
      if (crossing && stamps[pj][ps] == stamp) {
        vals[pj][pidx] = add(vals[pj][pidx], v);
        reductions++;
        return;
      }
      if (crossing) {
        stamps[pj][ps] = stamp;
        net[o]++;
      }
      vals[pj][pidx] = v;
      valid[pj][pidx] = true;
      count(lv[pj], o, UPDATE, 1);
      if (lv[pj] == plan.dram) {
        segWrites[o]++;
      }
    }

    /** Words entering the moving levels, outermost first; commits the new origins. */
    void entries(boolean first) {
      for (int j = m - 2; j >= 0; j--) {
        if (!moving[j]) {
          continue;
        }
        stamp++;
        long[] org = origin[j];
        for (int k = 0; k < inst[j]; k++) {
          newOrigin(j, k, no, 0);
          int n = diff(j, no, 0, org, k * D, !first);
          for (int p = 0; p < n; p++) {
            enter(j, k, p * D);
          }
          System.arraycopy(no, 0, org, k * D, D);
          if (j == 0 && macLocal) {
            rebuildTable(k);
          }
        }
        System.arraycopy(nextBase[j], 0, base[j], 0, D);
      }
    }

    private void enter(int j, int k, int at) {
      int x0 = buf[at];
      int x1 = buf[at + 1];
      int x2 = buf[at + 2];
      int x3 = buf[at + 3];
      int x4 = buf[at + 4];
      int pj = j + 1;
      int pk = peLocal[pj] ? k : 0;
      int cidx = k * size[j] + slot(j, x0, x1, x2, x3, x4);
      int ps = slot(pj, x0, x1, x2, x3, x4);
      int pidx = pk * size[pj] + ps;
      boolean crossing = peLocal[j] && !peLocal[pj];
      boolean fromDram = lv[pj] == plan.dram;
      if (o != StepPlan.O) {
        vals[j][cidx] = vals[pj][pidx];
        count(lv[j], o, FILL, 1);
        if (crossing) {
          deliveries[o]++;
          if (stamps[pj][ps] == stamp) {
            return;
          }
          stamps[pj][ps] = stamp;
          net[o]++;
        }
        count(lv[pj], o, READ, 1);
        if (fromDram) {
          segReads[o]++;
        }
        return;
      }
      if (valid[pj][pidx] && (!crossing || head[k])) {
        vals[j][cidx] = vals[pj][pidx];
        valid[j][cidx] = true;
        count(lv[j], o, FILL, 1);
        count(lv[pj], o, READ, 1);
        if (crossing) {
          deliveries[o]++;
          net[o]++;
        }
        if (fromDram) {
          segReads[o]++;
        }
      } else {
        vals[j][cidx] = 0;
        valid[j][cidx] = false;
      }
    }

    private void rebuildTable(int k) {
      int b = k * tabLen;
      for (int i = 0; i < D; i++) {
        int e = ext[0][i];
        long org = origin[0][k * D + i];
        for (int r = 0; r < e; r++) {
          tab[b + dimOff[i] + r] = (int) ((org + r) % e) * pitch[0][i];
        }
      }
    }

    /** Prepares the MAC's per-step coordinates: relative (PE-local) or absolute (shared). */
    void macCoordinates(int[] idx) {
      int from = macLocal ? start[0] : 0;
      Arrays.fill(rel, 0);
      for (int l = from; l < loops; l++) {
        int v = idx[l];
        if (v != 0 && !plan.spatial[l]) {
          for (int i = 0; i < D; i++) {
            rel[i] += v * coef[l * D + i];
          }
        }
      }
      if (macLocal) {
        for (int i = 0; i < D; i++) {
          relOff[i] = dimOff[i] + (int) rel[i];
        }
      }
    }

    /** Slot of PE {@code pe}'s MAC operand in the innermost keeper (PE-local: its own copy). */
    int macSlot(int pe) {
      if (macLocal) {
        int b = pe * tabLen;
        int s = pe * size[0];
        for (int a : active) {
          s += tab[b + relOff[a]];
        }
        return s;
      }
      int b = pe * D;
      return slot(
          0,
          (int) (rel[0] + off[b]),
          (int) (rel[1] + off[b + 1]),
          (int) (rel[2] + off[b + 2]),
          (int) (rel[3] + off[b + 3]),
          (int) (rel[4] + off[b + 4]));
    }
  }

  private int add(int a, int b) {
    return fp ? Float.floatToRawIntBits(Float.intBitsToFloat(a) + Float.intBitsToFloat(b)) : a + b;
  }

  /**
   * Reads PE {@code pe}'s MAC operand from chain {@code c}, counting a shared level's reads once.
   */
  private int operand(Chain c, int pe) {
    int s = c.macSlot(pe);
    if (!c.macLocal && c.stamps[0][s] != stamp) {
      c.stamps[0][s] = stamp;
      count(c.lv[0], c.o, READ, 1);
      net[c.o]++;
      if (c.lv[0] == plan.dram) {
        segReads[c.o]++;
      }
    }
    return c.vals[0][s];
  }

  private void macs() {
    Chain cw = chains[StepPlan.W];
    Chain ci = chains[StepPlan.I];
    Chain co = chains[StepPlan.O];
    stamp++;
    int[] out = co.vals[0];
    boolean[] valid = co.valid[0];
    long reads = 0;
    for (int pe = 0; pe < pes; pe++) {
      int w = operand(cw, pe);
      int x = operand(ci, pe);
      int os = co.macSlot(pe);
      if (co.macLocal) {
        if (valid[os]) {
          reads++;
          out[os] = fp ? fma(out[os], w, x) : out[os] + w * x;
        } else {
          out[os] = fp ? fma(0, w, x) : w * x;
          valid[os] = true;
        }
      } else if (co.stamps[0][os] != stamp) {
        co.stamps[0][os] = stamp;
        net[StepPlan.O]++;
        count(co.lv[0], StepPlan.O, UPDATE, 1);
        if (co.lv[0] == plan.dram) {
          segWrites[StepPlan.O]++;
        }
        if (valid[os]) {
          reads++;
          if (co.lv[0] == plan.dram) {
            segReads[StepPlan.O]++;
          }
          out[os] = fp ? fma(out[os], w, x) : out[os] + w * x;
        } else {
          out[os] = fp ? fma(0, w, x) : w * x;
          valid[os] = true;
        }
      } else {
        reductions++;
        out[os] = fp ? fma(out[os], w, x) : out[os] + w * x;
      }
      if (faultNow && pe == fault.pe()) {
        out[os] = add(out[os], fp ? Float.floatToRawIntBits(1f) : 1);
      }
    }
    count(co.lv[0], StepPlan.O, READ, reads);
    if (co.macLocal) {
      count(co.lv[0], StepPlan.O, UPDATE, pes);
    }
    for (int o = 0; o < 2; o++) {
      Chain c = chains[o];
      if (c.macLocal) {
        count(c.lv[0], c.o, READ, pes);
      } else {
        deliveries[c.o] += pes;
      }
    }
  }

  private static int fma(int acc, int w, int x) {
    return Float.floatToRawIntBits(
        Float.intBitsToFloat(acc) + Float.intBitsToFloat(w) * Float.intBitsToFloat(x));
  }

  /**
   * Cycles of the step just done: each cycle every bus moves up to its width of the step's words,
   * and the words a bus reads from or writes to the GLB (bank words, each operand's values packed
   * as the GLB stores them) share the GLB's {@code banks × ports_per_bank} accesses per cycle,
   * weights first; the step lasts until its last word has moved, and at least the MAC's issue
   * interval (the array advances in lock-step). When the buses' widths cannot exceed the ports in
   * any cycle this is the closed form {@code max(issue interval, ceil(words / width))}, which is
   * used without stepping.
   */
  private long stepCost() {
    long c = plan.base;
    if (!portsCanBind) {
      for (int o = 0; o < 3; o++) {
        c = Math.max(c, StepPlan.ceilDiv(net[o], plan.wordsPerCycle[o]));
        net[o] = 0;
      }
      return c;
    }
    long cycles = 0;
    while (net[0] > 0 || net[1] > 0 || net[2] > 0) {
      cycles++;
      long ports = glbPorts;
      for (int o = 0; o < 3; o++) {
        long take = Math.min(net[o], plan.wordsPerCycle[o]);
        if (fromGlb[o]) {
          take = Math.min(take, ports * perBankWord[o]);
          ports -= StepPlan.ceilDiv(take, perBankWord[o]);
        }
        net[o] -= take;
      }
    }
    return Math.max(c, cycles);
  }

  /** Closes a segment: what it read from and wrote to DRAM. */
  private void record() {
    for (int o = 0; o < 3; o++) {
      // A resident operand's words move within the GLB, not to or from DRAM.
      lastReads[o] = plan.resident[o] ? 0 : segReads[o];
      lastWrites[o] = plan.resident[o] ? 0 : segWrites[o];
      segReads[o] = 0;
      segWrites[o] = 0;
    }
  }

  /**
   * Steps the PE array through the next segment (the steps up to the next change of a segment loop,
   * or to the end) and returns the cycles its steps took, each timed from the words it moved on the
   * buses. After the last segment the outputs left in the PEs are flushed ({@link #drainCycles}).
   */
  long nextSegment() {
    if (step >= plan.steps) {
      throw new IllegalStateException("every segment has been stepped");
    }
    long cycles = 0;
    faultNow = fault != null && fault.pass() == segment;
    while (true) {
      for (Chain c : chains) {
        c.entries(step == 0);
        c.macCoordinates(idx);
      }
      macs();
      faultNow = false;
      cycles += stepCost();
      step++;
      if (step == plan.steps) {
        chains[StepPlan.O].exits(true);
        lastDrain =
            StepPlan.ceilDiv(net[StepPlan.O], plan.wordsPerCycle[StepPlan.O]) + plan.macDrain;
        Arrays.fill(net, 0);
        record();
        segment++;
        return cycles;
      }
      int carry = -1;
      for (int t = temporal.length - 1; t >= 0; t--) {
        int l = temporal[t];
        if (++idx[l] < plan.factor[l]) {
          carry = l;
          break;
        }
        idx[l] = 0;
      }
      for (Chain c : chains) {
        c.plan(carry, idx);
      }
      // Outputs leaving at this step were written back by the segment that ends here.
      chains[StepPlan.O].exits(false);
      if (carry < plan.segEnd) {
        record();
        segment++;
        return cycles;
      }
    }
  }

  /** Cycles of flushing the PEs' outputs after the last step, plus the MAC pipeline's drain. */
  long drainCycles() {
    return lastDrain;
  }

  /**
   * Checks that the segment just stepped moved what the planner said segment {@code p} moves
   * ({@code reads} and {@code writes} per operand from {@code offset}); throws if not.
   */
  void checkTraffic(long p, long[] reads, long[] writes, int offset) {
    for (int o = 0; o < 3; o++) {
      if (lastReads[o] != reads[offset + o] || lastWrites[o] != writes[offset + o]) {
        throw new IllegalStateException(
            "segment "
                + p
                + " of "
                + nest.spec().name()
                + ": the stepped array moved "
                + lastReads[o]
                + " reads and "
                + lastWrites[o]
                + " writes of "
                + StepPlan.ROLES[o].key()
                + " to DRAM, the plan "
                + reads[offset + o]
                + " and "
                + writes[offset + o]);
      }
    }
  }

  /** The counts of everything stepped so far. */
  Counters counters() {
    return MulticastExecutor.counters(h, flat, deliveries, reductions, plan.steps * plan.pes, plan);
  }
}
