package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;

/**
 * Row-wise normalisations over the last axis: a numerically stable softmax (the row maximum is
 * subtracted before {@code exp}), optionally scaled and causally masked as attention applies it,
 * layer normalisation with the biased variance, and RMS normalisation, as PyTorch computes them;
 * sums are accumulated in double.
 */
public final class Normalization {
  /** The epsilon of the zoo's layer norms (BERT, GPT-2, ViT). */
  public static final float LAYERNORM_EPS = 1e-5f;

  /** The epsilon of the zoo's RMS norms (Llama 2 and 3.2: {@code rms_norm_eps: 1e-05}). */
  public static final float RMSNORM_EPS = 1e-5f;

  private Normalization() {}

  /** Softmax over the last axis: each row is non-negative and sums to 1. */
  public static FloatTensor softmax(FloatTensor x) {
    int cols = x.dim(-1);
    float[] in = x.data();
    float[] out = new float[in.length];
    for (int base = 0; base < in.length; base += cols) {
      softmaxRow(in, out, base, cols);
    }
    return FloatTensor.of(out, x.shape());
  }

  /**
   * Attention's softmax over the last axis of {@code x [rows][keys]}: each row scaled by {@code
   * scale}, and with {@code causalQueries > 0} row {@code r} is query {@code r % causalQueries} of
   * the last {@code causalQueries} positions and sees keys {@code 0 .. r % causalQueries + keys −
   * causalQueries} (the others get probability 0).
   */
  public static FloatTensor softmax(FloatTensor x, float scale, int causalQueries) {
    int keys = x.dim(-1);
    float[] s = x.data().clone();
    for (int row = 0; row < s.length / keys; row++) {
      int visible = causalQueries > 0 ? row % causalQueries + keys - causalQueries + 1 : keys;
      int base = row * keys;
      for (int j = 0; j < keys; j++) {
        s[base + j] = j < visible ? s[base + j] * scale : Float.NEGATIVE_INFINITY;
      }
      softmaxRow(s, s, base, keys);
    }
    return FloatTensor.of(s, x.shape());
  }

  /** Softmax of {@code in[base, base+len)} into {@code out}; {@code -∞} entries get 0. */
  static void softmaxRow(float[] in, float[] out, int base, int len) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < len; j++) {
      max = Math.max(max, in[base + j]);
    }
    double sum = 0;
    for (int j = 0; j < len; j++) {
      double e = Math.exp((double) in[base + j] - max);
      out[base + j] = (float) e;
      sum += e;
    }
    float inv = (float) (1.0 / sum);
    for (int j = 0; j < len; j++) {
      out[base + j] *= inv;
    }
  }

  /**
   * Layer normalisation over the last axis, {@code (x − mean)/√(var + eps)·gamma + beta}; {@code
   * gamma} and {@code beta} ({@code [cols]}) may be null for 1 and 0.
   */
  public static FloatTensor layerNorm(
      FloatTensor x, FloatTensor gamma, FloatTensor beta, float eps) {
    int cols = x.dim(-1);
    float[] in = x.data();
    float[] out = new float[in.length];
    float[] ga = gamma == null ? null : gamma.data();
    float[] be = beta == null ? null : beta.data();
    for (int base = 0; base < in.length; base += cols) {
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        sum += in[base + j];
      }
      double mean = sum / cols;
      double sq = 0;
      for (int j = 0; j < cols; j++) {
        double d = in[base + j] - mean;
        sq += d * d;
      }
      double inv = 1.0 / Math.sqrt(sq / cols + eps);
      for (int j = 0; j < cols; j++) {
        double v = (in[base + j] - mean) * inv;
        if (ga != null) {
          v *= ga[j];
        }
        if (be != null) {
          v += be[j];
        }
        out[base + j] = (float) v;
      }
    }
    return FloatTensor.of(out, x.shape());
  }

  /** Layer normalisation over the last axis with gamma 1, beta 0 and the given {@code eps}. */
  public static FloatTensor layerNorm(FloatTensor x, float eps) {
    return layerNorm(x, null, null, eps);
  }

  /**
   * RMS normalisation over the last axis (Zhang and Sennrich, 2019), {@code x / √(mean(x²) + eps)},
   * with unit gain.
   */
  public static FloatTensor rmsNorm(FloatTensor x, float eps) {
    int cols = x.dim(-1);
    float[] in = x.data();
    float[] out = new float[in.length];
    for (int base = 0; base < in.length; base += cols) {
      double sq = 0;
      for (int j = 0; j < cols; j++) {
        sq += (double) in[base + j] * in[base + j];
      }
      double inv = 1.0 / Math.sqrt(sq / cols + eps);
      for (int j = 0; j < cols; j++) {
        out[base + j] = (float) (in[base + j] * inv);
      }
    }
    return FloatTensor.of(out, x.shape());
  }
}
