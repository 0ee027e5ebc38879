package io.arrayflow.dataflows.systolic;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.Preload;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.workloads.spec.OpSpec;
import java.math.BigInteger;

/**
 * The fold schedule of one layer on one systolic array, in closed form: fold geometry, the access
 * counts of every level (docs/counting.md, systolic section) and the DRAM tile model, both as layer
 * totals (for the analytical executor) and as per-fold transfers (for the DRAM driver of the event
 * and cycle executors). Folds are numbered as {@link SystolicArray} runs them: group, then column
 * fold, then row fold (innermost).
 *
 * <p>Every operand plays one role: {@code S} is indexed by both spatial dimensions (WS weights, IS
 * inputs, OS outputs: one tile per fold), {@code R} by the rows dimension and the streamed one (WS
 * and OS inputs, IS weights: every column fold sweeps all of it again) and {@code C} by the columns
 * dimension and the streamed one (WS and IS outputs, OS weights: the row folds of one column fold
 * revisit the same slice).
 */
final class FoldPlan {

  private static final int W = 0;
  private static final int X = 1;
  private static final int O = 2;
  private static final Operand[] OPERANDS = Operand.values();

  // Slots of a traffic array: weight reads (W), input reads (X), then these two for outputs.
  static final int PSUM_READS = 2;
  static final int OUTPUT_UPDATES = 3;
  static final int TRAFFIC_SLOTS = 4;

  final OpSpec spec;
  final SystolicDataflow df;
  final int rows;
  final int cols;
  final Preload preload;
  final int groups;
  final int rowsSize;
  final int colsSize;
  final int streamed;

  /** Tokens one fold streams at most: the streamed dimension, or a tile of it. */
  final int chunk;

  final int foldsT;
  final int foldsR;
  final int foldsC;
  final int folds;

  /**
   * Per group: weights, distinct inputs (the unpadded tensor), outputs, unpadded im2col entries.
   */
  private final long wg;

  private final long xg;
  private final long og;
  private final long im2col;

  private final boolean[] kept = new boolean[3];
  private final long[] capacityValues = new long[3];
  private final int[] bits = new int[3];
  private final boolean[] resident = new boolean[3];
  private final int fifoTiles;
  private final int stationaryIn;
  private final int rowOperand;
  private final int colOperand;
  private final boolean sFits;
  private final boolean rFits;
  private final boolean cFits;

