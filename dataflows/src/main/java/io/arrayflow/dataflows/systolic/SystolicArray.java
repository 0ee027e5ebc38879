package io.arrayflow.dataflows.systolic;

import io.arrayflow.dataflows.exec.Fault;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.Preload;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.Arrays;

/**
 * A cycle-level rows × cols systolic array that steps, cycle by cycle, every PE holding data with
 * real values (int operands with int32 accumulation wrapping like Java {@code int}, or float32),
 * reproducing the timing of SCALE-Sim v2 (Samajdar et al., ISPASS 2020) and, with {@code preload:
 * overlapped}, the TPU's weight FIFO and shadow tile (Jouppi et al., ISCA 2017).
 *
 * <p><b>Model.</b> Each group of the layer is a GEMM {@code O[EF][M] = A[EF][K] · B[K][M]} ({@link
 * GemmDim}); groups run one after another and, within a group, folds run with the column fold
 * outermost as in SCALE-Sim. Per PE the array keeps primitive registers: the stationary operand and
 * a psum or accumulator; the streamed values moving right (and down, OS) are kept per row (and
 * column) by token, since a PE holds the value its row took in a few cycles before. Edge feeders
 * inject the streamed operands skewed by one cycle per row (and per column for OS), reading padded
 * input positions as zero; collectors at the bottom edge (WS, IS) or at each finishing PE (OS)
 * write the outputs. At cycle {@code c} PE {@code (i, j)} holds token {@code c − i − j}, so only a
 * diagonal band of PEs holds data: each cycle steps that band over the fold's used rows and
 * columns, and the wavefront's tail over the unused ones (whose operands are zero) is idle and
 * counted in bulk. A fold ends when every token of the full-size wavefront has left the array, so
 * partial folds take as long as full ones, as in SCALE-Sim. Stepped cycles per fold, serial
 * preload: WS/IS {@code Ra} cycles shifting the stationary tile in from the top, then {@code Ra − 1
 * + T + Ca − 1} streaming cycles (total {@code 2·Ra + Ca + T − 2}); OS {@code Ra + Ca + T − 2},
 * outputs leaving each PE in the cycle of its last MAC (SCALE-Sim overlaps the drain with the
 * skewed tail; no extra drain cycles). With {@code overlapped} preload, the next fold's stationary
 * tile shifts into shadow registers during the first {@code Ra} cycles of the current fold's
 * streaming (which always lasts at least {@code Ra} cycles) and is swapped in at the fold boundary,
 * so only the first fold of the layer pays the {@code Ra} preload cycles; OS has no stationary
 * preload and ignores the setting. A preload moves values only down the columns and no MAC reads
 * them until it ends, so its end state is written at once and its deliveries counted in closed
 * form.
 *
 * <p><b>Counting convention.</b> Into a {@link Counters}: {@code MAC/MAC} for every multiply of a
 * real operand pair (used row and column of the fold, a real token; a zero read from input padding
 * still counts, so the total is {@code spec.macs()}); {@code GLB/READ} per operand for each value
 * injected at the array edge or preloaded as the stationary operand, once per fold (padded input
 * positions are generated as zeros by the feeder and not read; bubbles of a partial fold are not
 * read); {@code GLB/UPDATE} on outputs for every output or partial sum written at the bottom edge
 * or drained from a PE; {@code GLB/READ} on outputs for every partial sum read back to accumulate a
 * later K fold (WS, IS with K &gt; rows), none for the first write of an output (Timeloop's
 * convention); {@code NOC/MULTICAST_DELIVERY} per operand for every value a used PE latches from
 * the edge or a neighbour (stationary tiles shifting down, streamed values moving right or down)
 * and on outputs for every partial-sum hop down a used column (OS: the drain hops of a finished
 * output); {@code RF/READ} of weights and inputs and {@code RF/UPDATE} of outputs once per MAC,
 * {@code RF/FILL} of weights and inputs once per delivery. Busy cycles are the stepped cycles.
 * SCALE-Sim differs: it never counts partial-sum reads, counts each fold's partial sums as fresh
 * OFMAP writes (as here), counts im2col padding positions as reads, and its OS model adds {@code
 * rows + cols} extra OFMAP writes per fold.
 */
public final class SystolicArray {

