package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;
import org.apache.commons.math3.special.Erf;

/**
 * Element-wise activations: ReLU, ReLU6 (MobileNetV2), GELU in either form and SwiGLU's gate
 * (Llama), each returning a new tensor of the same shape.
 */
public final class Activations {
  private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
  private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);

  private Activations() {}

  /** The two standard forms of GELU. */
  public enum GeluForm {
    /** {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}: GPT-2's form; the zoo's default. */
    TANH,
    /** {@code 0.5·x·(1 + erf(x/√2))}: the exact form (BERT's reference code). */
    ERF
  }

  /** {@code max(x, 0)}. */
  public static FloatTensor relu(FloatTensor x) {
    float[] in = x.data();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = Math.max(in[i], 0f);
    }
    return FloatTensor.of(out, x.shape());
  }

  /** {@code min(max(x, 0), 6)}. */
  public static FloatTensor relu6(FloatTensor x) {
    float[] in = x.data();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = Math.min(Math.max(in[i], 0f), 6f);
    }
    return FloatTensor.of(out, x.shape());
  }

  /** GELU in the tanh form. */
  public static FloatTensor gelu(FloatTensor x) {
    return gelu(x, GeluForm.TANH);
  }

  /** GELU in the given form. */
  public static FloatTensor gelu(FloatTensor x, GeluForm form) {
    float[] in = x.data();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      double v = in[i];
      double phi =
          form == GeluForm.TANH
              ? 0.5 * (1.0 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)))
              : 0.5 * (1.0 + Erf.erf(v * INV_SQRT_2));
      out[i] = (float) (v * phi);
    }
    return FloatTensor.of(out, x.shape());
  }

  /**
   * SwiGLU's gate (Shazeer, 2020): {@code silu(gate)·up} with {@code silu(g) = g / (1 + e^−g)};
   * shapes must match.
   */
  public static FloatTensor swiglu(FloatTensor gate, FloatTensor up) {
    if (!gate.sameShape(up)) {
      throw new IllegalArgumentException("swiglu needs equal shapes, got " + gate + " and " + up);
    }
    float[] g = gate.data();
    float[] u = up.data();
    float[] out = new float[g.length];
    for (int i = 0; i < g.length; i++) {
      double v = g[i];
      out[i] = (float) (v / (1.0 + Math.exp(-v)) * u[i]);
    }
    return FloatTensor.of(out, gate.shape());
  }
}
