package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.cost.EnergyCost;
import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.dataflows.multicast.MulticastExecutor;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.engine.TimingEngine;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.Arrays;

/**
 * The mapper's scoring function: for a {@link Candidate} of one op on one multicast architecture,
 * exactly the cycles of {@link MulticastExecutor#analytical} and the energy {@link EnergyCost}
 * gives its counts, computed in primitive scratch arrays with no allocation per candidate. It is
 * the closed form of docs/counting.md ({@code AccessAnalysis}) and the analytical bound of
 * docs/execution.md ({@code StepPlan}) fused into one pass over the flattened loop nest: each
 * operand's tile deltas per loop are computed once per keeping level and shared by the access
 * counts, the parent's union reads and the network words; a loop moves one data dimension of an
 * operand, so a tile's displacement is kept per data dimension as the walk goes outward; the union
 * of the PEs' tiles along a data dimension spread by one spatial loop is an arithmetic progression
 * of intervals, measured in closed form. It also judges capacity as {@code MappingCheck} does.
 * {@code EvaluatorTest} checks it against the executor and the energy model on thousands of random
 * mappings; that test is what keeps the two in step when either changes.
 *
 * <p>One instance per thread: it owns its scratch arrays.
 */
final class Evaluator {
  private static final int DIMS = Candidate.DIMS;
  private static final int ROLES = 3;
  private static final int W = Role.WEIGHTS.ordinal();
  private static final int I = Role.INPUTS.ordinal();
  private static final int O = Role.OUTPUTS.ordinal();
  private static final int READ = 0;
  private static final int FILL = 1;
  private static final int UPDATE = 2;
  private static final int DATA = 5;
  private static final boolean[] OUTPUT_DIM = new boolean[DIMS];

  /** Per role and loop dimension, the data dimension it moves, or -1 (inputs' rows: P and R). */
  private static final int[][] DATA_OF = new int[ROLES][DIMS];

  /** Per role and data dimension, its primary and secondary loop dimension (or -1). */
  private static final int[][] PRIMARY = new int[ROLES][DATA];

  private static final int[][] SECONDARY = new int[ROLES][DATA];

  static {
    for (Dim d : Dim.values()) {
      OUTPUT_DIM[d.ordinal()] = OpSpec.indexes(Role.OUTPUTS, d);
    }
    for (Role r : Role.values()) {
      Arrays.fill(DATA_OF[r.ordinal()], -1);
      for (int i = 0; i < DATA; i++) {
        DATA_OF[r.ordinal()][LoopNest.primaryDim(r, i)] = i;
        PRIMARY[r.ordinal()][i] = LoopNest.primaryDim(r, i);
        int b = LoopNest.secondaryDim(r, i);
        SECONDARY[r.ordinal()][i] = b;
        if (b >= 0) {
          DATA_OF[r.ordinal()][b] = i;
        }
      }
    }
  }

  private final int levels;
  private final int peLevels;
  private final int glb;
  private final int dram;
  private final long macs;
  private final long outputs;

  private static final int DN = Dim.N.ordinal();
  private static final int DG = Dim.G.ordinal();
  private static final int DM = Dim.M.ordinal();
  private static final int DC = Dim.C.ordinal();
  private static final int DP = Dim.P.ordinal();
  private static final int DQ = Dim.Q.ordinal();
  private static final int DR = Dim.R.ordinal();
  private static final int DS = Dim.S.ordinal();
  private final long strideH;
  private final long strideW;
  private final long dilationH;
  private final long dilationW;

  /** Per role and loop dimension, its coefficient in its data dimension (stride, dilation or 1). */
  private final long[][] coef = new long[ROLES][DIMS];

  private final boolean[] bounded;
  private final long[] own;
  private final long[] pool;
  private final int[] units;
  private final boolean[] peLocal;
  private final boolean[] glbLevel;
  private final int[] wordsPerCycle = new int[ROLES];
  private final int[] bits = new int[ROLES];
  private final long base;
  private final long macDrain;
  private final boolean[] resident;
  private final int[] memoryOf = new int[ROLES];
  private final double[] peakBytesPerCycle;
  private final double[] memoryBytes;
  private final boolean[] glbKeeps = new boolean[ROLES];
  private final long[] valuesPerBankWord = new long[ROLES];
  private final long glbPorts;
  private final EnergyCost.Rates rates;
  private final DramTermCache fill;
  private final DramTermCache least;
  private final DramTermCache leastRead;

  /** Per operand, whether the arch gives it one tile buffer (see StepPlan.serial). */
  private final boolean[] oneBuffer = new boolean[ROLES];

  // The flattened nest of the candidate being scored, outermost loop first.
  private int loops;
  private int spatialFrom;
  private int spatialTo;
  private final int[] ldim;
  private final int[] lf;
  private final boolean[] lsp;
  private final long[] stride;
  private final long[] outer;
  private final int[] start;
  private final int[] keep;
  private final long[] dataExt;
  private final long[] tile;
  private final long[] below = new long[DIMS];
  private final long[] cur = new long[DIMS];
  private long pes;
  private long red;
  private long outputsTemporal;

