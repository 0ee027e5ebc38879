package io.arrayflow.dataflows.multicast;

import io.arrayflow.dataflows.exec.Fault;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The cycle fidelity's engine: every instance of every level that keeps an operand (the PEs'
 * register files, the GLB, DRAM) holds its current tile's values in a flat array, indexed by each
 * coordinate modulo the tile's extent so that the overlap of a sliding tile stays in place. At each
 * step (one iteration of the temporal loops) the tiles that change fetch only their missing words
 * from the parent, outputs leaving a level are written back (partial sums of a reduction group
 * added on the network), every PE does its MAC on its register files' values, and everything that
 * moves is counted as it moves. Values are int bits (float32 bits when {@code fp}). Test-checked
 * against the closed forms and the reference engine.
 *
 * <p><b>Runs.</b> The loops inside every operand's innermost level (and inside the array) move no
 * tile: the steps they enumerate, a <i>run</i>, only do MACs on what the register files already
 * hold. A run is stepped as a whole: each PE's operand at the run's first step is a slot of its
 * register file (its <i>class</i>, from the run's coordinates and the PE's spatial offset, modulo
 * the tile), and the slots of the run's later steps are a table per class, built once and reused by
 * every run and PE of that class. When the outputs are PE-local each PE's run touches only its own
 * partial sums, so the engine steps it PE by PE (the same MACs in the same order per register);
 * when PEs add into shared outputs it steps the run step by step, PEs in order, as the network
 * would. Tables are bounded ({@link #TABLE_BUDGET}); a longer run is cut into shorter ones.
 */
final class ValueEngine {
  /** Data dimensions of every operand ({@link LoopNest#dataDims}). */
  private static final int D = 5;

  private static final int READ = AccessAction.READ.ordinal();
  private static final int FILL = AccessAction.FILL.ordinal();
  private static final int UPDATE = AccessAction.UPDATE.ordinal();

  /** Most ints of run tables (slots per class, plus the run's coordinates) per operand. */
  private static final long TABLE_BUDGET = 1 << 21;

  /**
   * Fewest PEs of equal classes stepped together ({@link #macRange}); fewer are stepped PE by PE,
   * where the per-step cost of a range loop would not pay off.
   */
  private static final int WIDE = 4;

  private final StepPlan plan;
  private final LoopNest nest;
  private final Hierarchy h;
  private final boolean fp;
  private final int loops;
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
  private final int[] diffLo = new int[D];
  private final int[] diffHi = new int[D];

  // Runs: the loops from runFrom inward, runSteps steps; the temporal loops outside them.
  private final int runFrom;
  private final int runSteps;
  private final int[] outer;

  /**
   * Each PE's column in the PE-minor register files ({@link Chain#rows}), and the PE at each
   * column: PEs ordered by their classes, so that PEs of equal classes sit side by side even when
   * they are not neighbours in the array.
   */
  private final int[] col;

  private final int[] peAt;

  /** Bounds of the ranges of columns whose PEs' classes are all equal. */
  private final int[] ranges;

  /** Words each operand moves on its bus at every step of the current run (shared operands). */
  private final long[] shared = new long[3];

  private final long[] scratch = new long[3];

  // Where the stepping is: the next step and its loop indices.
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
    runFrom = runFrom();
    long l = 1;
    int n = 0;
    for (int k = 0; k < loops; k++) {
      if (!plan.spatial[k]) {
        if (k >= runFrom) {
          l *= plan.factor[k];
        } else {
          n++;
        }
      }
    }
    runSteps = (int) l;
    outer = new int[n];
    n = 0;
    for (int k = 0; k < runFrom; k++) {
      if (!plan.spatial[k]) {
        outer[n++] = k;
      }
    }
    idx = new int[loops];
    for (Chain c : chains) {
      c.runTables();
      c.plan(-1);
    }
    // Stable: PEs of equal classes keep their order (the array's, when every class is one).
    peAt =
        IntStream.range(0, pes)
            .boxed()
            .sorted(
                Comparator.<Integer>comparingInt(k -> chains[0].macClass[k])
                    .thenComparingInt(k -> chains[1].macClass[k])
                    .thenComparingInt(k -> chains[2].macClass[k]))
            .mapToInt(Integer::intValue)
            .toArray();
    col = new int[pes];
    for (int c = 0; c < pes; c++) {
      col[peAt[c]] = c;
    }
    int[] bounds = new int[pes + 1];
    int r = 0;
    for (int c = 0; c < pes; c++) {
      if (c == 0 || !sameClasses(peAt[c - 1], peAt[c])) {
        bounds[r++] = c;
      }
    }
    bounds[r++] = pes;
    ranges = Arrays.copyOf(bounds, r);
    for (Chain c : chains) {
      for (int j = 0; j < c.m - 1; j++) {
        int[][] g = c.moveGroups[j];
        c.moveCols[j] = new int[g.length][];
        for (int i = 0; i < g.length; i++) {
          c.moveCols[j][i] = c.peLocal[j] ? Arrays.stream(g[i]).map(k -> col[k]).toArray() : g[i];
        }
      }
    }
  }

  private boolean sameClasses(int a, int b) {
    for (Chain c : chains) {
      if (c.macClass[a] != c.macClass[b]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first loop of a run: runs stay inside a segment and inside the array, and hold no loop that
   * moves a tile of any level (a loop outside a level moves its tile only if the operand's
   * coordinates depend on it); moved inward while some operand's run tables would exceed {@link
   * #TABLE_BUDGET}.
   */
  private int runFrom() {
    int from = plan.segEnd;
    for (int l = 0; l < loops; l++) {
      if (plan.spatial[l]) {
        from = Math.max(from, l + 1);
      }
      for (Chain c : chains) {
        for (int j = 0; j < c.m - 1; j++) {
          if (l < c.start[j] && c.moves(l)) {
            from = Math.max(from, l + 1);
          }
        }
      }
    }
    while (from < loops && !fits(from)) {
      from++;
    }
    return from;
  }

  private boolean fits(int from) {
    long l = 1;
    for (int k = from; k < loops; k++) {
      if (!plan.spatial[k]) {
        l *= plan.factor[k];
        if (l > TABLE_BUDGET) {
          return false;
        }
      }
    }
    for (Chain c : chains) {
      if (l * ((c.local ? c.size[0] : c.classOff.length) + D) > TABLE_BUDGET) {
        return false;
      }
    }
    return true;
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

  /**
   * Enumerates into {@code buf} the points {@code r} of the box {@code [0, e)} for which {@code r +
   * shift} is outside it (every point when {@code all}), innermost dimension fastest: the words a
   * tile moving by {@code shift} gains, relative to its new origin, or (with the shift negated) the
   * words it loses, relative to its old one. The same for every instance of a level, whose tiles
   * all move together.
   */
  private int diff(int[] e, long[] shift, boolean all) {
    int need = D * e[0] * e[1] * e[2] * e[3] * e[4];
    if (buf.length < need) {
      buf = new int[need];
    }
    int[] lo = diffLo;
    int[] hi = diffHi;
    for (int i = 0; i < D; i++) {
      lo[i] = all ? 0 : (int) Math.max(0, Math.min(e[i], -shift[i]));
      hi[i] = all ? 0 : (int) Math.max(0, Math.min(e[i], e[i] - shift[i]));
    }
    int count = 0;
    for (int x0 = 0; x0 < e[0]; x0++) {
      boolean in0 = x0 >= lo[0] && x0 < hi[0];
      for (int x1 = 0; x1 < e[1]; x1++) {
        boolean in1 = in0 && x1 >= lo[1] && x1 < hi[1];
        for (int x2 = 0; x2 < e[2]; x2++) {
          boolean in2 = in1 && x2 >= lo[2] && x2 < hi[2];
          for (int x3 = 0; x3 < e[3]; x3++) {
            boolean in3 = in2 && x3 >= lo[3] && x3 < hi[3];
            for (int x4 = 0; x4 < e[4]; x4++) {
              if (in3 && x4 >= lo[4] && x4 < hi[4]) {
                x4 = hi[4] - 1;
                continue;
              }
              buf[count++] = x0;
              buf[count++] = x1;
              buf[count++] = x2;
              buf[count++] = x3;
              buf[count++] = x4;
            }
          }
        }
      }
    }
    return count / D;
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

    /** Values of a level held once (the GLB, DRAM): {@code [slot]}; null for a PE-local level. */
    final int[][] vals;

    /**
     * Values of a PE-local level, PE-minor: {@code [slot][pe]}, one row per slot of the register
     * file holding that slot of every PE. PEs of a class read the same slot at every step, so a
     * step of a run is one loop over a contiguous range of PEs in each row, which the JIT turns
     * into vector instructions (it does not for one flat array indexed from several offsets).
     */
    final int[][][] rows;

    final boolean[][] valid;
    final int[][] stamps;

    /** Per level, the data dimensions its tile spans more than one value of. */
    final int[][] act;

    /** Temporal part of each level's origin: current, and at the next step (kept as loops move). */
    final long[][] base;

    final long[][] nextBase;
    final boolean[] moving;

    /** Data-space step of loop l along data dimension i: {@code coef[l * D + i]}. */
    final long[] coef;

    /** Per level, each PE's spatial offset modulo the level's extents: {@code [pe * D + i]}. */
    final int[][] offMod;

    /**
     * Per level that moves, its instances grouped by their offsets modulo the level's and its
     * parent's extents, each group in ascending order: the instances of a group fetch and write
     * back the same slots of their tiles from and to the same slots of the parent, so a move
     * computes those slots once per group. PEs that add into the same parent word have the same
     * offset, so within a group they still add in PE order.
     */
    final int[][][] moveGroups;

    /** {@link #moveGroups} as columns of the PE-minor register files ({@link ValueEngine#col}). */
    final int[][][] moveCols;

    // Scratch for a move (no allocation per move): shift, origins, rotations and slots.
    final long[] shift = new long[D];
    final int[] childMod = new int[D];
    final int[] parentMod = new int[D];
    final int[] rc = new int[D];
    final int[] rp = new int[D];
    int[] childSlots = new int[64];
    int[] parentSlots = new int[64];

    /** Whether the MACs read this operand from a PE-local register file (else a shared level). */
    final boolean local;

    /** The temporal coordinate of the current run's first step (the loops outside the run). */
    final long[] t = new long[D];

    /** {@link #t} modulo the innermost level's extents, as the classes' slots were last set. */
    final int[] tMod = new int[D];

    boolean classesKnown;

    /**
     * Each PE's class: PEs whose offsets are equal modulo the innermost level's extents read the
     * same slots (of their own register files, or of the shared level) at every step.
     */
    final int[] macClass;

    /** Per class, its PEs' offset modulo the innermost level's extents. */
    final int[][] classOff;

    /** Per class, the slot its PEs' operand has at each step of the current run. */
    final int[][] classSlots;

    /** Per class, where each step's stretch of steps on the same slot ends ({@link #mac}). */
    final int[][] classEnds;

    /** Shared operands: whether the PE is the first of its class, the one the network serves. */
    final boolean[] first;

    /** Run coordinates {@code [s * D + i]}: the run's step s relative to its first. */
    int[] runRel;

    /**
     * PE-local operands: per slot of the register file, the slots of a run starting there (built
     * when first met, kept for the layer: a register file has few slots). A shared operand's
     * classes get theirs computed per run instead, since its level has too many slots to keep.
     */
    int[][] runSlots;

    /** Per slot of the innermost level, the stretch ends of {@link #runSlots}. */
    int[][] runEnds;

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
      rows = new int[m][][];
      valid = new boolean[m][];
      stamps = new int[m][];
      act = new int[m][];
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
        final int[] x = ext[j];
        act[j] = IntStream.range(0, D).filter(i -> x[i] > 1).toArray();
        if (j > 0) {
          for (int i = 0; i < D; i++) {
            if (ext[j - 1][i] > ext[j][i]) {
              throw new IllegalStateException(
                  "a tile of " + role.key() + " is larger than its parent's in dimension " + i);
            }
          }
        }
        size[j] = Math.toIntExact(s);
        if (j == m - 1) {
          vals[j] = top != null ? top : new int[size[j]];
        } else if (peLocal[j]) {
          rows[j] = new int[size[j]][inst[j]];
        } else {
          vals[j] = new int[size[j]];
        }
        if (o == StepPlan.O) {
          valid[j] = new boolean[inst[j] * size[j]];
        }
        if (!peLocal[j]) {
          stamps[j] = new int[size[j]];
        }
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
      long[] off = new long[D];
      offMod = new int[m][pes * D];
      for (int pe = 0; pe < pes; pe++) {
        Arrays.fill(off, 0);
        for (int l = 0; l < loops; l++) {
          if (plan.spatial[l]) {
            for (int i = 0; i < D; i++) {
              off[i] += peIdx[pe][l] * coef[l * D + i];
            }
          }
        }
        for (int j = 0; j < m; j++) {
          for (int i = 0; i < D; i++) {
            offMod[j][pe * D + i] = (int) (off[i] % ext[j][i]);
          }
        }
      }
      moveGroups = new int[m][][];
      moveCols = new int[m][][];
      for (int j = 0; j < m - 1; j++) {
        int[] child = offMod[j];
        int[] parent = offMod[j + 1];
        moveGroups[j] =
            peLocal[j]
                ? groups(
                    k -> {
                      int[] key = Arrays.copyOfRange(child, k * D, k * D + 2 * D);
                      System.arraycopy(parent, k * D, key, D, D);
                      return key;
                    })
                : new int[][] {{0}};
      }
      local = peLocal[0];
      int[] a = act[0];
      int[][] byClass = groups(k -> Arrays.stream(a).map(i -> offMod[0][k * D + i]).toArray());
      macClass = new int[pes];
      classOff = new int[byClass.length][];
      first = new boolean[pes];
      for (int c = 0; c < byClass.length; c++) {
        for (int k : byClass[c]) {
          macClass[k] = c;
        }
        classOff[c] = Arrays.copyOfRange(offMod[0], byClass[c][0] * D, byClass[c][0] * D + D);
        first[byClass[c][0]] = true;
      }
      classSlots = new int[byClass.length][];
      classEnds = new int[byClass.length][];
    }

    /** PEs grouped by {@code key}: equal keys together, groups in order of their first PE. */
    private int[][] groups(IntFunction<int[]> key) {
      Map<List<Integer>, List<Integer>> byKey = new LinkedHashMap<>();
      for (int k = 0; k < pes; k++) {
        List<Integer> kk = Arrays.stream(key.apply(k)).boxed().toList();
        byKey.computeIfAbsent(kk, x -> new ArrayList<>()).add(k);
      }
      return byKey.values().stream()
          .map(g -> g.stream().mapToInt(Integer::intValue).toArray())
          .toArray(int[][]::new);
    }

    /** The run's coordinates and empty tables, once the run's loops are known. */
    void runTables() {
      runRel = new int[runSteps * D];
      int[] at = new int[loops];
      int[] rel = new int[D];
      for (int s = 1; s < runSteps; s++) {
        for (int l = loops - 1; l >= runFrom; l--) {
          if (plan.spatial[l]) {
            continue;
          }
          if (++at[l] < plan.factor[l]) {
            for (int i = 0; i < D; i++) {
              rel[i] += (int) coef[l * D + i];
            }
            break;
          }
          for (int i = 0; i < D; i++) {
            rel[i] -= (int) ((plan.factor[l] - 1) * coef[l * D + i]);
          }
          at[l] = 0;
        }
        System.arraycopy(rel, 0, runRel, s * D, D);
      }
      if (local) {
        runSlots = new int[size[0]][];
        runEnds = new int[size[0]][];
      } else {
        for (int c = 0; c < classOff.length; c++) {
          classSlots[c] = new int[runSteps];
        }
      }
    }

    /** Marks the levels whose tile moves at a step of carry loop {@code carry} (-1: the first). */
    void plan(int carry) {
      for (int j = 0; j < m - 1; j++) {
        moving[j] = carry < 0 || (carry < start[j] && !Arrays.equals(nextBase[j], base[j]));
      }
    }

    /** Whether loop l moves this operand's coordinates. */
    boolean moves(int l) {
      for (int i = 0; i < D; i++) {
        if (coef[l * D + i] != 0) {
          return true;
        }
      }
      return false;
    }

    /** Moves the run's coordinate and the levels' next origins by {@code times} steps of loop l. */
    void advance(int l, long times) {
      for (int i = 0; i < D; i++) {
        long d = times * coef[l * D + i];
        t[i] += d;
        for (int j = 0; j < m - 1 && l < start[j]; j++) {
          nextBase[j][i] += d;
        }
      }
    }

    /** Outputs leaving the moving levels, innermost first ({@code flush}: every resident word). */
    void exits(boolean flush) {
      for (int j = 0; j < m - 1; j++) {
        if (!flush && !moving[j]) {
          continue;
        }
        stamp++;
        for (int i = 0; i < D; i++) {
          shift[i] = base[j][i] - nextBase[j][i];
        }
        moveOut(j, diff(ext[j], shift, flush));
      }
    }

    /** Words entering the moving levels, outermost first; commits the new origins. */
    void entries(boolean first) {
      for (int j = m - 2; j >= 0; j--) {
        if (!moving[j]) {
          continue;
        }
        stamp++;
        for (int i = 0; i < D; i++) {
          shift[i] = nextBase[j][i] - base[j][i];
        }
        moveIn(j, diff(ext[j], shift, first));
        System.arraycopy(nextBase[j], 0, base[j], 0, D);
      }
    }

    /** Takes the temporal origin {@code o} modulo level j's and its parent's extents. */
    private void origins(int j, long[] o) {
      for (int i = 0; i < D; i++) {
        childMod[i] = mod(o[i], ext[j][i]);
        parentMod[i] = mod(o[i], ext[j + 1][i]);
      }
    }

    /**
     * The slots, in level j and in its parent, of the {@code n} points in {@code buf} (relative to
     * the tile's origin) for the instances of a group, whose first is {@code k}: a point {@code r}
     * sits at {@code (origin + offset + r) mod ext} in each. Every sum stays below twice the
     * extent, so a subtraction replaces the division per word.
     */
    private void slots(int j, int k, int n) {
      if (childSlots.length < n) {
        childSlots = new int[n];
        parentSlots = new int[n];
      }
      int[] ce = ext[j];
      int[] pe = ext[j + 1];
      int[] cp = pitch[j];
      int[] pp = pitch[j + 1];
      int[] oc = offMod[j];
      int[] op = offMod[j + 1];
      boolean spatial = peLocal[j];
      int pc = 0;
      for (int i = 0; i < D; i++) {
        int c = childMod[i] + (spatial ? oc[k * D + i] : 0);
        int p = parentMod[i] + (spatial ? op[k * D + i] : 0);
        rc[i] = c >= ce[i] ? c - ce[i] : c;
        rp[i] = p >= pe[i] ? p - pe[i] : p;
        if (ce[i] == 1) {
          pc += rp[i] * pp[i];
        }
      }
      // Dimension by dimension over all points, so that a dimension's residues, extents and
      // pitches stay in registers across the points (a move's points are few, its groups many).
      Arrays.fill(childSlots, 0, n, 0);
      Arrays.fill(parentSlots, 0, n, pc);
      for (int i : act[j]) {
        int ci = rc[i];
        int pi = rp[i];
        int cx = ce[i];
        int px = pe[i];
        int cpi = cp[i];
        int ppi = pp[i];
        for (int p = 0, b = i; p < n; p++, b += D) {
          int r = buf[b];
          int x = ci + r;
          int y = pi + r;
          childSlots[p] += (x >= cx ? x - cx : x) * cpi;
          parentSlots[p] += (y >= px ? y - px : y) * ppi;
        }
      }
    }

    /**
     * Writes the {@code n} points in {@code buf} (relative to the old origin) of every instance of
     * level j back to the parent: a partial sum of a reduction group is added on the network, any
     * other value replaces the parent's.
     */
    private void moveOut(int j, int n) {
      int pj = j + 1;
      boolean crossing = peLocal[j] && !peLocal[pj];
      int[] cv = vals[j];
      int[][] cr = rows[j];
      int[] pv = vals[pj];
      int[][] pr = rows[pj];
      boolean[] pValid = valid[pj];
      int[] st = stamps[pj];
      long updates = 0;
      long sums = 0;
      origins(j, base[j]);
      for (int gi = 0; gi < moveGroups[j].length; gi++) {
        int[] group = moveGroups[j][gi];
        int[] cols = moveCols[j][gi];
        slots(j, group[0], n);
        if (crossing) {
          // Register files into a shared level: word by word, the group's PEs (one row of the
          // PE-minor register file) in PE order, so each parent word's sum adds in PE order as
          // the network does; the first PE to reach a word this move writes it.
          for (int p = 0; p < n; p++) {
            int[] row = cr[childSlots[p]];
            int ps = parentSlots[p];
            int from = 0;
            if (st[ps] != stamp) {
              st[ps] = stamp;
              pv[ps] = row[cols[0]];
              pValid[ps] = true;
              updates++;
              from = 1;
            }
            int acc = pv[ps];
            for (int g = from; g < cols.length; g++) {
              acc = add(acc, row[cols[g]]);
            }
            pv[ps] = acc;
            sums += group.length - from;
          }
          continue;
        }
        for (int k : group) {
          int pb = peLocal[pj] ? k * size[pj] : 0;
          for (int p = 0; p < n; p++) {
            int v = cr != null ? cr[childSlots[p]][col[k]] : cv[childSlots[p]];
            int ps = parentSlots[p];
            if (crossing && st[ps] == stamp) {
              pv[ps] = add(pv[ps], v);
              sums++;
              continue;
            }
            if (crossing) {
              st[ps] = stamp;
            }
            if (pr != null) {
              pr[ps][col[k]] = v;
            } else {
              pv[ps] = v;
            }
            pValid[pb + ps] = true;
            updates++;
          }
        }
      }
      reductions += sums;
      if (crossing) {
        net[o] += updates;
      }
      count(lv[pj], o, UPDATE, updates);
      if (lv[pj] == plan.dram) {
        segWrites[o] += updates;
      }
    }

    /**
     * Fetches the {@code n} points in {@code buf} (relative to the new origin) of every instance of
     * level j from the parent, counting a multicast once at the parent and once per receiving PE.
     * An output whose parent holds no partial sum yet (or that another PE of its reduction group
     * receives) starts at zero, not read; in a PE's register file its first MAC then does not read
     * it either, which is counted here.
     */
    private void moveIn(int j, int n) {
      int pj = j + 1;
      boolean crossing = peLocal[j] && !peLocal[pj];
      boolean outputs = o == StepPlan.O;
      int[] cv = vals[j];
      int[][] cr = rows[j];
      int[] pv = vals[pj];
      int[][] pr = rows[pj];
      boolean[] cValid = valid[j];
      boolean[] pValid = valid[pj];
      int[] st = stamps[pj];
      long fills = 0;
      long reads = 0;
      long sent = 0;
      long delivered = 0;
      long zeros = 0;
      origins(j, nextBase[j]);
      for (int gi = 0; gi < moveGroups[j].length; gi++) {
        int[] group = moveGroups[j][gi];
        int[] cols = moveCols[j][gi];
        slots(j, group[0], n);
        if (crossing) {
          // A shared level into register files: word by word, one parent word multicast to the
          // group's PEs (one row of the PE-minor register file); counts per word, not per PE.
          int g = group.length;
          for (int p = 0; p < n; p++) {
            int cs = childSlots[p];
            int[] row = cr[cs];
            int ps = parentSlots[p];
            int v = pv[ps];
            if (!outputs) {
              for (int c : cols) {
                row[c] = v;
              }
              fills += g;
              delivered += g;
              if (st[ps] != stamp) {
                st[ps] = stamp;
                sent++;
                reads++;
              }
              continue;
            }
            boolean held = pValid[ps];
            for (int q = 0; q < group.length; q++) {
              int k = group[q];
              if (held && head[k]) {
                row[cols[q]] = v;
                cValid[k * size[j] + cs] = true;
                fills++;
              } else {
                row[cols[q]] = 0;
                cValid[k * size[j] + cs] = false;
                zeros++;
              }
            }
          }
          continue;
        }
        for (int k : group) {
          int cb = k * size[j];
          int pb = peLocal[pj] ? k * size[pj] : 0;
          boolean receives = !crossing || head[k];
          for (int p = 0; p < n; p++) {
            int cs = childSlots[p];
            int ps = parentSlots[p];
            int[] row = cr != null ? cr[cs] : cv;
            int at = cr != null ? col[k] : cs;
            if (!outputs) {
              row[at] = pr != null ? pr[ps][col[k]] : pv[ps];
              fills++;
              if (crossing) {
                delivered++;
                if (st[ps] == stamp) {
                  continue;
                }
                st[ps] = stamp;
                sent++;
              }
              reads++;
            } else if (pValid[pb + ps] && receives) {
              row[at] = pr != null ? pr[ps][col[k]] : pv[ps];
              cValid[cb + cs] = true;
              fills++;
              reads++;
              if (crossing) {
                delivered++;
                sent++;
              }
            } else {
              row[at] = 0;
              cValid[cb + cs] = false;
              zeros++;
            }
          }
        }
      }
      if (crossing && outputs) {
        // Every output word a PE received was read from the parent and sent to that PE alone.
        reads += fills;
        delivered += fills;
        sent += fills;
      }
      count(lv[j], o, FILL, fills);
      count(lv[pj], o, READ, reads);
      deliveries[o] += delivered;
      net[o] += sent;
      if (lv[pj] == plan.dram) {
        segReads[o] += reads;
      }
      if (outputs && j == 0 && local) {
        count(lv[0], o, READ, -zeros);
      }
    }

    /**
     * Sets each class's slots for the run about to be stepped: its operand at the run's first step
     * is at {@code (t + offset) mod ext} in the innermost level. Kept when {@code t}'s residues did
     * not change.
     */
    void classes() {
      int[] e = ext[0];
      boolean same = classesKnown;
      for (int i = 0; i < D; i++) {
        int r = mod(t[i], e[i]);
        same &= r == tMod[i];
        tMod[i] = r;
      }
      if (same) {
        return;
      }
      classesKnown = true;
      int[] p = pitch[0];
      int[] a = act[0];
      for (int c = 0; c < classOff.length; c++) {
        int s = 0;
        for (int i : a) {
          int x = tMod[i] + classOff[c][i];
          s += (x >= e[i] ? x - e[i] : x) * p[i];
        }
        if (!local) {
          runFrom(s, classSlots[c]);
          continue;
        }
        if (runSlots[s] == null) {
          runSlots[s] = runFrom(s, new int[runSteps]);
          runEnds[s] = stretches(runSlots[s]);
        }
        classSlots[c] = runSlots[s];
        classEnds[c] = runEnds[s];
      }
    }

    /**
     * For each step, the first later step on another slot (or the run's end); null when stretches
     * are shorter than two steps on average, where the plain loop is faster.
     */
    private int[] stretches(int[] slots) {
      int[] ends = new int[slots.length];
      int count = 0;
      for (int s = slots.length - 1; s >= 0; s--) {
        boolean same = s + 1 < slots.length && slots[s + 1] == slots[s];
        ends[s] = same ? ends[s + 1] : s + 1;
        count += same ? 0 : 1;
      }
      return 2 * count > slots.length ? null : ends;
    }

    /** Into {@code out}, the innermost level's slots at each step of a run starting at slot c. */
    private int[] runFrom(int c, int[] out) {
      int[] e = ext[0];
      int[] p = pitch[0];
      int[] a = act[0];
      for (int s = 0; s < runSteps; s++) {
        int slot = 0;
        for (int i : a) {
          int x = c / p[i] % e[i] + runRel[s * D + i];
          slot += (x >= e[i] ? x - e[i] : x) * p[i];
        }
        out[s] = slot;
      }
      return out;
    }
  }

  /**
   * {@code x mod e} for a coordinate {@code x >= 0}: a long division costs more than the MACs of a
   * short run, and most extents of a tile are 1 or the coordinate fits an int.
   */
  private static int mod(long x, int e) {
    if (e == 1) {
      return 0;
    }
    return x <= Integer.MAX_VALUE ? (int) x % e : (int) (x % e);
  }

  private int add(int a, int b) {
    return fp ? Float.floatToRawIntBits(Float.intBitsToFloat(a) + Float.intBitsToFloat(b)) : a + b;
  }

  private int one() {
    return fp ? Float.floatToRawIntBits(1f) : 1;
  }

  /**
   * The MACs of one run, every PE, and their counts; leaves in {@link #shared} the words a step of
   * the run moves on each bus (operands the PEs read from or add into a shared level).
   */
  private void run() {
    Chain cw = chains[StepPlan.W];
    Chain ci = chains[StepPlan.I];
    Chain co = chains[StepPlan.O];
    for (Chain c : chains) {
      c.classes();
    }
    int strike = faultNow && fault.pe() < pes ? (int) fault.pe() : -1;
    if (co.local) {
      runPeByPe(cw, ci, co, strike);
    } else {
      runStepByStep(cw, ci, co, strike);
    }
    long macs = (long) pes * runSteps;
    for (int o = 0; o < 2; o++) {
      Chain c = chains[o];
      if (c.local) {
        count(c.lv[0], o, READ, macs);
        shared[o] = 0;
      } else {
        long words = (long) c.classOff.length * runSteps;
        count(c.lv[0], o, READ, words);
        deliveries[o] += macs;
        shared[o] = c.classOff.length;
        if (c.lv[0] == plan.dram) {
          segReads[o] += words;
        }
      }
    }
  }

  /**
   * PE-local outputs: no other PE touches a PE's partial sums and nothing moves during a run, so
   * the run is stepped range by range of {@link #ranges} (columns of PEs of equal classes, reading
   * the same slots at every step); a register the run writes for the first time holds zero and is
   * not read (the first write of an output).
   */
  private void runPeByPe(Chain cw, Chain ci, Chain co, int struck) {
    int strike = struck < 0 ? -1 : col[struck];
    for (int r = 0; r + 1 < ranges.length; r++) {
      int lo = ranges[r];
      int hi = ranges[r + 1];
      int[] sw = cw.classSlots[cw.macClass[peAt[lo]]];
      int[] sx = ci.classSlots[ci.macClass[peAt[lo]]];
      int[] so = co.classSlots[co.macClass[peAt[lo]]];
      if (hi - lo >= WIDE && !fp) {
        macRange(cw, sw, ci, sx, co.rows[0], so, lo, hi, strike);
        continue;
      }
      int[] ends = co.classEnds[co.macClass[peAt[lo]]];
      for (int k = lo; k < hi; k++) {
        int from = 0;
        if (k == strike) {
          mac(cw, sw, ci, sx, co.rows[0], so, k, ends, 0, 1);
          int[] row = co.rows[0][so[0]];
          row[k] = add(row[k], one());
          from = 1;
        }
        mac(cw, sw, ci, sx, co.rows[0], so, k, ends, from, runSteps);
      }
    }
    long macs = (long) pes * runSteps;
    count(co.lv[0], StepPlan.O, UPDATE, macs);
    count(co.lv[0], StepPlan.O, READ, macs);
    shared[StepPlan.O] = 0;
  }

  /**
   * The hot loop (integers): a run over columns {@code [lo, hi)} of equal classes, step by step.
   * The register files are PE-minor ({@link Chain#rows}), so each step is one loop over the range
   * on three rows with the same index, which the JIT vectorizes; a shared operand is one word for
   * the whole range. Each register's additions keep their step order, so the sums are those of one
   * MAC per PE per step.
   */
  private void macRange(
      Chain cw, int[] sw, Chain ci, int[] sx, int[][] ro, int[] so, int lo, int hi, int strike) {
    int[][] rw = cw.rows[0];
    int[][] rx = ci.rows[0];
    int[] vw = cw.vals[0];
    int[] vx = ci.vals[0];
    boolean struck = strike >= lo && strike < hi;
    // One shape of inner loop per locality, chosen once per run rather than per step.
    for (int s = 0; s < runSteps; s++) {
      int[] o = ro[so[s]];
      if (rw != null && rx != null) {
        int[] w = rw[sw[s]];
        int[] x = rx[sx[s]];
        for (int k = lo; k < hi; k++) {
          o[k] += w[k] * x[k];
        }
      } else if (rw != null) {
        int[] w = rw[sw[s]];
        int x = vx[sx[s]];
        for (int k = lo; k < hi; k++) {
          o[k] += w[k] * x;
        }
      } else if (rx != null) {
        int w = vw[sw[s]];
        int[] x = rx[sx[s]];
        for (int k = lo; k < hi; k++) {
          o[k] += w * x[k];
        }
      } else {
        int wx = vw[sw[s]] * vx[sx[s]];
        for (int k = lo; k < hi; k++) {
          o[k] += wx;
        }
      }
      if (s == 0 && struck) {
        o[strike] = add(o[strike], one());
      }
    }
  }

  /**
   * One PE's MACs over steps {@code [from, to)} of a run (ranges narrower than {@link #WIDE}, and
   * floats). A partial sum stays in a register while consecutive steps add into it ({@code
   * ends[s]}: where its stretch ends), so the loop carries no store-to-load dependency through
   * memory; the additions happen in the same order as one per step.
   */
  private void mac(
      Chain cw,
      int[] sw,
      Chain ci,
      int[] sx,
      int[][] ro,
      int[] so,
      int k,
      int[] ends,
      int from,
      int to) {
    int[][] rw = cw.rows[0];
    int[][] rx = ci.rows[0];
    int[] vw = cw.vals[0];
    int[] vx = ci.vals[0];
    int s = from;
    while (s < to) {
      int[] o = ro[so[s]];
      int end = ends == null ? s + 1 : Math.min(ends[s], to);
      int acc = o[k];
      for (; s < end; s++) {
        int w = rw != null ? rw[sw[s]][k] : vw[sw[s]];
        int x = rx != null ? rx[sx[s]][k] : vx[sx[s]];
        acc = fma(acc, w, x);
      }
      o[k] = acc;
    }
  }

  /**
   * Outputs in a shared level: PEs of a class add into the same word, so the run is stepped step by
   * step, PEs in order, as the network reduces them; the first PE of a class writes the word (and
   * reads it, unless this is its first write), the others' sums are reductions.
   */
  private void runStepByStep(Chain cw, Chain ci, Chain co, int strike) {
    int[][] rw = cw.rows[0];
    int[][] rx = ci.rows[0];
    int[] vw = cw.vals[0];
    int[] vx = ci.vals[0];
    int[] vo = co.vals[0];
    boolean[] valid = co.valid[0];
    long reads = 0;
    for (int s = 0; s < runSteps; s++) {
      for (int k = 0; k < pes; k++) {
        int sw = cw.classSlots[cw.macClass[k]][s];
        int sx = ci.classSlots[ci.macClass[k]][s];
        int w = rw != null ? rw[sw][col[k]] : vw[sw];
        int x = rx != null ? rx[sx][col[k]] : vx[sx];
        int os = co.classSlots[co.macClass[k]][s];
        if (co.first[k]) {
          if (valid[os]) {
            reads++;
          } else {
            valid[os] = true;
          }
        }
        vo[os] = fma(vo[os], w, x);
        if (s == 0 && k == strike) {
          vo[os] = add(vo[os], one());
        }
      }
    }
    long words = (long) co.classOff.length * runSteps;
    count(co.lv[0], StepPlan.O, UPDATE, words);
    count(co.lv[0], StepPlan.O, READ, reads);
    reductions += (long) pes * runSteps - words;
    shared[StepPlan.O] = co.classOff.length;
    if (co.lv[0] == plan.dram) {
      segWrites[StepPlan.O] += words;
      segReads[StepPlan.O] += reads;
    }
  }

  private int fma(int acc, int w, int x) {
    if (!fp) {
      return acc + w * x;
    }
    return Float.floatToRawIntBits(
        Float.intBitsToFloat(acc) + Float.intBitsToFloat(w) * Float.intBitsToFloat(x));
  }

  /**
   * Cycles of a step moving {@code words} per operand: each cycle every bus moves up to its width
   * of the step's words, and the words a bus reads from or writes to the GLB (bank words, each
   * operand's values packed as the GLB stores them) share the GLB's {@code banks × ports_per_bank}
   * accesses per cycle, weights first; the step lasts until its last word has moved, and at least
   * the MAC's issue interval (the array advances in lock-step). When the buses' widths cannot
   * exceed the ports in any cycle this is the closed form {@code max(issue interval, ceil(words /
   * width))}, which is used without stepping.
   */
  private long stepCycles(long[] words) {
    long c = plan.base;
    if (!portsCanBind) {
      for (int o = 0; o < 3; o++) {
        c = Math.max(c, StepPlan.ceilDiv(words[o], plan.wordsPerCycle[o]));
      }
      return c;
    }
    long[] left = scratch;
    System.arraycopy(words, 0, left, 0, 3);
    long cycles = 0;
    while (left[0] > 0 || left[1] > 0 || left[2] > 0) {
      cycles++;
      long ports = glbPorts;
      for (int o = 0; o < 3; o++) {
        long take = Math.min(left[o], plan.wordsPerCycle[o]);
        if (fromGlb[o]) {
          take = Math.min(take, ports * perBankWord[o]);
          ports -= StepPlan.ceilDiv(take, perBankWord[o]);
        }
        left[o] -= take;
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
      }
      run();
      faultNow = false;
      // The run's first step also moves the words its tiles fetched and the previous step wrote
      // back; the others only what the PEs read from or add into shared levels.
      for (int o = 0; o < 3; o++) {
        net[o] += shared[o];
      }
      cycles += stepCycles(net);
      Arrays.fill(net, 0);
      if (runSteps > 1) {
        cycles += (runSteps - 1) * stepCycles(shared);
      }
      step += runSteps;
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
      for (int t = outer.length - 1; t >= 0; t--) {
        int l = outer[t];
        if (++idx[l] < plan.factor[l]) {
          carry = l;
          for (Chain c : chains) {
            c.advance(l, 1);
          }
          break;
        }
        for (Chain c : chains) {
          c.advance(l, 1 - plan.factor[l]);
        }
        idx[l] = 0;
      }
      for (Chain c : chains) {
        c.plan(carry);
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
