package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;

/**
 * The reference the simulator is checked against: runs one {@link OpSpec} exactly as its loop nest
 * says, with its tensor layouts — weights {@code [G][M][C][R][S]}, inputs {@code [N][G*C][H][W]},
 * outputs {@code [N][G*M][P][Q]} — in float32 or in int (int32 accumulation wrapping like Java
 * {@code int}, bit-exact). Conv, grouped/depthwise/pointwise conv, FC and batched matmul are all
 * this one call; only the element counts of the operands are checked, so a caller may pass them
 * flat or shaped.
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
}