  // Per loop dimension: its spatial loops, their product, and the stride of one of them.
  private final int[] spatialLoops = new int[DIMS];
  private final int[] spatialProduct = new int[DIMS];
  private final long[] spatialStride = new long[DIMS];

  // Per role and data dimension: the PEs' tile offsets as count and, for an arithmetic
  // progression, its step (else the sorted offsets in `offsets`).
  private final boolean[] offsetsReady = new boolean[ROLES];
  private final int[] offsetCount = new int[ROLES * DATA];
  private final long[] offsetStep = new long[ROLES * DATA];
  private final long[][] offsets;
  private final long[] unionExt = new long[DATA];

  private final long[] delta;

  // Per role and segment loop: the GLB tile's delta (StepPlan.glbDelta). Per segment loop: the
  // network words of its step (weights, inputs, outputs up, outputs returning).
  private final long[][] glbDelta;
  private final long[] stepW;
  private final long[] stepI;
  private final long[] stepUp;
  private final long[] stepOut;
  private final long[] serialReads = new long[ROLES];
  private final long[][] newWords;
  private final long[] outDelta;
  private final long[] unionWords = new long[ROLES];
  private final int[] keepers;
  private final long[] entries;
  private final long[] instances;
  private final long[] outFills;

  private final long[] counts;
  private final long[] deliveries = new long[ROLES];
  private final long[] reductions = new long[ROLES];
  private final int[] child = new int[ROLES];
  private final int[] crossParent = new int[ROLES];
  private final long[] reads = new long[ROLES];
  private final long[] writes = new long[ROLES];
  private final long[] energyCounts = new long[EnergyCost.SLOTS];
  private final double[] energyParts = new double[6];

  private long pathWithoutDram;
  private long drainTerm;
  private long dramBound;
  private long cycles;
  private double energy;

  /**
   * An evaluator of {@code spec} on {@code arch} (whose hierarchy is {@code h}) under {@code
   * table}.
   */
  Evaluator(OpSpec spec, ArchSpec arch, Hierarchy h, EnergyModel table) {
    this(spec, arch, h, EnergyCost.rates(arch, table), DramTermCache.Terms.of(arch));
  }

  /**
   * As above, with the energy rates looked up and the DRAM terms' caches of {@code arch} owned by
   * the caller's thread.
   */
  Evaluator(
      OpSpec spec, ArchSpec arch, Hierarchy h, EnergyCost.Rates rates, DramTermCache.Terms terms) {
    this.levels = h.size();
    this.peLevels = h.peLevels();
    this.dram = h.outermost();
    int g = -1;
    for (int lv = peLevels; lv < dram; lv++) {
      if (h.level(lv).name().equals("glb")) {
        g = lv;
      }
    }
    this.glb = g;
    this.macs = spec.macs();
    this.outputs = spec.outputElements();
    for (long[] c : coef) {
      Arrays.fill(c, 1);
    }
    strideH = spec.strideH();
    strideW = spec.strideW();
    dilationH = spec.dilationH();
    dilationW = spec.dilationW();
    coef[I][Dim.P.ordinal()] = spec.strideH();
    coef[I][Dim.R.ordinal()] = spec.dilationH();
    coef[I][Dim.Q.ordinal()] = spec.strideW();
    coef[I][Dim.S.ordinal()] = spec.dilationW();
    bounded = new boolean[levels];
    own = new long[levels * ROLES];
    pool = new long[levels];
    units = new int[levels * ROLES];
    peLocal = new boolean[levels];
    glbLevel = new boolean[levels];
    for (int lv = 0; lv < levels; lv++) {
      StorageLevel level = h.level(lv);
      Capacity cap = level.capacity();
      bounded[lv] = !cap.isUnbounded();
      for (Role r : Role.values()) {
        own[lv * ROLES + r.ordinal()] =
            cap.hasOwn(r) ? cap.own(r) / level.buffers() : Long.MIN_VALUE;
        units[lv * ROLES + r.ordinal()] = cap.unitsPerWord(r);
      }
      pool[lv] = cap.pool() / level.buffers();
      peLocal[lv] = h.isPeLocal(lv);
      glbLevel[lv] = !peLocal[lv] && level.name().equals("glb");
    }
    for (Operand op : Operand.values()) {
      int o = op.ordinal();
      wordsPerCycle[o] = arch.noc().wordsPerCycle(op);
      bits[o] = arch.precision().bits(op);
      memoryOf[o] = arch.memoryIndex(op);
      glbKeeps[o] = arch.glb().keeps(op);
      oneBuffer[o] = !arch.glb().keeps(op) || arch.glb().buffers() == 1;
      valuesPerBankWord[o] = arch.glb().bankWidthBits() / bits[o];
    }
    resident = MulticastExecutor.resident(spec, arch);
    glbPorts = (long) arch.glb().banks() * arch.glb().portsPerBank();
    base = arch.pe().mac().issueIntervalCycles();
    macDrain = arch.pe().mac().pipelined() ? arch.pe().mac().latencyCycles() - 1 : 0;
    peakBytesPerCycle = TimingEngine.peakBytesPerCycle(arch);
    memoryBytes = new double[peakBytesPerCycle.length];
    this.rates = rates;
    this.fill = terms.fill();
    this.least = terms.drain();
    this.leastRead = terms.serial();
    int maxLoops = levels * DIMS + 2 * DIMS;
    ldim = new int[maxLoops];
    lf = new int[maxLoops];
    lsp = new boolean[maxLoops];
    stride = new long[maxLoops];
    outer = new long[maxLoops];
    delta = new long[maxLoops];
    outDelta = new long[maxLoops];
    newWords = new long[ROLES][maxLoops];
    glbDelta = new long[ROLES][maxLoops];
    stepW = new long[maxLoops];
    stepI = new long[maxLoops];
    stepUp = new long[maxLoops];
    stepOut = new long[maxLoops];
    start = new int[levels];
    keep = new int[levels];
    dataExt = new long[levels * ROLES * DATA];
    tile = new long[levels * ROLES];
    keepers = new int[levels];
    entries = new long[levels];
    instances = new long[levels];
    outFills = new long[levels];
    counts = new long[levels * ROLES * 3];
    offsets = new long[ROLES * DATA][h.rows() * h.cols()];
  }

