package io.arrayflow.dataflows.systolic;

import io.arrayflow.sim.spec.Keyed;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.Preload;
import io.arrayflow.workloads.spec.OpSpec;

/**
 * The three systolic dataflows of SCALE-Sim v2 (Samajdar et al., ISPASS 2020, {@code
 * compute/systolic_compute_{ws,os,is}.py}), each naming which GEMM dimensions lie on the array's
 * rows and columns and which one streams through time: weight-stationary {@code WS} (K on rows, M
 * on columns, EF streamed; the TPU's dataflow, Jouppi et al., ISCA 2017), output-stationary {@code
 * OS} (EF on rows, M on columns, K streamed) and input-stationary {@code IS} (K on rows, EF on
 * columns, M streamed). A fold is one rows × cols tile of the two spatial dimensions; SCALE-Sim
 * charges a WS/IS fold {@code 2·Ra + Ca + T − 2} cycles (Ra preload, Ra − 1 skew, T streamed, Ca −
 * 1 drain) and an OS fold {@code Ra + Ca + T − 2}, with the full array size even for a partial
 * fold.
 */
public enum SystolicDataflow implements Keyed {
  WS(GemmDim.K, GemmDim.M, GemmDim.EF),
  OS(GemmDim.EF, GemmDim.M, GemmDim.K),
  IS(GemmDim.K, GemmDim.EF, GemmDim.M);

  private final GemmDim rowsDim;
  private final GemmDim colsDim;
  private final GemmDim streamedDim;

  SystolicDataflow(GemmDim rowsDim, GemmDim colsDim, GemmDim streamedDim) {
    this.rowsDim = rowsDim;
    this.colsDim = colsDim;
    this.streamedDim = streamedDim;
  }

  /** The GEMM dimension spread over the array's rows. */
  public GemmDim rowsDim() {
    return rowsDim;
  }

  /** The GEMM dimension spread over the array's columns. */
  public GemmDim colsDim() {
    return colsDim;
  }

  /** The GEMM dimension streamed through time (SCALE-Sim's {@code T}). */
  public GemmDim streamedDim() {
    return streamedDim;
  }

  /** Whether one operand is preloaded into the PEs before each fold (WS: weights, IS: inputs). */
  public boolean hasStationaryPreload() {
    return this != OS;
  }

  /** Values entering the array at its left edge: WS and OS inputs, IS weights. */
  Operand leftOperand() {
    return this == IS ? Operand.WEIGHTS : Operand.INPUTS;
  }

  /** Values entering the array at its top edge: WS and OS weights, IS inputs. */
  Operand topOperand() {
    return this == IS ? Operand.INPUTS : Operand.WEIGHTS;
  }

  /** Folds per group of {@code spec} on a {@code rows × cols} array. */
  public long foldsPerGroup(OpSpec spec, int rows, int cols) {
    return (long) ceilDiv(rowsDim.size(spec), rows) * ceilDiv(colsDim.size(spec), cols);
  }

  /** SCALE-Sim v2's cycles for one fold streaming {@code streamed} steps, serial preload. */
  public long foldCycles(int rows, int cols, long streamed) {
    return hasStationaryPreload()
        ? 2L * rows + cols + streamed - 2
        : (long) rows + cols + streamed - 2;
  }

  /**
   * Closed-form cycles of the whole layer (groups one after another): the SCALE-Sim sum over folds
   * for {@code serial}; for {@code overlapped} WS/IS only the first fold pays the {@code
   * rows}-cycle preload.
   */
  public long layerCycles(OpSpec spec, int rows, int cols, Preload preload) {
    long folds = spec.g() * foldsPerGroup(spec, rows, cols);
    long cycles = folds * foldCycles(rows, cols, streamedDim.size(spec));
    if (preload == Preload.OVERLAPPED && hasStationaryPreload()) {
      cycles -= (folds - 1) * rows;
    }
    return cycles;
  }

  /** The dataflow whose key is {@code key} ({@code ws}, {@code os}, {@code is}). */
  public static SystolicDataflow named(String key) {
    return Keyed.named(SystolicDataflow.class, key);
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
