package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;
import java.util.Arrays;

/**
 * Shape and element-wise glue: residual add, flatten, and splitting a token matrix into attention
 * heads and merging them back.
 */
public final class Tensors {
  private Tensors() {}

  /** Element-wise {@code a + b} (the residual add); shapes must match. */
  public static FloatTensor add(FloatTensor a, FloatTensor b) {
    if (!a.sameShape(b)) {
      throw new IllegalArgumentException(
          "add needs equal shapes, got "
              + Arrays.toString(a.shape())
              + " and "
              + Arrays.toString(b.shape()));
    }
    float[] x = a.data();
    float[] y = b.data();
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + y[i];
    }
    return FloatTensor.of(out, a.shape());
  }

  /** {@code [N][..]} → {@code [N][product of the rest]} (shares the data). */
  public static FloatTensor flatten(FloatTensor x) {
    int n = x.dim(0);
    return x.reshape(n, x.size() / n);
  }

  /** {@code [batch·tokens][heads·d]} → {@code [batch·heads][tokens][d]}. */
  public static FloatTensor splitHeads(FloatTensor x, int batch, int heads) {
    int tokens = x.dim(0) / batch;
    int d = x.dim(1) / heads;
    float[] in = x.data();
    float[] out = new float[in.length];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < tokens; t++) {
        for (int hd = 0; hd < heads; hd++) {
          System.arraycopy(
              in, ((b * tokens + t) * heads + hd) * d, out, ((b * heads + hd) * tokens + t) * d, d);
        }
      }
    }
    return FloatTensor.of(out, batch * heads, tokens, d);
  }

  /** {@code [batch·heads][tokens][d]} → {@code [batch·tokens][heads·d]}; inverse of splitHeads. */
  public static FloatTensor mergeHeads(FloatTensor x, int batch) {
    int heads = x.dim(0) / batch;
    int tokens = x.dim(1);
    int d = x.dim(2);
    float[] in = x.data();
    float[] out = new float[in.length];
    for (int b = 0; b < batch; b++) {
      for (int hd = 0; hd < heads; hd++) {
        for (int t = 0; t < tokens; t++) {
          System.arraycopy(
              in, ((b * heads + hd) * tokens + t) * d, out, ((b * tokens + t) * heads + hd) * d, d);
        }
      }
    }
    return FloatTensor.of(out, batch * tokens, heads * d);
  }
}