  /** The component name its counters carry. */
  static final String COMPONENT = "systolic-array";

  private final int rows;
  private final int cols;
  private final SystolicDataflow dataflow;
  private final Preload preload;
  private final int streamChunk;

  /** An array of {@code rows × cols} PEs running {@code dataflow} with the given preload policy. */
  public SystolicArray(int rows, int cols, SystolicDataflow dataflow, Preload preload) {
    this(rows, cols, dataflow, preload, Integer.MAX_VALUE);
  }

  /**
   * As above, each WS/IS fold streaming at most {@code streamChunk} (>= 1) tokens: a streamed
   * dimension longer than that is split into tiles, each with its own folds (tile, then column
   * fold, then row fold).
   */
  public SystolicArray(
      int rows, int cols, SystolicDataflow dataflow, Preload preload, int streamChunk) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "systolic array: rows and cols must be >= 1, was " + rows + " × " + cols);
    }
    if (dataflow == null || preload == null) {
      throw new IllegalArgumentException("systolic array: dataflow and preload are required");
    }
    this.rows = rows;
    this.cols = cols;
    this.dataflow = dataflow;
    this.preload = preload;
    if (streamChunk < 1) {
      throw new IllegalArgumentException("stream chunk must be >= 1, was " + streamChunk);
    }
    this.streamChunk = dataflow == SystolicDataflow.OS ? Integer.MAX_VALUE : streamChunk;
  }

  /** This array streaming at most {@code chunk} tokens per WS/IS fold. */
  SystolicArray withStreamChunk(int chunk) {
    return new SystolicArray(rows, cols, dataflow, preload, chunk);
  }

  /** The array of {@code arch} (its PE array and systolic NoC preload) running {@code dataflow}. */
  public static SystolicArray of(ArchSpec arch, SystolicDataflow dataflow) {
    if (arch.noc().kind() != NocKind.SYSTOLIC) {
      throw new IllegalArgumentException(
          "arch '"
              + arch.name()
              + "': noc.kind must be systolic for the systolic executor, was "
              + arch.noc().kind().key());
    }
    return new SystolicArray(
        arch.peArray().rows(), arch.peArray().cols(), dataflow, arch.noc().preload());
  }

  /** PE rows ({@code Ra}). */
  public int rows() {
    return rows;
  }

  /** PE columns ({@code Ca}). */
  public int cols() {
    return cols;
  }

  /** The dataflow. */
  public SystolicDataflow dataflow() {
    return dataflow;
  }

  /** The preload policy for the stationary operand. */
  public Preload preload() {
    return preload;
  }

  /**
   * Steps {@code spec} with int operands and int32 accumulation; outputs {@code [N][G*M][P][Q]}.
   */
  public SystolicRun<IntTensor> run(OpSpec spec, IntTensor weights, IntTensor inputs) {
    Engine e = step(spec, weights, inputs);
    return result(e, intOutput(spec, e));
  }

  /** Steps {@code spec} in float32; outputs {@code [N][G*M][P][Q]}. */
  public SystolicRun<FloatTensor> run(OpSpec spec, FloatTensor weights, FloatTensor inputs) {
    Engine e = step(spec, weights, inputs);
    return result(e, floatOutput(spec, e));
  }

  private <T> SystolicRun<T> result(Engine e, T output) {
    double utilization = e.cycles == 0 ? 0 : (double) e.macs / ((double) e.cycles * rows * cols);
    return new SystolicRun<>(dataflow, output, e.cycles, e.macs, utilization, e.snapshot());
  }

  /** Steps {@code spec} with int operands; the finished engine holds outputs, folds and counts. */
  Engine step(OpSpec spec, IntTensor weights, IntTensor inputs) {
    Engine e = engine(spec, weights, inputs);
    e.cycles = e.run();
    return e;
  }

  /** Steps {@code spec} in float32; the finished engine holds outputs, folds and counts. */
  Engine step(OpSpec spec, FloatTensor weights, FloatTensor inputs) {
    Engine e = engine(spec, weights, inputs);
    e.cycles = e.run();
    return e;
  }

  /** An engine for {@code spec} with int operands, ready to step its folds one by one. */
  Engine engine(OpSpec spec, IntTensor weights, IntTensor inputs) {
    check(spec, weights.size(), inputs.size());
    return new Engine(spec, false, weights.data(), inputs.data());
  }

  /** An engine for {@code spec} in float32, ready to step its folds one by one. */
  Engine engine(OpSpec spec, FloatTensor weights, FloatTensor inputs) {
    check(spec, weights.size(), inputs.size());
    return new Engine(spec, true, bits(weights.data()), bits(inputs.data()));
  }

  static IntTensor intOutput(OpSpec spec, Engine e) {
    return IntTensor.of(e.out, spec.n(), spec.g() * spec.m(), spec.p(), spec.q());
  }

  static FloatTensor floatOutput(OpSpec spec, Engine e) {
    float[] values = new float[e.out.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.intBitsToFloat(e.out[i]);
    }
    return FloatTensor.of(values, spec.n(), spec.g() * spec.m(), spec.p(), spec.q());
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }

  private static void check(OpSpec spec, int weights, int inputs) {
    if (weights != spec.weightElements() || inputs != spec.inputElements()) {
      throw new IllegalArgumentException(
          "op '"
              + spec.name()
              + "' needs "
              + spec.weightElements()
              + " weights [G][M][C][R][S] and "
              + spec.inputElements()
              + " inputs [N][G*C][H][W], got "
              + weights
              + " and "
              + inputs);
    }
  }

  /** The mutable state of one run: operands, PE registers and running counts. */
  final class Engine {
    private final boolean fp;
    private final int[] w;
    private final int[] x;
    final int[] out;

    private final int groups;
    private final int mPerGroup;
    private final int cPerGroup;
    private final int kSize;
    private final int pq;
    private final int h;
    private final int wIn;
    private final int[] efN;
    private final int[] efH0;
    private final int[] efW0;
    private final int[] efPq;
    private final int[] kC;
    private final int[] kR;
    private final int[] kS;

    private final int rowsSize;
    private final int colsSize;
    private final int streamed;
    private final int chunk;
    private final int foldsT;
    private final int foldsR;
    private final int foldsC;
    private final int folds;

    // PE registers, index i * cols + j: the stationary operand (stat; shadow holds the next
    // fold's with overlapped preload) and the partial sums (moving down for WS and IS, staying
    // for OS). The streamed values a PE holds are those its row (rowRing) or column (colRing)
    // took in a few cycles before, kept per row or column by token modulo the ring's length.
    private int[] stat;
    private int[] shadow;
    private final int[] psum;
    private final int[] rowRing;
    private final int[] colRing;

    final long[] foldCycles;
    long cycles;
    private int stepped;
    private long lastPreload;
    private Fault fault;

    // The fault of the fold being stepped: the PE it strikes (-1: none), and whether that PE lies
    // below the fold's used rows in a used column, where partial sums only pass through.
    private int strikeRow = -1;
    private int strikeCol;
    private boolean strikeBelow;

    /** Injects {@code fault} (null: none) into the folds stepped from now on. */
    Engine fault(Fault fault) {
      this.fault = fault;
      return this;
    }

    /**
     * Arms fold {@code f}'s fault: it adds one to the PE's partial sum once the PE holds the fold's
     * first token (after its first MAC). On a PE the fold does not use it changes no output, except
     * below the used rows of a used column (WS, IS), where the partial sums pass through.
     */
    private void arm(int f, int usedR, int usedC) {
      strikeRow = -1;
      strikeBelow = false;
      if (fault == null || fault.pass() != f || fault.pe() >= (long) rows * cols) {
        return;
      }
      int i = (int) (fault.pe() / cols);
      int j = (int) (fault.pe() % cols);
      if (j >= usedC) {
        return;
      }
      if (i < usedR) {
        strikeRow = i;
        strikeCol = j;
      } else if (dataflow != SystolicDataflow.OS) {
        strikeBelow = true;
        strikeCol = j;
      }
    }

    private long macs;
    private long leftDeliveries;
    private long topDeliveries;
    private long psumHops;
    private long weightReads;
    private long inputReads;
    private long outputReads;
    private long outputUpdates;

    Engine(OpSpec spec, boolean fp, int[] w, int[] x) {
      this.fp = fp;
      this.w = w;
      this.x = x;
      this.out = new int[Math.toIntExact(spec.outputElements())];
      groups = spec.g();
      mPerGroup = spec.m();
      cPerGroup = spec.c();
      kSize = GemmDim.K.size(spec);
      int efSize = GemmDim.EF.size(spec);
      int p = spec.p();
      int q = spec.q();
      pq = p * q;
      h = spec.h();
      wIn = spec.w();
      efN = new int[efSize];
      efH0 = new int[efSize];
      efW0 = new int[efSize];
      efPq = new int[efSize];
      for (int ef = 0; ef < efSize; ef++) {
        int pqi = ef % pq;
        efN[ef] = ef / pq;
        efPq[ef] = pqi;
        efH0[ef] = (pqi / q) * spec.strideH() - spec.padH();
        efW0[ef] = (pqi % q) * spec.strideW() - spec.padW();
      }
      kC = new int[kSize];
      kR = new int[kSize];
      kS = new int[kSize];
      int rs = spec.r() * spec.s();
      for (int k = 0; k < kSize; k++) {
        kC[k] = k / rs;
        kR[k] = ((k % rs) / spec.s()) * spec.dilationH();
        kS[k] = (k % spec.s()) * spec.dilationW();
      }
      rowsSize = dataflow.rowsDim().size(spec);
      colsSize = dataflow.colsDim().size(spec);
      streamed = dataflow.streamedDim().size(spec);
      chunk = Math.min(streamChunk, streamed);
      foldsT = SystolicDataflow.ceilDiv(streamed, chunk);
      foldsR = SystolicDataflow.ceilDiv(rowsSize, rows);
      foldsC = SystolicDataflow.ceilDiv(colsSize, cols);
      folds =
          Math.multiplyExact(
              Math.multiplyExact(Math.multiplyExact(groups, foldsT), foldsR), foldsC);
      int pes = rows * cols;
      boolean os = dataflow == SystolicDataflow.OS;
      stat = os ? null : new int[pes];
      shadow = os || preload != Preload.OVERLAPPED ? null : new int[pes];
      psum = new int[pes];
      rowRing = new int[pes];
      colRing = os ? new int[pes] : null;
      foldCycles = new long[folds];
    }

    /** Steps every fold back to back (no pass overlaps the next); returns the cycles. */
    long run() {
      long cycles = 0;
      for (int f = 0; f < folds; f++) {
        cycles += stepFold(f);
      }
      return cycles;
    }

    /** Folds of this layer. */
    int folds() {
      return folds;
    }

    /**
     * Steps fold {@code f} (folds in order, each once) and returns its cycles: the stationary
     * tile's preload when this fold pays it ({@link #preloadCycles}), then streaming until the last
     * token has left the array.
     */
    long stepFold(int f) {
      if (f != stepped) {
        throw new IllegalStateException("fold " + f + " stepped out of order, expected " + stepped);
      }
      stepped++;
      long fold = 0;
      lastPreload = 0;
      if (dataflow == SystolicDataflow.OS) {
        fold = streamOutputStationary(f);
      } else {
        if (f == 0 || preload == Preload.SERIAL) {
          loadTile(stat, f);
          fold = rows;
          lastPreload = fold;
        } else {
          int[] t = stat;
          stat = shadow;
          shadow = t;
        }
        int next = preload == Preload.OVERLAPPED && f + 1 < folds ? f + 1 : -1;
        fold += streamStationary(f, next);
      }
      foldCycles[f] = fold;
      return fold;
    }

    /** Cycles the last stepped fold spent preloading its stationary tile (0 if shadow-loaded). */
    long preloadCycles() {
      return lastPreload;
    }

    private int foldGroup(int f) {
      return f / (foldsT * foldsR * foldsC);
    }

    /** The first token of fold {@code f}'s tile of the streamed dimension. */
    private int foldToken0(int f) {
      return (f / (foldsR * foldsC)) % foldsT * chunk;
    }

    /** Tokens fold {@code f} streams. */
    private int foldTokens(int f) {
      return Math.min(chunk, streamed - foldToken0(f));
    }

    private int foldRow0(int f) {
      return (f % foldsR) * rows;
    }

    private int foldCol0(int f) {
      return ((f / foldsR) % foldsC) * cols;
    }

    private int usedRows(int f) {
      return Math.min(rows, rowsSize - foldRow0(f));
    }

    private int usedCols(int f) {
      return Math.min(cols, colsSize - foldCol0(f));
    }

    /**
     * Loads fold {@code f}'s stationary tile into {@code regs}: what shifting it in from the top
     * row by row over {@code rows} cycles leaves there. Only the fold's used rows and columns are
     * written (the others are never read); every value a PE latches on the way, at the top or
     * moving down a row, is a delivery: tile row {@code i} is latched {@code i + 1} times.
     */
    private void loadTile(int[] regs, int f) {
      int g = foldGroup(f);
      int row0 = foldRow0(f);
      int col0 = foldCol0(f);
      int usedR = usedRows(f);
      int usedC = usedCols(f);
      boolean ws = dataflow == SystolicDataflow.WS;
      for (int i = 0; i < usedR; i++) {
        for (int j = 0; j < usedC; j++) {
          regs[i * cols + j] =
              ws ? loadWeight(g, col0 + j, row0 + i) : loadInput(g, col0 + j, row0 + i);
        }
      }
      topDeliveries += (long) usedC * usedR * (usedR + 1) / 2;
    }

    /**
     * WS and IS: streams fold {@code f}, shadow-loading fold {@code next} if {@code >= 0}. Token
     * {@code t} enters row {@code i} at cycle {@code t + i} and moves right one column a cycle, so
     * at cycle {@code c} PE {@code (i, j)} holds token {@code c − i − j}: only the PEs of that band
     * hold data, and only those of the fold's used rows and columns are stepped. A partial sum
     * leaves the last used row for the bottom edge through rows whose operands are zero, which only
     * turns a float −0 into +0 (one addition of zero says it). The wavefront's tail over the unused
     * rows and columns is idle: its cycles are added in bulk.
     */
    private long streamStationary(int f, int next) {
      if (next >= 0) {
        loadTile(shadow, next);
      }
      int g = foldGroup(f);
      int row0 = foldRow0(f);
      int col0 = foldCol0(f);
      int usedR = usedRows(f);
      int usedC = usedCols(f);
      boolean firstK = row0 == 0;
      boolean ws = dataflow == SystolicDataflow.WS;
      int t0 = foldToken0(f);
      int tokens = foldTokens(f);
      arm(f, usedR, usedC);
      int bottom = usedR - 1;
      int lastCycle = tokens - 1 + usedR - 1 + usedC - 1;
      for (int c = 0; c <= lastCycle; c++) {
        for (int i = Math.max(0, c - tokens + 1); i <= Math.min(bottom, c); i++) {
          int t = c - i;
          rowRing[i * cols + slot(t)] =
              ws ? loadInput(g, t0 + t, row0 + i) : loadWeight(g, t0 + t, row0 + i);
        }
        for (int i = Math.min(bottom, c); i >= 0 && c - i - tokens + 1 < usedC; i--) {
          stepRow(i, c, tokens, usedC);
        }
        if (strikeRow >= 0 && c == strikeRow + strikeCol) {
          int idx = strikeRow * cols + strikeCol;
          psum[idx] = add(psum[idx], one());
        }
        int jLo = Math.max(0, c - bottom - tokens + 1);
        for (int j = Math.min(usedC - 1, c - bottom); j >= jLo; j--) {
          int t = c - bottom - j;
          int v = psum[bottom * cols + j];
          if (usedR < rows) {
            v = add(v, 0);
          }
          if (strikeBelow && t == 0 && j == strikeCol) {
            v = add(v, one());
          }
          int ef = ws ? t0 + t : col0 + j;
          int m = ws ? col0 + j : t0 + t;
          emit(g, ef, m, v, firstK);
        }
      }
      long used = (long) usedR * usedC * tokens;
      macs += used;
      // Every token a used PE takes from its left neighbour (or the edge) is one delivery; a used
      // column's partial sum moving down a row (through unused rows too) is one output hop.
      leftDeliveries += used;
      psumHops += (long) usedC * (rows - 1) * tokens;
      return (long) tokens + rows + cols - 2;
    }

    /**
     * The hot loop: one cycle of row {@code i}'s PEs in the band. Rows are stepped bottom-up, so
     * each PE adds to the partial sum the PE above held in the previous cycle; within a row the PEs
     * are independent. The row's ring keeps token {@code t} at slot {@code −t mod cols}, so the
     * slot follows the column ({@code j + s}, in two straight pieces around the wrap) and the loop
     * is a plain pass over three arrays.
     */
    private void stepRow(int i, int c, int tokens, int usedC) {
      int jHi = Math.min(usedC - 1, c - i);
      int jLo = Math.max(0, c - i - tokens + 1);
      int s = slot(c - i);
      int split = Math.min(jHi + 1, Math.max(jLo, cols - s));
      rowSegment(i, jLo, split, i * cols + s);
      rowSegment(i, split, jHi + 1, i * cols + s - cols);
    }

    /** Token {@code t}'s slot in a row's ring. */
    private int slot(long t) {
      return (int) (Math.floorMod(-t, (long) cols));
    }

    private void rowSegment(int i, int from, int to, int ring) {
      int base = i * cols;
      int above = base - cols;
      int[] st = stat;
      int[] ps = psum;
      int[] rr = rowRing;
      if (i == 0) {
        for (int j = from; j < to; j++) {
          ps[j] = fmac(0, rr[ring + j], st[j]);
        }
      } else if (fp) {
        for (int j = from; j < to; j++) {
          ps[base + j] = fmac(ps[above + j], rr[ring + j], st[base + j]);
        }
      } else {
        for (int j = from; j < to; j++) {
          ps[base + j] = ps[above + j] + rr[ring + j] * st[base + j];
        }
      }
    }

    /**
     * OS: streams fold {@code f}. Token {@code t} (a step of the reduction) enters row {@code i} at
     * cycle {@code t + i} and column {@code j} at {@code t + j}, so at cycle {@code c} PE {@code
     * (i, j)} multiplies the pair of token {@code c − i − j}: only that band is stepped, over the
     * fold's used rows and columns; a PE drains its output in the cycle of its last MAC. The
     * wavefront's tail over unused PEs is added in bulk.
     */
    private long streamOutputStationary(int f) {
      int g = foldGroup(f);
      int row0 = foldRow0(f);
      int col0 = foldCol0(f);
      int usedR = usedRows(f);
      int usedC = usedCols(f);
      arm(f, usedR, usedC);
      for (int i = 0; i < usedR; i++) {
        Arrays.fill(psum, i * cols, i * cols + usedC, 0);
      }
      int lastCycle = streamed - 1 + usedR - 1 + usedC - 1;
      for (int c = 0; c <= lastCycle; c++) {
        for (int i = Math.max(0, c - streamed + 1); i <= Math.min(usedR - 1, c); i++) {
          rowRing[i * cols + (c - i) % cols] = loadInput(g, row0 + i, c - i);
        }
        for (int j = Math.max(0, c - streamed + 1); j <= Math.min(usedC - 1, c); j++) {
          colRing[j * rows + (c - j) % rows] = loadWeight(g, col0 + j, c - j);
        }
        for (int i = Math.min(usedR - 1, c); i >= 0 && c - i - streamed + 1 < usedC; i--) {
          stepOutputRow(i, c, g, row0, col0, usedC);
        }
        if (strikeRow >= 0 && c == strikeRow + strikeCol) {
          int idx = strikeRow * cols + strikeCol;
          psum[idx] = add(psum[idx], one());
        }
      }
      long used = (long) usedR * usedC * streamed;
      macs += used;
      // OS: each used PE takes one input from the left and one weight from above per MAC.
      leftDeliveries += used;
      topDeliveries += used;
      return (long) streamed + rows + cols - 2;
    }

    /** The hot loop of OS: one cycle of row {@code i}'s PEs in the band, right to left. */
    private void stepOutputRow(int i, int c, int g, int row0, int col0, int usedC) {
      int jHi = Math.min(usedC - 1, c - i);
      int jLo = Math.max(0, c - i - streamed + 1);
      int base = i * cols;
      int t = c - i - jHi;
      int r = base + t % cols;
      int wrap = base + cols;
      int q = t % rows;
      int last = streamed - 1;
      for (int j = jHi; j >= jLo; j--, t++) {
        int acc = fmac(psum[base + j], rowRing[r], colRing[j * rows + q]);
        if (t == last) {
          emit(g, row0 + i, col0 + j, acc, true);
          psumHops += rows - 1 - i;
          acc = 0;
        }
        psum[base + j] = acc;
        if (++r == wrap) {
          r = base;
        }
        if (++q == rows) {
          q = 0;
        }
      }
    }

    private int add(int a, int b) {
      return fp ? fadd(a, b) : a + b;
    }

    private int one() {
      return fp ? Float.floatToRawIntBits(1f) : 1;
    }

    private int fmac(int acc, int a, int b) {
      return fp
          ? Float.floatToRawIntBits(
              Float.intBitsToFloat(acc) + Float.intBitsToFloat(a) * Float.intBitsToFloat(b))
          : acc + a * b;
    }

    private int loadWeight(int g, int m, int k) {
      weightReads++;
      return w[(g * mPerGroup + m) * kSize + k];
    }

    /** The im2col input {@code A[ef][k]} of group {@code g}; padding reads as 0 and is not read. */
    private int loadInput(int g, int ef, int k) {
      int ih = efH0[ef] + kR[k];
      int iw = efW0[ef] + kS[k];
      if (ih < 0 || ih >= h || iw < 0 || iw >= wIn) {
        return 0;
      }
      inputReads++;
      int channel = (efN[ef] * groups + g) * cPerGroup + kC[k];
      return x[(channel * h + ih) * wIn + iw];
    }

    /** Writes (or, for a later K fold, accumulates) output {@code O[ef][m]} of group {@code g}. */
    private void emit(int g, int ef, int m, int value, boolean first) {
      int index = ((efN[ef] * groups + g) * mPerGroup + m) * pq + efPq[ef];
      outputUpdates++;
      if (first) {
        out[index] = value;
      } else {
        outputReads++;
        out[index] = fp ? fadd(out[index], value) : out[index] + value;
      }
    }

    /** MAC, NoC and RF counts (everything but GLB and DRAM) as stepped. */
    void addArrayCounts(Counters counters) {
      SystolicArray.addArrayCounts(
          counters, dataflow, macs, leftDeliveries, topDeliveries, psumHops);
    }

    /**
     * The edge traffic as stepped, in {@link FoldPlan}'s order: weight reads, input reads, output
     * reads, output updates.
     */
    long[] edgeTraffic() {
      return new long[] {weightReads, inputReads, outputReads, outputUpdates};
    }

    Stats snapshot() {
      Counters counters = new Counters(COMPONENT);
      addArrayCounts(counters);
      counters.add(Level.GLB, Operand.WEIGHTS, AccessAction.READ, weightReads);
      counters.add(Level.GLB, Operand.INPUTS, AccessAction.READ, inputReads);
      counters.add(Level.GLB, Operand.OUTPUTS, AccessAction.READ, outputReads);
      counters.add(Level.GLB, Operand.OUTPUTS, AccessAction.UPDATE, outputUpdates);
      counters.addBusyCycles(cycles);
      return counters.snapshot();
    }
  }

  /**
   * Adds the MAC, NoC and RF counts of a run from its totals: {@code macs}, the deliveries of the
   * operands entering at the left and top edges and the partial-sum hops (stepped or closed form).
   */
  static void addArrayCounts(
      Counters c, SystolicDataflow df, long macs, long left, long top, long psumHops) {
    c.add(Level.MAC, AccessAction.MAC, macs);
    c.add(Level.NOC, df.leftOperand(), AccessAction.MULTICAST_DELIVERY, left);
    c.add(Level.NOC, df.topOperand(), AccessAction.MULTICAST_DELIVERY, top);
    c.add(Level.NOC, Operand.OUTPUTS, AccessAction.MULTICAST_DELIVERY, psumHops);
    c.add(Level.RF, Operand.WEIGHTS, AccessAction.READ, macs);
    c.add(Level.RF, Operand.INPUTS, AccessAction.READ, macs);
    c.add(Level.RF, Operand.OUTPUTS, AccessAction.UPDATE, macs);
    c.add(Level.RF, df.leftOperand(), AccessAction.FILL, left);
    c.add(Level.RF, df.topOperand(), AccessAction.FILL, top);
  }

  private static int fadd(int a, int b) {
    return Float.floatToRawIntBits(Float.intBitsToFloat(a) + Float.intBitsToFloat(b));
  }
}
