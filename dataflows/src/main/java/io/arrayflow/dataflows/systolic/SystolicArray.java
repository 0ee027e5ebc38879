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
 * A cycle-level rows × cols systolic array that steps every PE every cycle with real values (int
 * operands with int32 accumulation wrapping like Java {@code int}, or float32), reproducing the
 * timing of SCALE-Sim v2 (Samajdar et al., ISPASS 2020) and, with {@code preload: overlapped}, the
 * TPU's weight FIFO and shadow tile (Jouppi et al., ISCA 2017).
 *
 * <p><b>Model.</b> Each group of the layer is a GEMM {@code O[EF][M] = A[EF][K] · B[K][M]} ({@link
 * GemmDim}); groups run one after another and, within a group, folds run with the column fold
 * outermost as in SCALE-Sim. Per PE the array keeps primitive registers: the value and token tag
 * moving right, the value (and tag) moving down or the stationary operand, and a psum or
 * accumulator. Edge feeders inject the streamed operands skewed by one cycle per row (and per
 * column for OS), reading padded input positions and unused rows or columns of a partial fold as
 * zero; collectors at the bottom edge (WS, IS) or at each finishing PE (OS) write the outputs. A
 * fold ends when every token of the full-size wavefront has left the array, so partial folds take
 * as long as full ones, as in SCALE-Sim. Stepped cycles per fold, serial preload: WS/IS {@code Ra}
 * cycles shifting the stationary tile in from the top, then {@code Ra − 1 + T + Ca − 1} streaming
 * cycles (total {@code 2·Ra + Ca + T − 2}); OS {@code Ra + Ca + T − 2}, outputs leaving each PE in
 * the cycle of its last MAC (SCALE-Sim overlaps the drain with the skewed tail; no extra drain
 * cycles). With {@code overlapped} preload, the next fold's stationary tile shifts into shadow
 * registers during the first {@code Ra} cycles of the current fold's streaming (which always lasts
 * at least {@code Ra} cycles) and is swapped in at the fold boundary, so only the first fold of the
 * layer pays the {@code Ra} preload cycles; OS has no stationary preload and ignores the setting.
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

    // PE registers, index i * cols + j. hVal/hTag move right; vVal/vTag move down (OS);
    // stat/shadow hold the stationary operand (WS, IS); psum moves down (WS, IS) or stays (OS).
    private int[] stat;
    private int[] shadow;
    private final int[] hVal;
    private final int[] hTag;
    private final int[] vVal;
    private final int[] vTag;
    private final int[] psum;
    private final int[] rowInjVal;
    private final int[] rowInjTag;
    private final int[] colInjVal;
    private final int[] colInjTag;

    final long[] foldCycles;
    long cycles;
    private int stepped;
    private long lastPreload;
    private Fault fault;
    private boolean faultArmed;

    /** Injects {@code fault} (null: none) into the folds stepped from now on. */
    Engine fault(Fault fault) {
      this.fault = fault;
      return this;
    }

    /** Applies an armed fault once its PE holds the fold's first token (its first MAC). */
    private void strike() {
      int idx = (int) fault.pe();
      if (idx < hTag.length && hTag[idx] == 0) {
        psum[idx] = fp ? fadd(psum[idx], Float.floatToRawIntBits(1f)) : psum[idx] + 1;
        faultArmed = false;
      }
    }

    private long[] statReal;
    private long[] shadowReal;

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
      stat = new int[pes];
      shadow = new int[pes];
      hVal = new int[pes];
      hTag = new int[pes];
      vVal = new int[pes];
      vTag = new int[pes];
      psum = new int[pes];
      rowInjVal = new int[rows];
      rowInjTag = new int[rows];
      colInjVal = new int[cols];
      colInjTag = new int[cols];
      statReal = new long[rows];
      shadowReal = new long[rows];
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
      faultArmed = fault != null && fault.pass() == f;
      if (dataflow == SystolicDataflow.OS) {
        fold = streamOutputStationary(f);
      } else {
        if (f == 0 || preload == Preload.SERIAL) {
          for (int loaded = 0; loaded < rows; loaded++) {
            shiftInTileRow(stat, statReal, f, rows - 1 - loaded);
            fold++;
          }
          lastPreload = fold;
        } else {
          int[] t = stat;
          stat = shadow;
          shadow = t;
          long[] r = statReal;
          statReal = shadowReal;
          shadowReal = r;
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

    /**
     * Shifts {@code regs} down one row and puts row {@code i} of fold {@code f}'s tile on top;
     * {@code real[i]} counts the real (not bubble) values in register row {@code i}, so that every
     * real value latched by a PE (one shifted in at the top, or one moving down a row) is counted
     * as a stationary-operand delivery.
     */
    private void shiftInTileRow(int[] regs, long[] real, int f, int i) {
      System.arraycopy(regs, 0, regs, cols, (rows - 1) * cols);
      if (i == rows - 1) {
        // A new tile starts: the old tile's values pushed out are dead, not deliveries.
        Arrays.fill(real, 0);
      }
      long moved = 0;
      for (int row = rows - 2; row >= 0; row--) {
        moved += real[row];
        real[row + 1] = real[row];
      }
      int g = foldGroup(f);
      int k = foldRow0(f) + i;
      int col0 = foldCol0(f);
      long placed = 0;
      for (int j = 0; j < cols; j++) {
        int c = col0 + j;
        if (k >= rowsSize || c >= colsSize) {
          regs[j] = 0;
        } else if (dataflow == SystolicDataflow.WS) {
          regs[j] = loadWeight(g, c, k);
          placed++;
        } else {
          regs[j] = loadInput(g, c, k);
          placed++;
        }
      }
      real[0] = placed;
      topDeliveries += moved + placed;
    }

    /** WS and IS: streams fold {@code f}, shadow-loading fold {@code next} if {@code >= 0}. */
    private long streamStationary(int f, int next) {
      int g = foldGroup(f);
      int row0 = foldRow0(f);
      int col0 = foldCol0(f);
      int usedR = Math.min(rows, rowsSize - row0);
      int usedC = Math.min(cols, colsSize - col0);
      boolean firstK = row0 == 0;
      boolean ws = dataflow == SystolicDataflow.WS;
      int t0 = foldToken0(f);
      int tokens = foldTokens(f);
      Arrays.fill(hTag, -1);
      long target = (long) tokens * cols;
      long emitted = 0;
      long c = 0;
      int bottom = (rows - 1) * cols;
      while (emitted < target) {
        if (next >= 0 && c < rows) {
          shiftInTileRow(shadow, shadowReal, next, rows - 1 - (int) c);
        }
        for (int i = 0; i < rows; i++) {
          long t = c - i;
          if (t >= 0 && t < tokens) {
            rowInjTag[i] = (int) t;
            if (i < usedR) {
              int token = t0 + (int) t;
              rowInjVal[i] = ws ? loadInput(g, token, row0 + i) : loadWeight(g, token, row0 + i);
            } else {
              rowInjVal[i] = 0;
            }
          } else {
            rowInjTag[i] = -1;
            rowInjVal[i] = 0;
          }
        }
        stepStationary(usedR, usedC);
        if (faultArmed) {
          strike();
        }
        for (int j = 0; j < cols; j++) {
          int tag = hTag[bottom + j];
          if (tag >= 0) {
            emitted++;
            if (j < usedC) {
              int ef = ws ? t0 + tag : col0 + j;
              int m = ws ? col0 + j : t0 + tag;
              emit(g, ef, m, psum[bottom + j], firstK);
            }
          }
        }
        c++;
      }
      return c;
    }

    /** One cycle of every PE, bottom-right first so each reads its neighbours' old registers. */
    private void stepStationary(int usedR, int usedC) {
      final int ca = cols;
      final boolean isFp = fp;
      final int[] st = stat;
      long count = 0;
      long hops = 0;
      for (int i = rows - 1; i >= 0; i--) {
        int rowBase = i * ca;
        int usedHere = i < usedR ? usedC : 0;
        int hopsHere = i == 0 ? 0 : usedC;
        for (int j = ca - 1; j >= 0; j--) {
          int idx = rowBase + j;
          int tag;
          int a;
          if (j == 0) {
            tag = rowInjTag[i];
            a = rowInjVal[i];
          } else {
            tag = hTag[idx - 1];
            a = hVal[idx - 1];
          }
          hTag[idx] = tag;
          hVal[idx] = a;
          if (tag >= 0) {
            int above = i == 0 ? 0 : psum[idx - ca];
            psum[idx] = isFp ? fmac(above, a, st[idx]) : above + a * st[idx];
            if (j < usedHere) {
              count++;
            }
            if (j < hopsHere) {
              hops++;
            }
          }
        }
      }
      macs += count;
      // Every token a used PE takes from its left neighbour (or the edge) is one delivery; a used
      // column's partial sum moving down a row (through unused rows too) is one output hop.
      leftDeliveries += count;
      psumHops += hops;
    }

    /** OS: streams fold {@code f}; each PE drains its output in the cycle of its last MAC. */
    private long streamOutputStationary(int f) {
      int g = foldGroup(f);
      int row0 = foldRow0(f);
      int col0 = foldCol0(f);
      int usedR = Math.min(rows, rowsSize - row0);
      int usedC = Math.min(cols, colsSize - col0);
      Arrays.fill(hTag, -1);
      Arrays.fill(vTag, -1);
      Arrays.fill(psum, 0);
      long target = (long) rows * cols;
      long finished = 0;
      long c = 0;
      while (finished < target) {
        for (int i = 0; i < rows; i++) {
          long t = c - i;
          rowInjTag[i] = t >= 0 && t < streamed ? (int) t : -1;
          rowInjVal[i] = rowInjTag[i] >= 0 && i < usedR ? loadInput(g, row0 + i, (int) t) : 0;
        }
        for (int j = 0; j < cols; j++) {
          long t = c - j;
          colInjTag[j] = t >= 0 && t < streamed ? (int) t : -1;
          colInjVal[j] = colInjTag[j] >= 0 && j < usedC ? loadWeight(g, col0 + j, (int) t) : 0;
        }
        finished += stepOutputStationary(g, row0, col0, usedR, usedC);
        if (faultArmed) {
          strike();
        }
        c++;
      }
      return c;
    }

    private long stepOutputStationary(int g, int row0, int col0, int usedR, int usedC) {
      final int ca = cols;
      final boolean isFp = fp;
      final int last = streamed - 1;
      long count = 0;
      long done = 0;
      for (int i = rows - 1; i >= 0; i--) {
        int rowBase = i * ca;
        int usedHere = i < usedR ? usedC : 0;
        for (int j = ca - 1; j >= 0; j--) {
          int idx = rowBase + j;
          int tag;
          int a;
          if (j == 0) {
            tag = rowInjTag[i];
            a = rowInjVal[i];
          } else {
            tag = hTag[idx - 1];
            a = hVal[idx - 1];
          }
          int vtag;
          int b;
          if (i == 0) {
            vtag = colInjTag[j];
            b = colInjVal[j];
          } else {
            vtag = vTag[idx - ca];
            b = vVal[idx - ca];
          }
          hTag[idx] = tag;
          hVal[idx] = a;
          vTag[idx] = vtag;
          vVal[idx] = b;
          if (tag != vtag) {
            throw new IllegalStateException(
                "OS skew broken at PE (" + i + ", " + j + "): tokens " + tag + " and " + vtag);
          }
          if (tag >= 0) {
            int acc = isFp ? fmac(psum[idx], a, b) : psum[idx] + a * b;
            if (j < usedHere) {
              count++;
            }
            if (tag == last) {
              done++;
              if (j < usedHere) {
                emit(g, row0 + i, col0 + j, acc, true);
                psumHops += rows - 1 - i;
              }
              acc = 0;
            }
            psum[idx] = acc;
          }
        }
      }
      macs += count;
      // OS: each used PE takes one input from the left and one weight from above per MAC.
      leftDeliveries += count;
      topDeliveries += count;
      return done;
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

  private static int fmac(int acc, int a, int b) {
    return Float.floatToRawIntBits(
        Float.intBitsToFloat(acc) + Float.intBitsToFloat(a) * Float.intBitsToFloat(b));
  }

  private static int fadd(int a, int b) {
    return Float.floatToRawIntBits(Float.intBitsToFloat(a) + Float.intBitsToFloat(b));
  }
}