  /** Cycles of the last feasible candidate scored. */
  long cycles() {
    return cycles;
  }

  /** Energy of the last feasible candidate scored, in the table's unit. */
  double energy() {
    return energy;
  }

  /**
   * Scores {@code c}: false when a kept tile overflows a level's capacity (nothing else is judged:
   * the space only builds candidates whose factors multiply to the op and fit the array), else true
   * with {@link #cycles()} and {@link #energy()} set.
   */
  boolean evaluate(Candidate c) {
    if (!bound(c)) {
      return false;
    }
    finish();
    return true;
  }

  /**
   * Scores {@code c} with the fewest cycles its first DRAM reads can take in place of the time they
   * take on an idle memory, which a timing DRAM answers only by replaying every burst: {@link
   * #cycles()} and {@link #energy()} are then lower bounds (energy grows with cycles only through
   * leakage), enough to reject a candidate that cannot win; {@link #finish()} makes them exact.
   * False when a tile overflows.
   */
  boolean bound(Candidate c) {
    build(c);
    if (!extentsFit()) {
      return false;
    }
    count();
    time();
    drainTerm = least.cycles(writes);
    cycles = Math.max(leastRead.cycles(reads) + pathWithoutDram + drainTerm, dramBound);
    energy = energyAt(cycles);
    return true;
  }

  /**
   * Replaces the last {@link #bound}'s least fill by the exact one: cycles and energy are exact.
   */
  void finish() {
    long path = fill.cycles(reads) + pathWithoutDram + drainTerm;
    long exact = Math.max(path, dramBound);
    if (exact != cycles) {
      cycles = exact;
      energy = energyAt(exact);
    }
  }

  private double energyAt(long atCycles) {
    rates.parts(energyCounts, atCycles, energyParts);
    return energyParts[0]
        + energyParts[1]
        + energyParts[2]
        + energyParts[3]
        + energyParts[4]
        + energyParts[5];
  }

  /** Whether every kept tile of {@code c} fits its level, as MappingCheck judges capacity. */
  boolean fits(Candidate c) {
    build(c);
    return extentsFit();
  }

  // ---- the loop nest --------------------------------------------------------------------------

  /** Flattens {@code c} as LoopNest does: shared levels, the array's loops, PE-local levels. */
  private void build(Candidate c) {
    loops = 0;
    pes = 1;
    red = 1;
    for (int lv = levels - 1; lv >= 0; lv--) {
      if (lv == peLevels - 1) {
        addSpatial(c);
      }
      start[lv] = loops;
      int[] f = c.temporal[lv];
      int[] ord = c.order[lv];
      for (int i = 0; i < DIMS; i++) {
        int d = ord[i];
        if (f[d] > 1) {
          ldim[loops] = d;
          lf[loops] = f[d];
          lsp[loops] = false;
          loops++;
        }
      }
      keep[lv] = c.keep[lv];
    }
    if (peLevels == 0) {
      addSpatial(c);
    }
    for (int d = 0; d < DIMS; d++) {
      below[d] = 1;
    }
    for (int l = loops - 1; l >= 0; l--) {
      stride[l] = below[ldim[l]];
      below[ldim[l]] *= lf[l];
    }
    long o = 1;
    long out = 1;
    for (int l = 0; l < loops; l++) {
      outer[l] = o;
      if (!lsp[l]) {
        o *= lf[l];
        if (OUTPUT_DIM[ldim[l]]) {
          out *= lf[l];
        }
      }
    }
    outputsTemporal = out;
    for (int d = 0; d < DIMS; d++) {
      spatialLoops[d] = 0;
      spatialProduct[d] = 1;
    }
    for (int l = spatialFrom; l < spatialTo; l++) {
      int d = ldim[l];
      spatialLoops[d]++;
      spatialProduct[d] *= lf[l];
      spatialStride[d] = stride[l];
    }
    offsetsReady[0] = false;
    offsetsReady[1] = false;
    offsetsReady[2] = false;
  }

