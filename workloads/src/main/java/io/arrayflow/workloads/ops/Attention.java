package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;

/**
 * Scaled dot-product attention {@code softmax(Q·Kᵀ/√d + mask)·V} over a batch of heads (Vaswani et
 * al., 2017): {@code q [B][Tq][d]}, {@code k [B][Tk][d]}, {@code v [B][Tk][dv]} with {@code B =
 * batch·heads}. The causal mask lets query {@code i} see key {@code j} iff {@code j <= i + Tk −
 * Tq}, i.e. queries are the last {@code Tq} positions of the sequence — so a decode step ({@code Tq
 * = 1}) against a {@link KvCache} sees every cached key and equals the last row of a full causal
 * prefill.
 */
public final class Attention {
  private Attention() {}

  /** The unscaled scores {@code q · kᵀ}: {@code [B][Tq][Tk]}. */
  public static FloatTensor scores(FloatTensor q, FloatTensor k) {
    return MatMul.batched(q, MatMul.transpose(k));
  }

  /** {@code softmax(q·kᵀ/√d + causal mask)·v} → {@code [B][Tq][dv]}. */
  public static FloatTensor attention(FloatTensor q, FloatTensor k, FloatTensor v, boolean causal) {
    return MatMul.batched(probabilities(q, k, causal), v);
  }

  /** The attention weights {@code softmax(q·kᵀ/√d + causal mask)}: {@code [B][Tq][Tk]}. */
  public static FloatTensor probabilities(FloatTensor q, FloatTensor k, boolean causal) {
    if (q.rank() != 3 || k.rank() != 3 || q.dim(0) != k.dim(0) || q.dim(2) != k.dim(2)) {
      throw new IllegalArgumentException(
          "attention needs q[B][Tq][d], k[B][Tk][d], got " + q + ", " + k);
    }
    int tq = q.dim(1);
    int tk = k.dim(1);
    if (causal && tq > tk) {
      throw new IllegalArgumentException("causal attention needs Tq <= Tk, got " + tq + " > " + tk);
    }
    FloatTensor s = scores(q, k);
    float scale = (float) (1.0 / Math.sqrt(q.dim(2)));
    float[] d = s.data();
    for (int row = 0; row < q.dim(0) * tq; row++) {
      int i = row % tq;
      int visible = causal ? i + tk - tq + 1 : tk;
      int base = row * tk;
      for (int j = 0; j < tk; j++) {
        d[base + j] = j < visible ? d[base + j] * scale : Float.NEGATIVE_INFINITY;
      }
      Normalization.softmaxRow(d, d, base, tk);
    }
    return s;
  }

  /**
   * Multi-head attention on projected token matrices: {@code q [batch·Tq][heads·d]}, {@code k, v
   * [batch·Tk][heads·d]} → {@code [batch·Tq][heads·d]} (before the output projection).
   */
  public static FloatTensor multiHead(
      FloatTensor q, FloatTensor k, FloatTensor v, int batch, int heads, boolean causal) {
    FloatTensor out =
        attention(
            Tensors.splitHeads(q, batch, heads),
            Tensors.splitHeads(k, batch, heads),
            Tensors.splitHeads(v, batch, heads),
            causal);
    return Tensors.mergeHeads(out, batch);
  }
}
