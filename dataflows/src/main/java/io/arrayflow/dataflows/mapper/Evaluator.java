package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.cost.EnergyCost;
import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.dataflows.multicast.MulticastExecutor;
import io.arrayflow.energy.EnergyModel;
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
 * counts, the parent's union reads and the network words. It also judges capacity as {@code
 * MappingCheck} does. {@code EvaluatorTest} checks it against the executor and the energy model on
 * thousands of random mappings; that test is what keeps the two in step when either changes.
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
  private static final int[][] PRIMARY = new int[ROLES][DATA];
  private static final int[][] SECONDARY = new int[ROLES][DATA];

  static {
    for (Dim d : Dim.values()) {
      OUTPUT_DIM[d.ordinal()] = OpSpec.indexes(Role.OUTPUTS, d);
    }
    for (Role r : Role.values()) {
      for (int i = 0; i < DATA; i++) {
        PRIMARY[r.ordinal()][i] = LoopNest.primaryDim(r, i);
        SECONDARY[r.ordinal()][i] = LoopNest.secondaryDim(r, i);
      }
    }
  }

  private final int levels;
  private final int peLevels;
  private final int glb;
  private final int dram;
  private final long macs;
  private final long[][] primaryCoef = new long[ROLES][DATA];
  private final long[][] secondaryCoef = new long[ROLES][DATA];
  private final boolean[] bounded;
  private final long[][] own;
  private final long[] pool;
  private final int[][] units;
  private final boolean[] peLocal;
  private final boolean[] glbLevel;
  private final int[] wordsPerCycle = new int[ROLES];
  private final int[] bits = new int[ROLES];
  private final long base;
  private final long macDrain;
  private final double peakBytesPerCycle;
  private final EnergyCost.Rates rates;
  private final DramTermCache fill;
  private final DramTermCache drain;

  // The flattened nest of the candidate being scored, outermost loop first.
  private int loops;
  private final int[] ldim;
  private final int[] lf;
  private final boolean[] lsp;
  private final long[] stride;
  private final long[] outer;
  private final int[] start;
  private final int[] keep;
  private final long[][] ext;
  private final long[][][] dataExt;
  private final long[][] tile;
  private final long[] below = new long[DIMS];
  private final long[] cur = new long[DIMS];
  private final long[] wrap = new long[DIMS];
  private long pes;
  private long red;

  // Per role: sorted distinct PE offsets per data dimension, and how many.
  private final long[][][] offsets;
  private final long[] first;
  private final long[] second;
  private final int[][] offsetCount = new int[ROLES][DATA];
  private final long[] unionExt = new long[DATA];

  // Per role and loop: tile delta at the level being walked, and new union words at the child.
  private final long[] delta;
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
  private final long[] firstWords = new long[ROLES];
  private final long[] network = new long[ROLES];
  private final long[] reads = new long[ROLES];
  private final long[] writes = new long[ROLES];
  private final long[] energyCounts = new long[EnergyCost.SLOTS];
  private final double[] energyParts = new double[6];

  private long cycles;
  private double energy;

  /**
   * An evaluator of {@code spec} on {@code arch} (whose hierarchy is {@code h}) under {@code
   * table}.
   */
  Evaluator(OpSpec spec, ArchSpec arch, Hierarchy h, EnergyModel table) {
    this(spec, arch, h, EnergyCost.rates(arch, table));
  }

  /** As above, with the energy rates already looked up. */
  Evaluator(OpSpec spec, ArchSpec arch, Hierarchy h, EnergyCost.Rates rates) {
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
    for (int i = 0; i < DATA; i++) {
      primaryCoef[W][i] = 1;
      primaryCoef[O][i] = 1;
    }
    primaryCoef[I] = new long[] {1, 1, 1, spec.strideH(), spec.strideW()};
    secondaryCoef[I] = new long[] {0, 0, 0, spec.dilationH(), spec.dilationW()};
    bounded = new boolean[levels];
    own = new long[levels][ROLES];
    pool = new long[levels];
    units = new int[levels][ROLES];
    peLocal = new boolean[levels];
    glbLevel = new boolean[levels];
    for (int lv = 0; lv < levels; lv++) {
      StorageLevel level = h.level(lv);
      Capacity cap = level.capacity();
      bounded[lv] = !cap.isUnbounded();
      for (Role r : Role.values()) {
        own[lv][r.ordinal()] =
            cap.hasOwn(r) ? usable(cap.own(r), level.doubleBuffered()) : Long.MIN_VALUE;
        units[lv][r.ordinal()] = cap.unitsPerWord(r);
      }
      pool[lv] = usable(cap.pool(), level.doubleBuffered());
      peLocal[lv] = h.isPeLocal(lv);
      glbLevel[lv] = !peLocal[lv] && level.name().equals("glb");
    }
    for (Operand op : Operand.values()) {
      wordsPerCycle[op.ordinal()] = arch.noc().wordsPerCycle(op);
      bits[op.ordinal()] = arch.precision().bits(op);
    }
    base = arch.pe().mac().issueIntervalCycles();
    macDrain = arch.pe().mac().pipelined() ? arch.pe().mac().latencyCycles() - 1 : 0;
    peakBytesPerCycle = arch.dram().peakBytesPerCoreCycle(arch.clockMhz());
    this.rates = rates;
    fill = new DramTermCache(w -> MulticastExecutor.fillCycles(arch, w));
    drain = new DramTermCache(w -> MulticastExecutor.drainCycles(arch, w));
    int maxLoops = levels * DIMS + 2 * DIMS;
    ldim = new int[maxLoops];
    lf = new int[maxLoops];
    lsp = new boolean[maxLoops];
    stride = new long[maxLoops];
    outer = new long[maxLoops];
    delta = new long[maxLoops];
    outDelta = new long[maxLoops];
    newWords = new long[ROLES][maxLoops];
    start = new int[levels];
    keep = new int[levels];
    ext = new long[levels][DIMS];
    dataExt = new long[levels][ROLES][DATA];
    tile = new long[levels][ROLES];
    keepers = new int[levels];
    entries = new long[levels];
    instances = new long[levels];
    outFills = new long[levels];
    counts = new long[levels * ROLES * 3];
    int pesMax = h.rows() * h.cols();
    offsets = new long[ROLES][DATA][pesMax];
    first = new long[pesMax];
    second = new long[pesMax];
  }

  private static long usable(long capacity, boolean doubleBuffered) {
    return doubleBuffered ? capacity / 2 : capacity;
  }

  /** Cycles of the last feasible candidate scored. */
  long cycles() {
    return cycles;
  }

  /** Energy of the last feasible candidate scored, in the table's unit. */
  double energy() {
    return energy;
  }

  /** The counts of the last feasible candidate in {@link EnergyCost}'s slots (read only). */
  long[] energyCounts() {
    return energyCounts;
  }

  /** The energy rates this evaluator costs counts with. */
  EnergyCost.Rates rates() {
    return rates;
  }

  /**
   * Scores {@code c}: false when a kept tile overflows a level's capacity (nothing else is judged:
   * the space only builds candidates whose factors multiply to the op and fit the array), else true
   * with {@link #cycles()} and {@link #energy()} set.
   */
  boolean evaluate(Candidate c) {
    build(c);
    extents();
    if (!fits()) {
      return false;
    }
    count();
    time();
    rates.parts(fillEnergyCounts(), cycles, energyParts);
    energy =
        energyParts[0]
            + energyParts[1]
            + energyParts[2]
            + energyParts[3]
            + energyParts[4]
            + energyParts[5];
    return true;
  }

  /** Whether every kept tile of {@code c} fits its level, as MappingCheck judges capacity. */
  boolean fits(Candidate c) {
    build(c);
    extents();
    return fits();
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
        add(d, f[d], false);
      }
      keep[lv] = c.keep[lv];
    }
    if (peLevels == 0) {
      addSpatial(c);
    }
    Arrays.fill(below, 1);
    for (int l = loops - 1; l >= 0; l--) {
      stride[l] = below[ldim[l]];
      below[ldim[l]] *= lf[l];
    }
    long o = 1;
    for (int l = 0; l < loops; l++) {
      outer[l] = o;
      if (!lsp[l]) {
        o *= lf[l];
      }
    }
  }

  private void addSpatial(Candidate c) {
    for (int a = 0; a < 2; a++) {
      for (int d = 0; d < DIMS; d++) {
        int f = c.spatial[a][d];
        add(d, f, true);
        if (f > 1) {
          pes *= f;
          if (!OUTPUT_DIM[d]) {
            red *= f;
          }
        }
      }
    }
  }

  private void add(int d, int f, boolean spatial) {
    if (f > 1) {
      ldim[loops] = d;
      lf[loops] = f;
      lsp[loops] = spatial;
      loops++;
    }
  }

  /** Per level, the loop extents of its tile and each operand's data extents and words. */
  private void extents() {
    Arrays.fill(cur, 1);
    int l = loops - 1;
    for (int lv = 0; lv < levels; lv++) {
      for (; l >= start[lv]; l--) {
        cur[ldim[l]] *= lf[l];
      }
      System.arraycopy(cur, 0, ext[lv], 0, DIMS);
      for (int r = 0; r < ROLES; r++) {
        long[] e = dataExt[lv][r];
        long words = 1;
        for (int i = 0; i < DATA; i++) {
          int b = SECONDARY[r][i];
          long x = ext[lv][PRIMARY[r][i]];
          e[i] =
              b < 0 ? x : (x - 1) * primaryCoef[r][i] + (ext[lv][b] - 1) * secondaryCoef[r][i] + 1;
          words *= e[i];
        }
        tile[lv][r] = words;
      }
    }
  }

  private boolean fits() {
    for (int lv = 0; lv < levels; lv++) {
      if (!bounded[lv]) {
        continue;
      }
      long shared = 0;
      for (int r = 0; r < ROLES; r++) {
        if ((keep[lv] & (1 << r)) == 0) {
          continue;
        }
        long need = tile[lv][r] * units[lv][r];
        if (own[lv][r] != Long.MIN_VALUE) {
          if (need > own[lv][r]) {
            return false;
          }
        } else {
          shared += need;
        }
      }
      if (shared > pool[lv]) {
        return false;
      }
    }
    return true;
  }

  // ---- access counts (AccessAnalysis) ---------------------------------------------------------

  private void count() {
    Arrays.fill(counts, 0);
    Arrays.fill(deliveries, 0);
    Arrays.fill(reductions, 0);
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
        entries[j] = walk(lv, r, isChild && r != O && crossParent[r] >= 0);
        if (isChild && r == O) {
          System.arraycopy(delta, 0, outDelta, 0, start[lv]);
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
   * Entries of {@code role} into one instance of {@code level}: its tile plus, per temporal loop
   * above it, increments times the tile's delta; fills {@link #delta} per loop and, when {@code
   * union}, the PEs' union's new words per loop and its first words.
   */
  private long walk(int level, int r, boolean union) {
    long[] e = dataExt[level][r];
    long size = tile[level][r];
    long total = size;
    int st = start[level];
    Arrays.fill(wrap, 0);
    if (union) {
      spatialOffsets(r);
      long words = 1;
      for (int i = 0; i < DATA; i++) {
        unionExt[i] = unionLength(offsets[r][i], offsetCount[r][i], e[i]);
        words *= unionExt[i];
      }
      unionWords[r] = words;
    }
    long[] nw = newWords[r];
    long[] pc = primaryCoef[r];
    long[] sc = secondaryCoef[r];
    int[] pd = PRIMARY[r];
    int[] sd = SECONDARY[r];
    for (int k = st - 1; k >= 0; k--) {
      if (lsp[k]) {
        continue;
      }
      int dk = ldim[k];
      long sk = stride[k];
      long overlap = 1;
      long unchanged = 1;
      for (int i = 0; i < DATA; i++) {
        int a = pd[i];
        long disp = ((a == dk ? sk : 0) - wrap[a]) * pc[i];
        int b = sd[i];
        if (b >= 0) {
          disp += ((b == dk ? sk : 0) - wrap[b]) * sc[i];
        }
        long abs = Math.abs(disp);
        overlap *= Math.max(0, e[i] - abs);
        if (union) {
          long sliver = Math.min(abs, e[i]);
          unchanged *=
              unionExt[i]
                  - (sliver == 0 ? 0 : unionLength(offsets[r][i], offsetCount[r][i], sliver));
        }
      }
      long d = size - overlap;
      delta[k] = d;
      total += outer[k] * (lf[k] - 1) * d;
      if (union) {
        nw[k] = unionWords[r] - unchanged;
      }
      wrap[dk] += (lf[k] - 1) * sk;
    }
    return total;
  }

  /** Per data dimension of {@code r}, the sorted distinct offsets of the PEs' tiles. */
  private void spatialOffsets(int r) {
    for (int i = 0; i < DATA; i++) {
      long[] out = offsets[r][i];
      int n;
      int b = SECONDARY[r][i];
      if (b < 0) {
        n = dimOffsets(PRIMARY[r][i], primaryCoef[r][i], out);
      } else {
        // Every sum of a primary and a secondary offset (an input row is p*stride + r*dilation).
        int na = dimOffsets(PRIMARY[r][i], primaryCoef[r][i], first);
        int nb = dimOffsets(b, secondaryCoef[r][i], second);
        n = 0;
        for (int x = 0; x < na; x++) {
          for (int y = 0; y < nb; y++) {
            out[n++] = first[x] + second[y];
          }
        }
      }
      Arrays.sort(out, 0, n);
      int distinct = 0;
      for (int x = 0; x < n; x++) {
        if (x == 0 || out[x] != out[x - 1]) {
          out[distinct++] = out[x];
        }
      }
      offsetCount[r][i] = distinct;
    }
  }

  /** Writes the offsets {@code coef * Σ i_l·stride_l} over the spatial loops of {@code d}. */
  private int dimOffsets(int d, long coef, long[] out) {
    out[0] = 0;
    int n = 1;
    for (int l = 0; l < loops; l++) {
      if (lsp[l] && ldim[l] == d) {
        int f = lf[l];
        for (int x = n - 1; x >= 0; x--) {
          long v = out[x];
          for (int y = f - 1; y >= 0; y--) {
            out[x * f + y] = v + y * stride[l] * coef;
          }
        }
        n *= f;
      }
    }
    return n;
  }

  /** Length of the union of {@code [o, o + length)} over the first {@code n} sorted offsets. */
  private static long unionLength(long[] sorted, int n, long length) {
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
    long n = 1;
    for (int i = 0; i < DATA; i++) {
      n *= offsetCount[r][i];
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
      spatialOffsets(r);
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
    long d = 1;
    for (int l = 0; l < loops; l++) {
      if (OUTPUT_DIM[ldim[l]] && !(peLocal[level] && lsp[l])) {
        d *= lf[l];
      }
    }
    return d;
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
    for (int o : new int[] {W, I}) {
      if (child[o] < 0) {
        spatialOffsets(o);
        firstWords[o] = spatialPoints(o);
      } else {
        firstWords[o] = unionWords[o];
      }
    }
    firstWords[O] = child[O] < 0 ? perGroup : 0;
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
    // Network words over the whole layer and, per flag, over a segment's steps after its first.
    Arrays.fill(network, 0);
    long innerW0 = 0;
    long innerI0 = 0;
    long innerO0 = 0;
    long innerUp = 0;
    long before = 1;
    long beforeOut = 1;
    long segBefore = 1;
    long segBeforeOut = 1;
    for (int k = 0; k < loops; k++) {
      if (lsp[k]) {
        continue;
      }
      long wordsW = carry(W, k);
      long wordsI = carry(I, k);
      long up = child[O] < 0 ? perGroup : (k < start[child[O]] ? outDelta[k] * perGroup : 0);
      long outReturning = child[O] < 0 ? perGroup : 2 * up;
      long count = before * (lf[k] - 1);
      long zeroStart = OUTPUT_DIM[ldim[k]] ? beforeOut * (lf[k] - 1) : 0;
      network[W] += count * wordsW;
      network[I] += count * wordsI;
      network[O] += (count - zeroStart) * outReturning + zeroStart * up;
      before *= lf[k];
      if (OUTPUT_DIM[ldim[k]]) {
        beforeOut *= lf[k];
      }
      if (k >= segEnd) {
        long segCount = segBefore * (lf[k] - 1);
        long segZero = OUTPUT_DIM[ldim[k]] ? segBeforeOut * (lf[k] - 1) : 0;
        innerW0 += segCount * wordsW;
        innerI0 += segCount * wordsI;
        innerO0 += (segCount - segZero) * outReturning + segZero * up;
        innerUp += segCount * up;
        segBefore *= lf[k];
        if (OUTPUT_DIM[ldim[k]]) {
          segBeforeOut *= lf[k];
        }
      }
    }
    long compute = steps * base;
    for (int o = 0; o < ROLES; o++) {
      compute = Math.max(compute, ceilDiv(network[o] + firstWords[o], wordsPerCycle[o]));
    }
    // The first segment's DRAM reads and the last one's write-backs (StepPlan's closed forms).
    boolean[] direct = {crossParent[W] == dram, crossParent[I] == dram, crossParent[O] == dram};
    reads[W] = firstReads(W, direct[W], innerW0);
    reads[I] = firstReads(I, direct[I], innerI0);
    if (direct[O]) {
      reads[O] =
          child[O] < 0 ? (stepsPerSegment - zeroStepsPerSegment) * perGroup : innerO0 - innerUp;
    } else {
      reads[O] = 0;
    }
    long drainWords = child[O] < 0 ? 0 : tile[child[O]][O] * perGroup;
    writes[W] = 0;
    writes[I] = 0;
    if (direct[O]) {
      writes[O] = child[O] < 0 ? stepsPerSegment * perGroup : innerUp + drainWords;
    } else {
      writes[O] = glb >= 0 && (keep[glb] & (1 << O)) != 0 ? tile[glb][O] : 0;
    }
    long path =
        fill.cycles(reads)
            + compute
            + ceilDiv(drainWords, wordsPerCycle[O])
            + macDrain
            + drain.cycles(writes);
    double dramBytes = 0;
    for (int r = 0; r < ROLES; r++) {
      int at = (dram * ROLES + r) * 3;
      long words = counts[at + READ] + counts[at + FILL] + counts[at + UPDATE];
      dramBytes += Math.ceil(words * (double) bits[r] / 8);
    }
    long dramBound = (long) Math.ceil(dramBytes / peakBytesPerCycle);
    cycles = Math.max(path, dramBound);
  }

  /** Network words of input-like operand {@code o} at a step of temporal loop {@code k}. */
  private long carry(int o, int k) {
    if (child[o] < 0) {
      return firstWords[o];
    }
    return k < start[child[o]] ? newWords[o][k] : 0;
  }

  private long firstReads(int o, boolean direct, long inner) {
    if (direct) {
      return firstWords[o] + inner;
    }
    return glb >= 0 && (keep[glb] & (1 << o)) != 0 ? tile[glb][o] : 0;
  }

  /** The loops above the first segment's steps: those of the GLB, or all above the array. */
  private int segmentEnd() {
    if (glb >= 0) {
      return start[glb];
    }
    int first = peLevels > 0 ? start[peLevels - 1] : loops;
    for (int l = 0; l < loops; l++) {
      if (lsp[l]) {
        return Math.min(first, l);
      }
    }
    return first;
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }

  /** The counts in {@link EnergyCost}'s slots: RF summed over PE-local levels, GLB, DRAM, NoC. */
  private long[] fillEnergyCounts() {
    long[] e = energyCounts;
    Arrays.fill(e, 0);
    for (int lv = 0; lv < levels; lv++) {
      int readSlot =
          peLocal[lv]
              ? EnergyCost.RF_READ
              : glbLevel[lv] ? EnergyCost.GLB_READ : EnergyCost.DRAM_READ;
      for (int r = 0; r < ROLES; r++) {
        int at = (lv * ROLES + r) * 3;
        int slot = r * EnergyCost.PER_OPERAND + readSlot;
        e[slot] += counts[at + READ];
        e[slot + 1] += counts[at + FILL] + counts[at + UPDATE];
      }
    }
    for (int r = 0; r < ROLES; r++) {
      e[r * EnergyCost.PER_OPERAND + EnergyCost.NOC_DELIVERY] = deliveries[r];
    }
    e[EnergyCost.REDUCTIONS] = reductions[O];
    e[EnergyCost.MACS] = macs;
    return e;
  }

  /** The access counts of the last candidate, AccessCounts' layout, for tests. */
  long count(int level, Role role, int action) {
    return counts[(level * ROLES + role.ordinal()) * 3 + action];
  }

  /** Network deliveries of the last candidate, for tests. */
  long deliveries(Role role) {
    return deliveries[role.ordinal()];
  }
}
