package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;

/**
 * A fully connected layer {@code y = x · Wᵀ + b} with PyTorch's weight layout {@code W[out][in]}
 * (which is OpSpec's FC weights {@code [G=1][M=out][C=in]}); {@code x} is {@code [..][in]}, every
 * leading axis a row.
 */
public final class Linear {
  private Linear() {}

  /** {@code x[..][in] · w[out][in]ᵀ + bias[out]} ({@code bias} may be null) → {@code [..][out]}. */
  public static FloatTensor linear(FloatTensor x, FloatTensor w, FloatTensor bias) {
    int in = x.dim(-1);
    if (w.rank() != 2 || w.dim(1) != in) {
      throw new IllegalArgumentException(
          "linear needs w[out][" + in + "] for x " + x + ", got " + w);
    }
    int out = w.dim(0);
    int rows = x.size() / in;
    int[] shape = x.shape();
    shape[shape.length - 1] = out;
    FloatTensor y = FloatTensor.zeros(shape);
    float[] yd = y.data();
    if (bias != null) {
      if (bias.size() != out) {
        throw new IllegalArgumentException("bias has " + bias.size() + " elements, need " + out);
      }
      for (int i = 0; i < rows; i++) {
        System.arraycopy(bias.data(), 0, yd, i * out, out);
      }
    }
    FloatTensor wt = MatMul.transpose(w);
    MatMul.gemm(x.data(), 0, wt.data(), 0, yd, 0, rows, in, out);
    return y;
  }
}
