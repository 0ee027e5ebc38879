package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;

/**
 * Scaled dot-product attention {@code softmax(Q·Kᵀ/√d + mask)·V} over a batch of heads (Vaswani et
 * al., 2017): {@code q [B][Tq][d]}, {@code k [B'][Tk][d]}, {@code v [B'][Tk][dv]} with {@code B =
 * batch·heads} and {@code B' = batch·kvHeads}; with grouped-query attention (Ainslie et al., 2023)
 * {@code heads / kvHeads} consecutive query heads share one key/value head. The causal mask lets
 * query {@code i} see key {@code j} iff {@code j <= i + Tk − Tq}, i.e. queries are the last {@code
 * Tq} positions of the sequence — so a decode step ({@code Tq = 1}) against a {@link KvCache} sees
 * every cached key and equals the last row of a full causal prefill.
 */
public final class Attention {
  private Attention() {}

  /** The unscaled scores {@code q · kᵀ}: {@code [B][Tq][Tk]}. */
  public static FloatTensor scores(FloatTensor q, FloatTensor k) {
    return MatMul.batched(q, MatMul.transpose(k));
  }

  /** {@code softmax(q·kᵀ/√d + causal mask)·v} → {@code [B][Tq][dv]}. */
  public static FloatTensor attention(FloatTensor q, FloatTensor k, FloatTensor v, boolean causal) {
    return MatMul.batched(probabilities(q, k, causal), shared(v, q.dim(0)));
  }

  /**
   * {@code kv [B'][T][d]} with each head repeated so that {@code heads} query heads each have their
   * own ({@code B' = heads} as it is); fails unless {@code B'} divides {@code heads}.
   */
  static FloatTensor shared(FloatTensor kv, int heads) {
    int kvHeads = kv.dim(0);
    if (kvHeads == heads) {
      return kv;
    }
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "grouped attention needs the key/value heads (" + kvHeads + ") to divide " + heads);
    }
    int group = heads / kvHeads;
    int per = kv.size() / kvHeads;
    float[] out = new float[heads * per];
    for (int h = 0; h < heads; h++) {
      System.arraycopy(kv.data(), h / group * per, out, h * per, per);
    }
    return FloatTensor.of(out, heads, kv.dim(1), kv.dim(2));
  }

  /** The attention weights {@code softmax(q·kᵀ/√d + causal mask)}: {@code [B][Tq][Tk]}. */
  public static FloatTensor probabilities(FloatTensor q, FloatTensor k, boolean causal) {
    if (q.rank() != 3 || k.rank() != 3 || q.dim(0) % k.dim(0) != 0 || q.dim(2) != k.dim(2)) {
      throw new IllegalArgumentException(
          "attention needs q[B][Tq][d], k[B'][Tk][d] with B' dividing B, got " + q + ", " + k);
    }
    int tq = q.dim(1);
    int tk = k.dim(1);
    if (causal && tq > tk) {
      throw new IllegalArgumentException("causal attention needs Tq <= Tk, got " + tq + " > " + tk);
    }
    FloatTensor s = scores(q, shared(k, q.dim(0)));
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
    return multiHead(q, k, v, batch, heads, heads, causal);
  }

  /**
   * Grouped-query attention on projected token matrices: {@code q [batch·Tq][heads·d]}, {@code k, v
   * [batch·Tk][kvHeads·d]} → {@code [batch·Tq][heads·d]}.
   */
  public static FloatTensor multiHead(
      FloatTensor q,
      FloatTensor k,
      FloatTensor v,
      int batch,
      int heads,
      int kvHeads,
      boolean causal) {
    FloatTensor out =
        attention(
            Tensors.splitHeads(q, batch, heads),
            Tensors.splitHeads(k, batch, kvHeads),
            Tensors.splitHeads(v, batch, kvHeads),
            causal);
    return Tensors.mergeHeads(out, batch);
  }
}