  private void addSpatial(Candidate c) {
    spatialFrom = loops;
    spatialTo = loops;
    for (int a = 0; a < 2; a++) {
      for (int d = 0; d < DIMS; d++) {
        int f = c.spatial[a][d];
        if (f > 1) {
          ldim[loops] = d;
          lf[loops] = f;
          lsp[loops] = true;
          loops++;
          pes *= f;
          if (!OUTPUT_DIM[d]) {
            red *= f;
          }
        }
      }
    }
    spatialTo = loops;
  }

  /** Per level, each kept operand's tile (data extents and words); whether all fit. */
  private boolean extentsFit() {
    long[] e = cur;
    for (int d = 0; d < DIMS; d++) {
      e[d] = 1;
    }
    int l = loops - 1;
    for (int lv = 0; lv < levels; lv++) {
      for (; l >= start[lv]; l--) {
        e[ldim[l]] *= lf[l];
      }
      long shared = 0;
      int km = keep[lv];
      for (int r = 0; r < ROLES; r++) {
        if ((km & (1 << r)) == 0) {
          continue;
        }
        int at = (lv * ROLES + r) * DATA;
        long[] x = dataExt;
        if (r == W) {
          x[at] = e[DG];
          x[at + 1] = e[DM];
          x[at + 2] = e[DC];
          x[at + 3] = e[DR];
          x[at + 4] = e[DS];
        } else if (r == I) {
          x[at] = e[DN];
          x[at + 1] = e[DG];
          x[at + 2] = e[DC];
          x[at + 3] = (e[DP] - 1) * strideH + (e[DR] - 1) * dilationH + 1;
          x[at + 4] = (e[DQ] - 1) * strideW + (e[DS] - 1) * dilationW + 1;
        } else {
          x[at] = e[DN];
          x[at + 1] = e[DG];
          x[at + 2] = e[DM];
          x[at + 3] = e[DP];
          x[at + 4] = e[DQ];
        }
        long words = x[at] * x[at + 1] * x[at + 2] * x[at + 3] * x[at + 4];
        int lr = lv * ROLES + r;
        tile[lr] = words;
        if (bounded[lv]) {
          long need = words * units[lr];
          if (own[lr] != Long.MIN_VALUE) {
            if (need > own[lr]) {
              return false;
            }
          } else {
            shared += need;
          }
        }
      }
      if (bounded[lv] && shared > pool[lv]) {
        return false;
      }
    }
    return true;
  }

  // ---- access counts (AccessAnalysis) ---------------------------------------------------------

