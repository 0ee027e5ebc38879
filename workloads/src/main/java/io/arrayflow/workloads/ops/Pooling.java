package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;

/**
 * 2-D max and average pooling over {@code [N][C][H][W]} with a square window, stride and padding.
 * Max pooling treats padding as {@code -∞}; average pooling divides by the number of in-range
 * elements of each window (PyTorch's {@code count_include_pad=false}). Global average pooling is
 * the window the size of the map.
 */
public final class Pooling {
  private Pooling() {}

  /** Max pooling with a {@code k × k} window. */
  public static FloatTensor maxPool2d(FloatTensor x, int k, int stride, int pad) {
    return pool(x, k, stride, pad, true);
  }

  /** Average pooling with a {@code k × k} window (padding excluded from the count). */
  public static FloatTensor avgPool2d(FloatTensor x, int k, int stride, int pad) {
    return pool(x, k, stride, pad, false);
  }

  /** Global average pooling: {@code [N][C][H][W]} → {@code [N][C][1][1]}. */
  public static FloatTensor globalAvgPool(FloatTensor x) {
    int n = x.dim(0);
    int c = x.dim(1);
    int plane = x.dim(2) * x.dim(3);
    float[] in = x.data();
    float[] out = new float[n * c];
    for (int i = 0; i < n * c; i++) {
      double sum = 0;
      for (int j = 0; j < plane; j++) {
        sum += in[i * plane + j];
      }
      out[i] = (float) (sum / plane);
    }
    return FloatTensor.of(out, n, c, 1, 1);
  }

  private static FloatTensor pool(FloatTensor x, int k, int stride, int pad, boolean max) {
    if (x.rank() != 4) {
      throw new IllegalArgumentException("pooling needs [N][C][H][W], got " + x);
    }
    int n = x.dim(0);
    int c = x.dim(1);
    int h = x.dim(2);
    int w = x.dim(3);
    int p = Conv2d.outputSize(h, k, stride, 1, pad);
    int q = Conv2d.outputSize(w, k, stride, 1, pad);
    if (p < 1 || q < 1) {
      throw new IllegalArgumentException(
          "pooling " + k + "×" + k + " stride " + stride + " leaves no output for " + x);
    }
    float[] in = x.data();
    float[] out = new float[n * c * p * q];
    for (int plane = 0; plane < n * c; plane++) {
      int inBase = plane * h * w;
      for (int y = 0; y < p; y++) {
        int y0 = Math.max(0, y * stride - pad);
        int y1 = Math.min(h, y * stride - pad + k);
        for (int z = 0; z < q; z++) {
          int x0 = Math.max(0, z * stride - pad);
          int x1 = Math.min(w, z * stride - pad + k);
          float acc = max ? Float.NEGATIVE_INFINITY : 0f;
          for (int i = y0; i < y1; i++) {
            for (int j = x0; j < x1; j++) {
              float v = in[inBase + i * w + j];
              acc = max ? Math.max(acc, v) : acc + v;
            }
          }
          out[(plane * p + y) * q + z] = max ? acc : acc / ((y1 - y0) * (x1 - x0));
        }
      }
    }
    return FloatTensor.of(out, n, c, p, q);
  }
}
