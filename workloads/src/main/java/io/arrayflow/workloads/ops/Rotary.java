package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;

/**
 * Rotary position embeddings (Su et al., "RoFormer", 2021; Llama): each interleaved pair {@code
 * (x[2i], x[2i+1])} of a head of width {@code d} at position {@code pos} is rotated by the angle
 * {@code pos·θ^(−2i/d)}. The angles come as a table {@code [positions][d]} holding {@code cos, sin}
 * per pair, which the vector unit reads beside the input.
 */
public final class Rotary {
  private Rotary() {}

  /**
   * The table of positions {@code first .. first + positions − 1} for heads of width {@code
   * headDim} (even) and base {@code theta}: {@code [positions][headDim]}, {@code cos} at even and
   * {@code sin} at odd indices.
   */
  public static FloatTensor table(int first, int positions, int headDim, double theta) {
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("rotary needs an even head width, was " + headDim);
    }
    float[] t = new float[positions * headDim];
    for (int p = 0; p < positions; p++) {
      for (int i = 0; i < headDim / 2; i++) {
        double angle = (first + p) * Math.pow(theta, -2.0 * i / headDim);
        t[p * headDim + 2 * i] = (float) Math.cos(angle);
        t[p * headDim + 2 * i + 1] = (float) Math.sin(angle);
      }
    }
    return FloatTensor.of(t, positions, headDim);
  }

  /**
   * Rotates {@code x}, read as rows of the table's width (one per token and head, tokens outer):
   * row {@code r} uses table row {@code (r / rowsPerPosition) % positions}.
   */
  public static FloatTensor apply(FloatTensor x, FloatTensor table, int rowsPerPosition) {
    int d = table.dim(1);
    int positions = table.dim(0);
    float[] in = x.data();
    float[] t = table.data();
    if (in.length % d != 0) {
      throw new IllegalArgumentException("rotary needs rows of " + d + ", got " + x);
    }
    float[] out = new float[in.length];
    for (int row = 0; row < in.length / d; row++) {
      int base = row * d;
      int tb = (row / rowsPerPosition) % positions * d;
      for (int i = 0; i < d; i += 2) {
        double c = t[tb + i];
        double s = t[tb + i + 1];
        out[base + i] = (float) (in[base + i] * c - in[base + i + 1] * s);
        out[base + i + 1] = (float) (in[base + i] * s + in[base + i + 1] * c);
      }
    }
    return FloatTensor.of(out, x.shape());
  }
}