  FoldPlan(OpSpec spec, ArchSpec arch, SystolicDataflow df) {
    SystolicArray array = SystolicArray.of(arch, df);
    this.spec = spec;
    this.df = df;
    this.rows = array.rows();
    this.cols = array.cols();
    this.preload = array.preload();
    groups = spec.g();
    rowsSize = df.rowsDim().size(spec);
    colsSize = df.colsDim().size(spec);
    streamed = df.streamedDim().size(spec);
    foldsR = SystolicDataflow.ceilDiv(rowsSize, rows);
    foldsC = SystolicDataflow.ceilDiv(colsSize, cols);
    wg = (long) GemmDim.M.size(spec) * GemmDim.K.size(spec);
    xg = (long) spec.n() * spec.c() * spec.h() * spec.w();
    og = (long) GemmDim.EF.size(spec) * GemmDim.M.size(spec);
    im2col =
        (long) spec.n()
            * spec.c()
            * validPairs(
                spec.p(), spec.r(), spec.strideH(), spec.dilationH(), spec.padH(), spec.h())
            * validPairs(
                spec.q(), spec.s(), spec.strideW(), spec.dilationW(), spec.padW(), spec.w());
    switch (df) {
      case WS -> {
        stationaryIn = W;
        rowOperand = X;
        colOperand = O;
      }
      case IS -> {
        stationaryIn = X;
        rowOperand = W;
        colOperand = O;
      }
      default -> {
        stationaryIn = -1;
        rowOperand = X;
        colOperand = W;
      }
    }
    GlbSpec glb = arch.glb();
    int sharers = 0;
    for (Operand op : OPERANDS) {
      if (glb.keeps(op) && glb.partitionBytes(op) == 0) {
        sharers++;
      }
    }
    for (Operand op : OPERANDS) {
      int i = op.ordinal();
      kept[i] = glb.keeps(op);
      bits[i] = arch.precision().bits(op);
      long bytes = 0;
      if (kept[i]) {
        bytes = glb.partitionBytes(op) > 0 ? glb.partitionBytes(op) : glb.sharedBytes() / sharers;
        bytes /= glb.buffers();
      }
      capacityValues[i] = bytes * 8 / bits[i];
    }
    fifoTiles = stationaryIn >= 0 && !kept[stationaryIn] ? fifo(arch) : 0;
    if (stationaryIn >= 0
        && !kept[stationaryIn]
        && preload == Preload.OVERLAPPED
        && fifo(arch) < 1) {
      throw new IllegalArgumentException(
          "arch '"
              + arch.name()
              + "': preload overlapped with "
              + OPERANDS[stationaryIn].key()
              + " bypassing the GLB needs noc.weight_fifo_tiles >= 1 to hold the shadow tile, was "
              + fifo(arch));
    }
    sFits = stationaryIn >= 0 && stationaryData() <= capacityValues[stationaryIn];
    // WS/IS: a column fold's partial sums (used columns × streamed tokens) live in the GLB's output
    // space until its last row fold, and every column fold sweeps the row operand's data for the
    // same tokens. If either does not fit, tile the streamed dimension so both do (as a compiler
    // for the chip would, noc.tile_streamed): each tile's partial sums stay on chip and its row
    // data is fetched once for all its column folds. Otherwise partial sums spill to DRAM and
    // every column fold fetches the row data again.
    long slice = Math.min(cols, colsSize);
    long tokensForPsums = kept[O] ? capacityValues[O] / slice : 0;
    long tokensForRows =
        kept[rowOperand] ? capacityValues[rowOperand] * streamed / Math.max(1, rowData()) : 0;
    boolean psumsFit = slice * streamed <= capacityValues[O];
    boolean rowsFit = rowData() <= capacityValues[rowOperand];
    long fitting = Math.min(tokensForPsums, kept[rowOperand] ? tokensForRows : Long.MAX_VALUE);
    boolean tile =
        colOperand == O
            && arch.noc().tileStreamed()
            && kept[O]
            && (!psumsFit || !rowsFit)
            && fitting >= 1;
    chunk = tile ? (int) Math.min(fitting, streamed) : streamed;
    foldsT = SystolicDataflow.ceilDiv(streamed, chunk);
    folds =
        Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(groups, foldsT), foldsR), foldsC);
    // The row data of one tile of the streamed dimension (all of it when untiled), rounded up.
    rFits =
        ceilDiv(Math.multiplyExact(rowData(), (long) chunk), streamed)
            <= capacityValues[rowOperand];
    cFits = slice * chunk <= capacityValues[colOperand];
    // Resident operands: weights in their own space; inputs, and finished outputs (at their own
    // width; they become the next layer's inputs), in the inputs' space.
    long inputBits = groups * xg * bits[X];
    long resultBits = groups * og * arch.precision().finalOutputs();
    // Resident data stays put (it is not streamed through the tile buffers): the whole space.
    long inputSpaceBits = capacityValues[X] * bits[X] * glb.buffers();
    boolean bothActivations = glb.resident(Operand.INPUTS) && glb.resident(Operand.OUTPUTS);
    long activationBits = bothActivations ? inputBits + resultBits : 0;
    resident[W] = glb.resident(Operand.WEIGHTS) && groups * wg <= capacityValues[W] * glb.buffers();
    resident[X] =
        glb.resident(Operand.INPUTS)
            && (bothActivations ? activationBits : inputBits) <= inputSpaceBits;
    resident[O] =
        glb.resident(Operand.OUTPUTS)
            && (bothActivations
                ? activationBits <= inputSpaceBits
                : resultBits
                    <= (kept[X] ? inputSpaceBits : capacityValues[O] * bits[O] * glb.buffers()));
  }

  /**
   * Whether operand {@code op} stays in the GLB between layers ({@code glb.resident}) and its whole
   * tensor fits one tile of its space: it is there when the layer starts (inputs, weights) or stays
   * there after it (outputs), so it moves nothing off chip.
   */
  boolean resident(Operand op) {
    return resident[op.ordinal()];
  }

  /**
   * Tile buffers of the stationary operand's weight FIFO when it bypasses the GLB ({@code
   * noc.weight_fifo_tiles}; the tile of the next fold waits there), 0 otherwise.
   */
  int fifoTiles() {
    return fifoTiles;
  }

  private static int fifo(ArchSpec arch) {
    return arch.noc().weightFifoTiles();
  }

  /** {@code #{(p, r) : 0 <= p·stride + r·dilation − pad < size}}: the unpadded window taps. */
  private static long validPairs(int outs, int taps, int stride, int dilation, int pad, int size) {
    long count = 0;
    for (int r = 0; r < taps; r++) {
      for (int p = 0; p < outs; p++) {
        int i = p * stride + r * dilation - pad;
        if (i >= 0 && i < size) {
          count++;
        }
      }
    }
    return count;
  }

  /** The group data of the stationary input operand (WS weights, IS distinct inputs). */
  private long stationaryData() {
    return stationaryIn == W ? wg : xg;
  }

  /** GLB preloads of the stationary input per group (WS weights, IS unpadded im2col entries). */
  private long stationaryPreloads() {
    return stationaryIn == W ? wg : im2col;
  }

  /** The group data of the row operand: distinct inputs (WS, OS) or weights (IS). */
  private long rowData() {
    return rowOperand == X ? xg : wg;
  }

  /** GLB reads of the row operand per column fold: unpadded im2col entries or weights. */
  private long rowReads() {
    return rowOperand == X ? im2col : wg;
  }

  private int usedRows(int rowFold) {
    return Math.min(rows, rowsSize - rowFold * rows);
  }

  private int usedCols(int colFold) {
    return Math.min(cols, colsSize - colFold * cols);
  }

  /** The first token of fold {@code f}'s tile of the streamed dimension. */
  private int token0(int f) {
    return (f / (foldsR * foldsC)) % foldsT * chunk;
  }

  /** Tokens fold {@code f} streams. */
  int tokens(int f) {
    return Math.min(chunk, streamed - token0(f));
  }

  /** PEs used by the largest fold. */
  long utilisedPes() {
    return (long) Math.min(rows, rowsSize) * Math.min(cols, colsSize);
  }

  /**
   * The compute phases of fold {@code f} at event fidelity into {@code out}, from SCALE-Sim v2's
   * fold formula split into its parts (docs/execution.md "Systolic NoC"): {@code fill} is the
   * stationary tile's preload ({@code Ra}; with {@code preload: overlapped} only the first fold
   * pays it, a later one waits {@code max(0, Ra − T)} for its shadow tile), {@code busy} the {@code
   * T} streamed cycles, {@code drain} the skewed wavefront leaving the array ({@code Ra + Ca − 2}),
   * of which the next fold runs under all ({@code overlapped}) or none.
   */
  void foldPhases(int f, io.arrayflow.engine.Pass out) {
    long preloaded = df.hasStationaryPreload() && (f == 0 || preload == Preload.SERIAL) ? rows : 0;
    phases(f, preloaded, (long) rows + cols + tokens(f) - 2, out);
  }

  /**
   * The compute phases of fold {@code f} into {@code out} from its stepped parts: {@code preloaded}
   * cycles shifting in its stationary tile, then {@code streaming} cycles from its first token
   * entering the array to its last leaving.
   */
  void phases(int f, long preloaded, long streaming, io.arrayflow.engine.Pass out) {
    boolean pipelined = df.hasStationaryPreload() && preload == Preload.OVERLAPPED;
    long shadowWait = pipelined && f > 0 ? Math.max(0, rows - (long) tokens(f - 1)) : 0;
    long drain = streaming - tokens(f);
    if (df.hasStationaryPreload()) {
      out.preloaded(df.topOperand());
    }
    out.compute(
        preloaded + shadowWait, tokens(f), 0, drain, pipelined && f + 1 < folds ? drain : 0);
  }

  /** Whether operand {@code op} is kept in the GLB (otherwise its GLB traffic goes to DRAM). */
  boolean keeps(Operand op) {
    return kept[op.ordinal()];
  }

  int bits(Operand op) {
    return bits[op.ordinal()];
  }

  /** The one-line fold description. */
  String mapping() {
    return df.key()
        + ": "
        + df.rowsDim()
        + "="
        + rowsSize
        + " on "
        + rows
        + " rows ("
        + foldsR
        + (foldsR == 1 ? " fold), " : " folds), ")
        + df.colsDim()
        + "="
        + colsSize
        + " on "
        + cols
        + " cols ("
        + foldsC
        + (foldsC == 1 ? " fold), " : " folds), ")
        + df.streamedDim()
        + "="
        + streamed
        + " streamed"
        + (foldsT > 1 ? " in " + foldsT + " tiles of " + chunk : "")
        + (groups > 1 ? ", " + groups + " groups one after another" : "");
  }

  // ---------------------------------------------------------------- closed-form counts

  /** Adds the closed-form MAC, NoC and RF counts (equal to what {@link SystolicArray} steps). */
  void addArrayCounts(Counters c) {
    long left = 0;
    long top = 0;
    long hops = 0;
    int lastR = usedRows(foldsR - 1);
    int lastC = usedCols(foldsC - 1);
    long lastT = streamed - (long) (foldsT - 1) * chunk;
    for (int tt = 0; tt < 2; tt++) {
      long nT = tt == 0 ? foldsT - 1 : 1;
      long len = tt == 0 ? chunk : lastT;
      for (int rr = 0; rr < 2; rr++) {
        long nR = rr == 0 ? foldsR - 1 : 1;
        long uR = rr == 0 ? rows : lastR;
        for (int cc = 0; cc < 2; cc++) {
          long nC = cc == 0 ? foldsC - 1 : 1;
          long uC = cc == 0 ? cols : lastC;
          long n = nT * nR * nC * groups;
          if (n == 0) {
            continue;
          }
          long macs = uR * uC * len;
          if (df == SystolicDataflow.OS) {
            left += n * macs;
            top += n * macs;
            hops += n * uC * (uR * (rows - 1) - uR * (uR - 1) / 2);
          } else {
            left += n * macs;
            top += n * uC * (uR * (uR + 1) / 2);
            hops += n * len * uC * (rows - 1);
          }
        }
      }
    }
    SystolicArray.addArrayCounts(c, df, spec.macs(), left, top, hops);
  }

  /**
   * The array's edge traffic in closed form, in the order weight reads, input reads, output reads,
   * output updates: what the GLB serves, or DRAM for an operand the GLB does not keep.
   */
  long[] edgeTraffic() {
    long g = groups;
    return switch (df) {
      case WS ->
          new long[] {g * foldsT * wg, g * foldsC * im2col, g * (foldsR - 1) * og, g * foldsR * og};
      case OS -> new long[] {g * foldsR * wg, g * foldsC * im2col, 0, g * og};
      case IS ->
          new long[] {g * foldsC * wg, g * foldsT * im2col, g * (foldsR - 1) * og, g * foldsR * og};
    };
  }

  /** Adds edge traffic (weight, input, output reads, output updates) at GLB or, bypassed, DRAM. */
  void addEdgeCounts(Counters c, long[] edge) {
    c.add(level(Operand.WEIGHTS), Operand.WEIGHTS, AccessAction.READ, edge[W]);
    c.add(level(Operand.INPUTS), Operand.INPUTS, AccessAction.READ, edge[X]);
    c.add(level(Operand.OUTPUTS), Operand.OUTPUTS, AccessAction.READ, edge[PSUM_READS]);
    c.add(level(Operand.OUTPUTS), Operand.OUTPUTS, AccessAction.UPDATE, edge[OUTPUT_UPDATES]);
  }

  /**
   * The operand of slot {@code i} of an edge or DRAM traffic array (both output slots: outputs).
   */
  static Operand slotOperand(int i) {
    return OPERANDS[Math.min(i, O)];
  }

  private Level level(Operand op) {
    return kept[op.ordinal()] ? Level.GLB : Level.DRAM;
  }

  /**
   * DRAM traffic of the kept operands in closed form, values: weight reads, input reads, output
   * reads (spilled partial sums), output updates. Bypassed operands are 0 here (their edge traffic
   * is DRAM traffic).
   */
  long[] keptDramTraffic() {
    long[] t = new long[TRAFFIC_SLOTS];
    long g = groups;
    if (stationaryIn >= 0 && kept[stationaryIn]) {
      t[stationaryIn] += g * (sFits ? stationaryData() : foldsT * stationaryPreloads());
    }
    if (kept[rowOperand]) {
      t[rowOperand] += g * (rFits ? rowData() : foldsC * rowData());
    }
    if (colOperand == W && kept[W]) {
      t[W] += g * (cFits ? wg : foldsR * wg);
    }
    if (kept[O]) {
      if (colOperand == O && !cFits) {
        t[PSUM_READS] = g * (foldsR - 1) * og;
        t[OUTPUT_UPDATES] = g * foldsR * og;
      } else {
        t[OUTPUT_UPDATES] = g * og;
      }
    }
    if (resident[W]) {
      t[W] = 0;
    }
    if (resident[X]) {
      t[X] = 0;
    }
    if (resident[O]) {
      t[OUTPUT_UPDATES] -= g * og;
    }
    return t;
  }

  /** Finished outputs written off chip: every output once, unless resident. */
  long finalWrites() {
    return resident[O] ? 0 : groups * og;
  }

  /** Bytes of {@code values} values of {@code op}, rounded up to whole bytes. */
  long bytes(Operand op, long values) {
    return ceilDiv(Math.multiplyExact(values, (long) bits[op.ordinal()]), 8);
  }

  // ---------------------------------------------------------------- per-fold DRAM transfers

  /**
   * One fold's DRAM transfers, values, filled by {@link #transfer}: {@code reads[op]} needed before
   * the fold starts, {@code psumReads} (spilled partial sums read back, written by the fold
   * before), {@code writes} (partial sums written back when it ends) and {@code results} (finished
   * outputs written back when it ends, at {@code precision.final_outputs}). A reusable holder.
   */
  static final class Transfer {
    final long[] reads = new long[3];
    long psumReads;
    long writes;
    long results;
  }

  /** The stationary operand's share that fold {@code f} preloads (0 when it comes once). */
  private long stationaryShare(int f) {
    int tt = (f / (foldsR * foldsC)) % foldsT;
    int c = (f / foldsR) % foldsC;
    int r = f % foldsR;
    int uC = usedCols(c);
    int uR = usedRows(r);
    long areaBefore = (long) c * cols * rowsSize + (long) uC * r * rows;
    boolean once = kept[stationaryIn] && sFits;
    if (once && tt > 0) {
      return 0;
    }
    long total = once ? stationaryData() : stationaryPreloads();
    return share(total, areaBefore, areaBefore + (long) uC * uR, (long) rowsSize * colsSize);
  }

  /**
   * Fold {@code f}'s DRAM transfers into {@code out}, in O(1); summed over the folds they equal the
   * closed forms ({@link #keptDramTraffic}, and {@link #edgeTraffic} for bypassed operands).
   */
  void transfer(int f, Transfer out) {
    java.util.Arrays.fill(out.reads, 0);
    out.psumReads = 0;
    out.writes = 0;
    out.results = 0;
    int tt = (f / (foldsR * foldsC)) % foldsT;
    int c = (f / foldsR) % foldsC;
    int r = f % foldsR;
    int uC = usedCols(c);
    int uR = usedRows(r);
    long t0 = (long) tt * chunk;
    long len = Math.min(chunk, streamed - t0);
    // A fold's share of the row operand: its rows of its tile of the streamed dimension.
    long sweep = (long) streamed * rowsSize;
    long sweepBefore = t0 * rowsSize + len * r * rows;
    long sweepAfter = sweepBefore + len * uR;
    if (!kept[rowOperand]) {
      out.reads[rowOperand] += share(rowReads(), sweepBefore, sweepAfter, sweep);
    } else if (!rFits || c == 0) {
      out.reads[rowOperand] += share(rowData(), sweepBefore, sweepAfter, sweep);
    }
    long slice = (long) uC * len;
    if (colOperand == W) {
      if (!kept[W] || !cFits || r == 0) {
        out.reads[W] += slice;
      }
      out.results = (long) uR * uC;
    } else if (r == foldsR - 1) {
      out.results = slice;
      out.psumReads = r > 0 && (!kept[O] || !cFits) ? slice : 0;
    } else if (!kept[O] || !cFits) {
      out.writes = slice;
      out.psumReads = r > 0 ? slice : 0;
    }
    if (stationaryIn >= 0) {
      if (preload == Preload.OVERLAPPED) {
        // The next fold's tile shifts into the shadow registers while this fold streams, so it
        // must be on chip when this fold starts.
        out.reads[stationaryIn] +=
            (f == 0 ? stationaryShare(0) : 0) + (f + 1 < folds ? stationaryShare(f + 1) : 0);
      } else {
        out.reads[stationaryIn] += stationaryShare(f);
      }
    }
    for (Operand op : OPERANDS) {
      if (resident[op.ordinal()]) {
        if (op == Operand.OUTPUTS) {
          // Finished outputs stay; partial sums that do not fit the accumulators still spill.
          out.results = 0;
        } else {
          out.reads[op.ordinal()] = 0;
        }
      }
    }
  }

  /**
   * The total DRAM transfers over all folds, per traffic slot (weights, inputs, psum reads, output
   * updates), summed fold by fold from {@link #transfer}; O(folds) time, no memory per fold.
   */
  long[] movedByFolds() {
    long[] moved = new long[TRAFFIC_SLOTS];
    Transfer t = new Transfer();
    for (int f = 0; f < folds; f++) {
      transfer(f, t);
      moved[W] += t.reads[W];
      moved[X] += t.reads[X];
      moved[PSUM_READS] += t.psumReads;
      moved[OUTPUT_UPDATES] += t.writes + t.results;
    }
    return moved;
  }

  /**
   * The fold pipeline's cycles in closed form: every fold's fill and busy cycles plus the drains
   * the next fold does not run under ({@link #foldPhases}; the analytical bound, and the event
   * cycles when nothing waits).
   */
  long pipelineCycles() {
    long drain = (long) rows + cols - 2;
    boolean pipelined = df.hasStationaryPreload() && preload == Preload.OVERLAPPED;
    long busy = (long) groups * foldsR * foldsC * streamed;
    long preloads = df.hasStationaryPreload() ? (preload == Preload.SERIAL ? folds : 1) : 0;
    long cycles = busy + preloads * rows + (pipelined ? drain : (long) folds * drain);
    if (pipelined && folds > 1) {
      // Every fold but the first waits max(0, Ra − T) after the fold before it, whose tokens are
      // a full tile or the last tile of the streamed dimension.
      long lastTokens = streamed - (long) (foldsT - 1) * chunk;
      long lastTileFolds = (long) groups * foldsR * foldsC;
      long fullTileFolds = (long) folds - lastTileFolds;
      // Folds 0 .. folds - 2 precede another fold: all but the very last, which is in a last tile.
      cycles +=
          fullTileFolds * Math.max(0, rows - (long) chunk)
              + (lastTileFolds - 1) * Math.max(0, rows - lastTokens);
    }
    return cycles;
  }

  /**
   * The array's edge traffic of fold {@code f} in {@link #edgeTraffic}'s order (weight reads, input
   * reads, output reads, output updates); summed over the folds, it is {@link #edgeTraffic}.
   */
  long[] foldEdge(int f) {
    int c = (f / foldsR) % foldsC;
    int r = f % foldsR;
    int uR = usedRows(r);
    int uC = usedCols(c);
    long t0 = token0(f);
    long len = tokens(f);
    long rowBefore = (long) r * rows;
    long area = (long) rowsSize * colsSize;
    long areaBefore = (long) c * cols * rowsSize + (long) uC * rowBefore;
    long areaAfter = areaBefore + (long) uC * uR;
    long sweepBefore = t0 * rowsSize + len * rowBefore;
    long rowShare =
        share(rowReads(), sweepBefore, sweepBefore + len * uR, (long) streamed * rowsSize);
    long slice = (long) uC * len;
    long[] e = new long[TRAFFIC_SLOTS];
    switch (df) {
      case WS -> {
        e[W] = share(stationaryPreloads(), areaBefore, areaAfter, area);
        e[X] = rowShare;
      }
      case IS -> {
        e[X] = share(stationaryPreloads(), areaBefore, areaAfter, area);
        e[W] = rowShare;
      }
      case OS -> {
        e[W] = slice;
        e[X] = rowShare;
      }
    }
    if (df == SystolicDataflow.OS) {
      e[OUTPUT_UPDATES] = (long) uR * uC;
    } else {
      e[OUTPUT_UPDATES] = slice;
      e[PSUM_READS] = r > 0 ? slice : 0;
    }
    return e;
  }

  /** {@code floor(total·after/whole) − floor(total·before/whole)}: a fold's share of a sweep. */
  static long share(long total, long before, long after, long whole) {
    return mulDiv(total, after, whole) - mulDiv(total, before, whole);
  }

  private static long mulDiv(long a, long b, long c) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if (hi == 0 && lo >= 0) {
      return lo / c;
    }
    return BigInteger.valueOf(a)
        .multiply(BigInteger.valueOf(b))
        .divide(BigInteger.valueOf(c))
        .longValueExact();
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