  private void count() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = 0;
    }
    for (int r = 0; r < ROLES; r++) {
      deliveries[r] = 0;
      reductions[r] = 0;
    }
    for (int r = 0; r < ROLES; r++) {
      child[r] = -1;
      crossParent[r] = -1;
      int m = 0;
      for (int lv = 0; lv < levels; lv++) {
        if ((keep[lv] & (1 << r)) != 0) {
          keepers[m++] = lv;
          if (peLocal[lv]) {
            child[r] = lv;
          } else if (crossParent[r] < 0) {
            crossParent[r] = lv;
          }
        }
      }
      for (int j = 0; j < m; j++) {
        int lv = keepers[j];
        boolean isChild = lv == child[r];
        entries[j] = walk(lv, r, isChild && r != O);
        if (isChild && r == O) {
          System.arraycopy(delta, 0, outDelta, 0, start[lv]);
        }
        if (lv == glb) {
          System.arraycopy(delta, 0, glbDelta[r], 0, start[lv]);
        }
        instances[j] = peLocal[lv] ? pes : 1;
      }
      if (r != O) {
        countInput(r, m);
      } else {
        countOutput(m);
      }
    }
  }

  /**
   * Entries of role {@code r} into one instance of {@code level}: its tile plus, per temporal loop
   * above it, increments times the tile's delta; fills {@link #delta} per loop and, when {@code
   * union}, the PEs' union's first words and its new words per loop. The tile's displacement is
   * kept per data dimension ({@code w0..w4}): a step of loop k moves one data dimension by its
   * stride while the loops inside it wrap back.
   */
  private long walk(int level, int r, boolean union) {
    int at = (level * ROLES + r) * DATA;
    long e0 = dataExt[at];
    long e1 = dataExt[at + 1];
    long e2 = dataExt[at + 2];
    long e3 = dataExt[at + 3];
    long e4 = dataExt[at + 4];
    long size = tile[level * ROLES + r];
    long total = size;
    long[] nw = newWords[r];
    long all = 0;
    int spread = 0;
    if (union) {
      offsets(r);
      for (int i = 0; i < DATA; i++) {
        spread |= offsetCount[r * DATA + i] > 1 ? 1 << i : 0;
      }
      unionExt[0] = unionLength(r, 0, e0);
      unionExt[1] = unionLength(r, 1, e1);
      unionExt[2] = unionLength(r, 2, e2);
      unionExt[3] = unionLength(r, 3, e3);
      unionExt[4] = unionLength(r, 4, e4);
      all = unionExt[0] * unionExt[1] * unionExt[2] * unionExt[3] * unionExt[4];
      unionWords[r] = all;
    }
    int[] dataOf = DATA_OF[r];
    long[] cf = coef[r];
    long w0 = 0;
    long w1 = 0;
    long w2 = 0;
    long w3 = 0;
    long w4 = 0;
    // A loop over a dimension that does not index the operand moves the tile only by the wraps
    // inside it, which change only at loops that do: its delta is the previous such loop's.
    boolean same = true;
    long d = 0;
    long sameNew = 0;
    for (int k = start[level] - 1; k >= 0; k--) {
      if (lsp[k]) {
        continue;
      }
      int dk = ldim[k];
      int i = dataOf[dk];
      long step = i >= 0 ? stride[k] * cf[dk] : 0;
      if (i >= 0 || !same) {
        long d0 = i == 0 ? w0 + step : w0;
        long d1 = i == 1 ? w1 + step : w1;
        long d2 = i == 2 ? w2 + step : w2;
        long d3 = i == 3 ? w3 + step : w3;
        long d4 = i == 4 ? w4 + step : w4;
        d0 = d0 < 0 ? -d0 : d0;
        d1 = d1 < 0 ? -d1 : d1;
        d2 = d2 < 0 ? -d2 : d2;
        d3 = d3 < 0 ? -d3 : d3;
        d4 = d4 < 0 ? -d4 : d4;
        // What stays of the tile along each data dimension; along one the PEs do not spread,
        // that is also what stays of their union.
        long k0 = d0 < e0 ? e0 - d0 : 0;
        long k1 = d1 < e1 ? e1 - d1 : 0;
        long k2 = d2 < e2 ? e2 - d2 : 0;
        long k3 = d3 < e3 ? e3 - d3 : 0;
        long k4 = d4 < e4 ? e4 - d4 : 0;
        d = size - k0 * k1 * k2 * k3 * k4;
        if (union) {
          sameNew =
              all
                  - ((spread & 1) == 0 ? k0 : unchanged(r, 0, Math.min(d0, e0)))
                      * ((spread & 2) == 0 ? k1 : unchanged(r, 1, Math.min(d1, e1)))
                      * ((spread & 4) == 0 ? k2 : unchanged(r, 2, Math.min(d2, e2)))
                      * ((spread & 8) == 0 ? k3 : unchanged(r, 3, Math.min(d3, e3)))
                      * ((spread & 16) == 0 ? k4 : unchanged(r, 4, Math.min(d4, e4)));
        }
        same = i < 0;
      }
      if (union) {
        nw[k] = sameNew;
      }
      delta[k] = d;
      total += outer[k] * (lf[k] - 1) * d;
      if (i >= 0) {
        long back = (lf[k] - 1) * step;
        switch (i) {
          case 0 -> w0 -= back;
          case 1 -> w1 -= back;
          case 2 -> w2 -= back;
          case 3 -> w3 -= back;
          default -> w4 -= back;
        }
      }
    }
    return total;
  }

  /** The union's length along data dim i that a move of {@code sliver} leaves in place. */
  private long unchanged(int r, int i, long sliver) {
    return unionExt[i] - (sliver == 0 ? 0 : unionLength(r, i, sliver));
  }

  /** Per data dimension of role {@code r}, the offsets of the PEs' tiles (once per candidate). */
  private void offsets(int r) {
    if (offsetsReady[r]) {
      return;
    }
    offsetsReady[r] = true;
    int[] dataOf = DATA_OF[r];
    long[] cf = coef[r];
    for (int i = 0; i < DATA; i++) {
      int ri = r * DATA + i;
      int a = PRIMARY[r][i];
      int b = SECONDARY[r][i];
      int here = spatialLoops[a] + (b >= 0 ? spatialLoops[b] : 0);
      if (here == 0) {
        offsetCount[ri] = 1;
      } else if (here == 1) {
        int d = spatialLoops[a] == 1 ? a : b;
        offsetCount[ri] = spatialProduct[d];
        offsetStep[ri] = spatialStride[d] * cf[d];
      } else {
        general(ri, dataOf, cf, i);
      }
    }
  }

  /** Offsets spread by several spatial loops: sorted, distinct; a progression if they are one. */
  private void general(int ri, int[] dataOf, long[] cf, int i) {
    long[] out = offsets[ri];
    out[0] = 0;
    int n = 1;
    for (int l = spatialFrom; l < spatialTo; l++) {
      if (dataOf[ldim[l]] == i) {
        int f = lf[l];
        long step = stride[l] * cf[ldim[l]];
        for (int x = n - 1; x >= 0; x--) {
          long v = out[x];
          for (int y = f - 1; y >= 0; y--) {
            out[x * f + y] = v + y * step;
          }
        }
        n *= f;
      }
    }
    Arrays.sort(out, 0, n);
    int distinct = 0;
    for (int x = 0; x < n; x++) {
      if (x == 0 || out[x] != out[x - 1]) {
        out[distinct++] = out[x];
      }
    }
    offsetCount[ri] = distinct;
    long step = distinct > 1 ? out[1] - out[0] : 0;
    for (int x = 2; x < distinct && step > 0; x++) {
      if (out[x] - out[x - 1] != step) {
        step = -1;
      }
    }
    offsetStep[ri] = step;
  }

  /** Length of the union of intervals of {@code length} at the PEs' offsets along data dim i. */
  private long unionLength(int r, int i, long length) {
    int ri = r * DATA + i;
    int n = offsetCount[ri];
    long step = offsetStep[ri];
    if (n == 1) {
      return length;
    }
    if (step > 0) {
      return length >= step ? (n - 1) * step + length : n * length;
    }
    long[] sorted = offsets[ri];
    long total = 0;
    long end = Long.MIN_VALUE;
    for (int x = 0; x < n; x++) {
      long o = sorted[x];
      long e = o + length;
      total += o >= end ? length : e - end;
      end = e;
    }
    return total;
  }

  private long spatialPoints(int r) {
    offsets(r);
    long n = 1;
    for (int i = 0; i < DATA; i++) {
      n *= offsetCount[r * DATA + i];
    }
    return n;
  }

  private void add(int lv, int r, int action, long value) {
    counts[(lv * ROLES + r) * 3 + action] += value;
  }

  private void countInput(int r, int m) {
    for (int j = 0; j < m - 1; j++) {
      add(keepers[j], r, FILL, entries[j] * instances[j]);
    }
    for (int j = 1; j < m; j++) {
      long childFills = entries[j - 1] * instances[j - 1];
      if (crosses(keepers[j - 1], keepers[j])) {
        add(keepers[j], r, READ, unionReads(r, keepers[j - 1]));
        deliveries[r] += childFills;
      } else {
        add(keepers[j], r, READ, childFills);
      }
    }
    int k0 = keepers[0];
    if (peLocal[k0]) {
      add(k0, r, READ, macs);
    } else {
      add(k0, r, READ, macs / pes * spatialPoints(r));
      deliveries[r] += macs;
    }
  }

  /** The union's first words plus increments times new words per temporal loop above the child. */
  private long unionReads(int r, int childLevel) {
    long total = unionWords[r];
    long[] nw = newWords[r];
    for (int k = 0; k < start[childLevel]; k++) {
      if (!lsp[k]) {
        total += outer[k] * (lf[k] - 1) * nw[k];
      }
    }
    return total;
  }

  private void countOutput(int m) {
    for (int j = 0; j < m - 1; j++) {
      long returns = entries[j] - distinctOutputs(keepers[j]);
      long receivers = crosses(keepers[j], keepers[j + 1]) ? instances[j] / red : instances[j];
      outFills[j] = returns * receivers;
      add(keepers[j], O, FILL, outFills[j]);
    }
    for (int j = 1; j < m; j++) {
      long exits = entries[j - 1] * instances[j - 1];
      boolean crossing = crosses(keepers[j - 1], keepers[j]);
      long arriving = crossing ? exits / red : exits;
      add(keepers[j], O, UPDATE, arriving);
      add(keepers[j], O, READ, outFills[j - 1]);
      reductions[O] += exits - arriving;
      if (crossing) {
        deliveries[O] += outFills[j - 1];
      }
    }
    int k0 = keepers[0];
    long arriving = peLocal[k0] ? macs : macs / red;
    long zeroStarts = entries[0] * instances[0] - (m > 1 ? outFills[0] : 0);
    add(k0, O, UPDATE, arriving);
    add(k0, O, READ, arriving - zeroStarts);
    reductions[O] += macs - arriving;
  }

  private boolean crosses(int childLevel, int parentLevel) {
    return peLocal[childLevel] && !peLocal[parentLevel];
  }

  /** Distinct outputs one instance of {@code level} ever holds (spatial loops above it fixed). */
  private long distinctOutputs(int level) {
    return peLocal[level] ? outputsTemporal : outputs;
  }

  // ---- the analytical bound (StepPlan + MulticastExecutor.analytical) -------------------------

  private void time() {
    long perGroup = pes / red;
    long steps = 1;
    for (int l = 0; l < loops; l++) {
      if (!lsp[l]) {
        steps *= lf[l];
      }
    }
    long firstW = child[W] < 0 ? spatialPoints(W) : unionWords[W];
    long firstI = child[I] < 0 ? spatialPoints(I) : unionWords[I];
    int childO = child[O];
    int segEnd = segmentEnd();
    long segments = 1;
    for (int l = 0; l < segEnd; l++) {
      segments *= lf[l];
    }
    long stepsPerSegment = steps / segments;
    long zeroStepsPerSegment = 1;
    for (int l = segEnd; l < loops; l++) {
      if (!lsp[l] && OUTPUT_DIM[ldim[l]]) {
        zeroStepsPerSegment *= lf[l];
      }
    }
    // Every step's cycles (StepPlan.totalStepCycles), and the network words of a segment's steps
    // after its first, by whether its partial sums return (StepPlan.innerAggregate).
    long stepCycles = stepCost(firstW, firstI, childO < 0 ? perGroup : 0);
    long innerW = 0;
    long innerI = 0;
    long innerO = 0;
    long innerOReturning = 0;
    long innerUp = 0;
    long before = 1;
    long beforeOut = 1;
    long segBefore = 1;
    long segBeforeOut = 1;
    for (int k = 0; k < loops; k++) {
      if (lsp[k]) {
        continue;
      }
      long wordsW = child[W] < 0 ? firstW : k < start[child[W]] ? newWords[W][k] : 0;
      long wordsI = child[I] < 0 ? firstI : k < start[child[I]] ? newWords[I][k] : 0;
      long up = childO < 0 ? perGroup : k < start[childO] ? outDelta[k] * perGroup : 0;
      long outReturning = childO < 0 ? perGroup : 2 * up;
      long steps1 = lf[k] - 1;
      boolean outputLoop = OUTPUT_DIM[ldim[k]];
      long count = before * steps1;
      long zeroStart = outputLoop ? beforeOut * steps1 : 0;
      stepCycles += (count - zeroStart) * stepCost(wordsW, wordsI, outReturning);
      if (zeroStart > 0) {
        stepCycles += zeroStart * stepCost(wordsW, wordsI, up);
      }
      before *= lf[k];
      if (k >= segEnd) {
        long segCount = segBefore * steps1;
        long segZero = outputLoop ? segBeforeOut * steps1 : 0;
        innerW += segCount * wordsW;
        innerI += segCount * wordsI;
        innerO += (segCount - segZero) * outReturning + segZero * up;
        innerOReturning += segCount * outReturning;
        innerUp += segCount * up;
        segBefore *= lf[k];
        if (outputLoop) {
          segBeforeOut *= lf[k];
        }
      } else {
        stepW[k] = wordsW;
        stepI[k] = wordsI;
        stepUp[k] = up;
        stepOut[k] = outReturning;
      }
      if (outputLoop) {
        beforeOut *= lf[k];
      }
    }
    long streaming = Math.max(stepCycles, glbPortCycles());
    // The first segment's DRAM reads and the last one's write-backs (StepPlan's closed forms).
    reads[W] = crossParent[W] == dram ? firstW + innerW : glbTile(W);
    reads[I] = crossParent[I] == dram ? firstI + innerI : glbTile(I);
    boolean directO = crossParent[O] == dram;
    long drainWords = childO < 0 ? 0 : tile[childO * ROLES + O] * perGroup;
    if (directO) {
      reads[O] = childO < 0 ? (stepsPerSegment - zeroStepsPerSegment) * perGroup : innerO - innerUp;
      writes[O] = childO < 0 ? stepsPerSegment * perGroup : innerUp + drainWords;
    } else {
      reads[O] = 0;
      writes[O] = glbTile(O);
    }
    for (int r = 0; r < ROLES; r++) {
      if (resident[r]) {
        reads[r] = 0;
        writes[r] = 0;
      }
    }
    // The serial waits (StepPlan.serialWaits): per segment loop, its segments whose partial sums
    // start at zero and those whose return, each waiting the least time of its serial reads.
    boolean serialO = oneBuffer[O] || glb < 0 || (keep[glb] & (1 << O)) == 0;
    long serial = 0;
    if (oneBuffer[W] || oneBuffer[I] || serialO) {
      long segOuter = 1;
      long segOuterOut = 1;
      for (int k = 0; k < segEnd; k++) {
        if (lsp[k]) {
          continue;
        }
        long count = segOuter * (lf[k] - 1);
        long zeroStart = OUTPUT_DIM[ldim[k]] ? segOuterOut * (lf[k] - 1) : 0;
        for (int f = 0; f < 2; f++) {
          long n = f == 0 ? zeroStart : count - zeroStart;
          if (n == 0) {
            continue;
          }
          boolean returning = f == 1;
          serialReads[W] = oneBuffer[W] ? segmentRead(W, k, innerW) : 0;
          serialReads[I] = oneBuffer[I] ? segmentRead(I, k, innerI) : 0;
          long o = 0;
          if (serialO && !resident[O]) {
            if (directO) {
              o =
                  childO < 0
                      ? (stepsPerSegment - (returning ? 0 : zeroStepsPerSegment)) * perGroup
                      : returning
                          ? stepOut[k] - stepUp[k] + innerOReturning - innerUp
                          : innerO - innerUp;
            } else if (returning && glbTile(O) > 0) {
              o = glbDelta[O][k];
            }
          }
          serialReads[O] = o;
          if (serialReads[W] > 0 || serialReads[I] > 0 || o > 0) {
            serial = Math.addExact(serial, Math.multiplyExact(n, leastRead.cycles(serialReads)));
          }
        }
        segOuter *= lf[k];
        if (OUTPUT_DIM[ldim[k]]) {
          segOuterOut *= lf[k];
        }
      }
    }
    pathWithoutDram = streaming + serial + ceilDiv(drainWords, wordsPerCycle[O]) + macDrain;
    dramBound = peakBound();
    fillEnergyCounts();
  }

  /**
   * The GLB's bank-port cycles for its accesses in closed form, as TimingEngine.glbCycles counts
   * them: each kept operand's reads and writes packed in bank words, over every port.
   */
  private long glbPortCycles() {
    if (glb < 0) {
      return 0;
    }
    long words = 0;
    for (int r = 0; r < ROLES; r++) {
      if (!glbKeeps[r]) {
        continue;
      }
      int at = (glb * ROLES + r) * 3;
      long fills = resident[r] && r != O ? 0 : counts[at + FILL];
      words += ceilDiv(counts[at + READ], valuesPerBankWord[r]);
      words += ceilDiv(fills + counts[at + UPDATE], valuesPerBankWord[r]);
    }
    return ceilDiv(words, glbPorts);
  }

  /** Each off-chip memory's bytes at its peak, the slowest's, as TimingEngine.peakBound. */
  private long peakBound() {
    Arrays.fill(memoryBytes, 0);
    for (int r = 0; r < ROLES; r++) {
      if (!resident[r]) {
        int at = (dram * ROLES + r) * 3;
        long values = counts[at + READ] + counts[at + FILL] + counts[at + UPDATE];
        memoryBytes[memoryOf[r]] += ceilDiv(Math.multiplyExact(values, (long) bits[r]), 8);
      }
    }
    long bound = 0;
    for (int r = 0; r < ROLES; r++) {
      int m = memoryOf[r];
      bound = Math.max(bound, (long) Math.ceil(memoryBytes[m] / peakBytesPerCycle[m]));
    }
    return bound;
  }

  /** Cycles of a step moving these network words: its issue interval or its busiest bus. */
  private long stepCost(long wordsW, long wordsI, long wordsO) {
    long c = Math.max(base, ceilDiv(wordsW, wordsPerCycle[W]));
    c = Math.max(c, ceilDiv(wordsI, wordsPerCycle[I]));
    return Math.max(c, ceilDiv(wordsO, wordsPerCycle[O]));
  }

  /**
   * DRAM reads of weights or inputs ({@code r}) by a segment of carry loop {@code k}: its first
   * step's words and the rest of the segment's ({@code inner}) when they cross from DRAM, the GLB
   * tile's delta when the GLB keeps them; none when resident.
   */
  private long segmentRead(int r, int k, long inner) {
    if (resident[r]) {
      return 0;
    }
    if (crossParent[r] == dram) {
      return (r == W ? stepW[k] : stepI[k]) + inner;
    }
    return glbTile(r) > 0 ? glbDelta[r][k] : 0;
  }

  /** The GLB tile of role {@code r}, 0 when there is no GLB or it does not keep the operand. */
  private long glbTile(int r) {
    return glb >= 0 && (keep[glb] & (1 << r)) != 0 ? tile[glb * ROLES + r] : 0;
  }

  /** The loops above the first segment's steps: those of the GLB, or all above the array. */
  private int segmentEnd() {
    if (glb >= 0) {
      return start[glb];
    }
    int first = peLevels > 0 ? start[peLevels - 1] : loops;
    return spatialTo > spatialFrom ? Math.min(first, spatialFrom) : first;
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }

  /** The counts in {@link EnergyCost}'s slots: RF summed over PE-local levels, GLB, DRAM, NoC. */
  private void fillEnergyCounts() {
    long[] e = energyCounts;
    for (int i = 0; i < e.length; i++) {
      e[i] = 0;
    }
    for (int lv = 0; lv < levels; lv++) {
      int readSlot =
          peLocal[lv]
              ? EnergyCost.RF_READ
              : glbLevel[lv] ? EnergyCost.GLB_READ : EnergyCost.DRAM_READ;
      for (int r = 0; r < ROLES; r++) {
        if (resident[r] && lv == dram) {
          continue;
        }
        int at = (lv * ROLES + r) * 3;
        int slot = r * EnergyCost.PER_OPERAND + readSlot;
        long fills = resident[r] && r != O && lv == glb ? 0 : counts[at + FILL];
        e[slot] += counts[at + READ];
        e[slot + 1] += fills + counts[at + UPDATE];
      }
    }
    for (int r = 0; r < ROLES; r++) {
      e[r * EnergyCost.PER_OPERAND + EnergyCost.NOC_DELIVERY] = deliveries[r];
    }
    e[EnergyCost.REDUCTIONS] = reductions[O];
    e[EnergyCost.MACS] = macs;
  }
}
