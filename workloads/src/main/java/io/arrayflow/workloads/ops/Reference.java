package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference the simulator is checked against: runs one {@link OpSpec} exactly as its loop nest
 * says, with its tensor layouts — weights {@code [G][M][C][R][S]}, inputs {@code [N][G*C][H][W]},
 * outputs {@code [N][G*M][P][Q]} — in float32 or in int (int32 accumulation wrapping like Java
 * {@code int}, bit-exact). Conv, grouped/depthwise/pointwise conv, FC and batched matmul are all
 * this one call; only the element counts of the operands are checked, so a caller may pass them
 * flat or shaped. Vector ops ({@link VectorOpSpec}) run on the reference functions of this package
 * (sums in double), which the vector unit's float32 datapath is checked against.
 */
public final class Reference {
  private Reference() {}

  /**
   * The outputs {@code [N][G*M][P][Q]} of {@code spec} for the given weights and inputs (float).
   */
  public static FloatTensor run(OpSpec spec, FloatTensor weights, FloatTensor inputs) {
    check(spec, weights.size(), inputs.size());
    FloatTensor out = FloatTensor.zeros(spec.n(), spec.g() * spec.m(), spec.p(), spec.q());
    ConvKernels.conv(
        inputs.data(),
        weights.data(),
        out.data(),
        spec.n(),
        spec.g(),
        spec.m(),
        spec.c(),
        spec.h(),
        spec.w(),
        spec.r(),
        spec.s(),
        spec.strideH(),
        spec.strideW(),
        spec.dilationH(),
        spec.dilationW(),
        spec.padH(),
        spec.padW());
    return out;
  }

  /** The outputs {@code [N][G*M][P][Q]} of {@code spec} (int operands, int32 accumulation). */
  public static IntTensor run(OpSpec spec, IntTensor weights, IntTensor inputs) {
    check(spec, weights.size(), inputs.size());
    IntTensor out = IntTensor.zeros(spec.n(), spec.g() * spec.m(), spec.p(), spec.q());
    ConvKernels.conv(
        inputs.data(),
        weights.data(),
        out.data(),
        spec.n(),
        spec.g(),
        spec.m(),
        spec.c(),
        spec.h(),
        spec.w(),
        spec.r(),
        spec.s(),
        spec.strideH(),
        spec.strideW(),
        spec.dilationH(),
        spec.dilationW(),
        spec.padH(),
        spec.padW());
    return out;
  }

  /** Seeded weights for {@code spec}, shaped {@code [G][M][C][R][S]}, uniform in [-1, 1). */
  public static FloatTensor randomWeights(OpSpec spec, long seed) {
    return FloatTensor.random(seed, spec.g(), spec.m(), spec.c(), spec.r(), spec.s());
  }

  /** Seeded inputs for {@code spec}, shaped {@code [N][G*C][H][W]}, uniform in [-1, 1). */
  public static FloatTensor randomInputs(OpSpec spec, long seed) {
    return FloatTensor.random(seed, spec.n(), spec.g() * spec.c(), spec.h(), spec.w());
  }

  /** Seeded int weights for {@code spec} in the signed range of {@code bits}. */
  public static IntTensor randomWeights(OpSpec spec, long seed, int bits) {
    return IntTensor.random(seed, bits, spec.g(), spec.m(), spec.c(), spec.r(), spec.s());
  }

  /** Seeded int inputs for {@code spec} in the signed range of {@code bits}. */
  public static IntTensor randomInputs(OpSpec spec, long seed, int bits) {
    return IntTensor.random(seed, bits, spec.n(), spec.g() * spec.c(), spec.h(), spec.w());
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

  /** Rope's base in the tables verification uses ({@link #ropeTable}): Llama 2's 10000. */
  public static final double ROPE_THETA = 10_000;

  /**
   * The output {@code [rows][rowLength]} of the vector op {@code op} on {@code inputs} ({@link
   * io.arrayflow.workloads.spec.VectorKind#inputTensors()} of them, each {@code [rows][rowLength]};
   * for {@code add} and {@code swiglu} the second is the residual and the up projection) and, for
   * rope, its cos/sin {@code table} (null otherwise). Pooling is not supported: its spec does not
   * hold the window shape.
   */
  public static FloatTensor run(VectorOpSpec op, List<FloatTensor> inputs, FloatTensor table) {
    if (inputs.size() != op.kind().inputTensors()) {
      throw new IllegalArgumentException(
          op.kind().key() + " needs " + op.kind().inputTensors() + " inputs, got " + inputs.size());
    }
    FloatTensor x = inputs.get(0);
    return switch (op.kind()) {
      case SOFTMAX -> Normalization.softmax(x, op.scale(), op.causalQueries());
      case LAYERNORM -> Normalization.layerNorm(x, Normalization.LAYERNORM_EPS);
      case RMSNORM -> Normalization.rmsNorm(x, Normalization.RMSNORM_EPS);
      case RELU -> Activations.relu(x);
      case RELU6 -> Activations.relu6(x);
      case GELU -> Activations.gelu(x);
      case ADD -> Tensors.add(x, inputs.get(1));
      case SWIGLU -> Activations.swiglu(x, inputs.get(1));
      case ROPE -> Rotary.apply(x, table, op.tableRowRepeat());
      case POOL_MAX, POOL_AVG ->
          throw new UnsupportedOperationException(
              "layer '" + op.name() + "': a pooling spec does not hold its window shape");
    };
  }

  /**
   * Seeded inputs of the vector op {@code op}: {@link
   * io.arrayflow.workloads.spec.VectorKind#inputTensors()} tensors {@code [rows][rowLength]},
   * uniform in [-1, 1), the i-th from {@code seed + i}.
   */
  public static List<FloatTensor> randomInputs(VectorOpSpec op, long seed) {
    int rows = Math.toIntExact(op.rows());
    int cols = Math.toIntExact(op.rowLength());
    List<FloatTensor> out = new ArrayList<>();
    for (int i = 0; i < op.kind().inputTensors(); i++) {
      out.add(FloatTensor.random(seed + i, rows, cols));
    }
    return out;
  }

  /** Rope's table for {@code op}: positions {@code 0 ..} at {@link #ROPE_THETA}; null otherwise. */
  public static FloatTensor ropeTable(VectorOpSpec op) {
    if (!op.kind().readsTable()) {
      return null;
    }
    int d = Math.toIntExact(op.rowLength());
    return Rotary.table(0, Math.toIntExact(op.tableElements() / d), d, ROPE_THETA);
  }
}
