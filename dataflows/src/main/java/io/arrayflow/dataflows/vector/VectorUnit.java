package io.arrayflow.dataflows.vector;

import io.arrayflow.workloads.ops.Normalization;
import io.arrayflow.workloads.spec.VectorOpSpec;

/**
 * The vector unit's datapath at cycle fidelity: {@code lanes} lanes computing in float32 as
 * hardware would — a row's reductions (max, sums) as one partial per lane (lane {@code j} takes
 * elements {@code j, j + lanes, …}) combined in lane order — rather than the reference engine's
 * double sums. Each kind is the program its {@code VectorKind} op count describes (softmax: max,
 * scaled subtract with exp, sum, divide). Its timing is the closed form (every lane issues one
 * element-op per cycle, pipelined, never waiting inside the unit), so cycle fidelity adds values,
 * not time. Pooling has no value model (its spec does not hold the window shape).
 */
final class VectorUnit {
  private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);

  private final VectorOpSpec op;
  private final float[] x;
  private final float[] y;
  private final float[] table;
  private final float[] out;
  private final float[] partial;

  /**
   * A unit computing {@code op} on {@code x} (and the second input {@code y} of add and swiglu, or
   * rope's {@code table}; else null) into {@code out}, all flat {@code [rows][rowLength]}.
   */
  VectorUnit(VectorOpSpec op, int lanes, float[] x, float[] y, float[] table, float[] out) {
    if (op.kind().pooling()) {
      throw new UnsupportedOperationException(
          "layer '" + op.name() + "': pooling has no value model (its window shape is not given)");
    }
    this.op = op;
    this.x = x;
    this.y = y;
    this.table = table;
    this.out = out;
    this.partial = new float[lanes];
  }

  /**
   * Takes in elements {@code [first, first + count)}: computes them, or for a row op every row that
   * ends among them (tiles come in order, so each row is computed once, when it is whole).
   */
  void run(long first, long count) {
    int from = Math.toIntExact(first);
    int to = Math.toIntExact(first + count);
    if (!op.kind().rowWise()) {
      elementWise(from, to);
      return;
    }
    int len = Math.toIntExact(op.rowLength());
    for (int base = from / len * len; base + len <= to; base += len) {
      switch (op.kind()) {
        case SOFTMAX -> softmax(base, len);
        case LAYERNORM -> layerNorm(base, len);
        case RMSNORM -> rmsNorm(base, len);
        default -> rope(base, len);
      }
    }
  }

  /** Max, subtract-and-scale with exp, sum, divide. */
  private void softmax(int base, int len) {
    int row = base / len;
    int visible =
        op.causalQueries() > 0 ? row % op.causalQueries() + len - op.causalQueries() + 1 : len;
    float scale = op.scale();
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < visible; j++) {
      max = Math.max(max, x[base + j] * scale);
    }
    for (int j = 0; j < len; j++) {
      out[base + j] = j < visible ? (float) Math.exp(x[base + j] * scale - max) : 0f;
    }
    float sum = laneSum(out, base, len, false);
    for (int j = 0; j < len; j++) {
      out[base + j] = out[base + j] / sum;
    }
  }

  /** Mean, subtract, square, variance, normalise (unit scale, zero shift). */
  private void layerNorm(int base, int len) {
    float mean = laneSum(x, base, len, false) / len;
    for (int j = 0; j < len; j++) {
      out[base + j] = x[base + j] - mean;
    }
    float variance = laneSum(out, base, len, true) / len;
    float inv = (float) (1.0 / Math.sqrt(variance + Normalization.LAYERNORM_EPS));
    for (int j = 0; j < len; j++) {
      out[base + j] = out[base + j] * inv;
    }
  }

  /** Square, sum, normalise (unit gain). */
  private void rmsNorm(int base, int len) {
    float meanSquare = laneSum(x, base, len, true) / len;
    float inv = (float) (1.0 / Math.sqrt(meanSquare + Normalization.RMSNORM_EPS));
    for (int j = 0; j < len; j++) {
      out[base + j] = x[base + j] * inv;
    }
  }

  /** Each pair rotated by its position's cos and sin. */
  private void rope(int base, int len) {
    int positions = Math.toIntExact(op.tableElements() / len);
    int t = (base / len / op.tableRowRepeat()) % positions * len;
    for (int i = 0; i < len; i += 2) {
      float c = table[t + i];
      float s = table[t + i + 1];
      float a = x[base + i];
      float b = x[base + i + 1];
      out[base + i] = a * c - b * s;
      out[base + i + 1] = a * s + b * c;
    }
  }

  /**
   * The sum of {@code v[base, base + len)} (of squares if {@code squares}): a partial per lane,
   * combined in lane order.
   */
  private float laneSum(float[] v, int base, int len, boolean squares) {
    java.util.Arrays.fill(partial, 0f);
    for (int j = 0; j < len; j++) {
      float e = v[base + j];
      partial[j % partial.length] += squares ? e * e : e;
    }
    float sum = 0f;
    for (float p : partial) {
      sum += p;
    }
    return sum;
  }

  private void elementWise(int from, int to) {
    for (int i = from; i < to; i++) {
      float v = x[i];
      out[i] =
          switch (op.kind()) {
            case RELU -> Math.max(v, 0f);
            case RELU6 -> Math.min(Math.max(v, 0f), 6f);
            case GELU ->
                0.5f * v * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v)));
            case ADD -> v + y[i];
            case SWIGLU -> v / (1f + (float) Math.exp(-v)) * y[i];
            default -> throw new IllegalStateException("not element-wise: " + op.kind());
          };
    }
  }
}
