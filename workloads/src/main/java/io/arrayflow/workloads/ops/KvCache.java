package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;

/**
 * The key/value cache of one attention layer for autoregressive decoding: per head {@code b < B} it
 * holds the keys and values {@code [length][d]} of every position seen so far. A prefill appends
 * the prompt's keys and values; each decode step appends one position and attends over all of them.
 * This object is mutable state (one per layer per sequence), not a spec.
 */
public final class KvCache {
  private final int heads;
  private final int dim;
  private float[] keys;
  private float[] values;
  private int length;
  private int capacity;

  /** An empty cache for {@code heads} heads (batch·heads) of width {@code dim}. */
  public KvCache(int heads, int dim) {
    this.heads = heads;
    this.dim = dim;
    this.capacity = 16;
    this.keys = new float[heads * capacity * dim];
    this.values = new float[heads * capacity * dim];
  }

  /** The number of cached positions. */
  public int length() {
    return length;
  }

  /** Appends {@code k, v [B][t][d]} as positions {@code length .. length+t−1}. */
  public void append(FloatTensor k, FloatTensor v) {
    if (k.rank() != 3 || k.dim(0) != heads || k.dim(2) != dim || !k.sameShape(v)) {
      throw new IllegalArgumentException(
          "cache of "
              + heads
              + " heads × "
              + dim
              + " needs k, v ["
              + heads
              + "][t]["
              + dim
              + "], got "
              + k
              + ", "
              + v);
    }
    int t = k.dim(1);
    if (length + t > capacity) {
      grow(Math.max(2 * capacity, length + t));
    }
    for (int b = 0; b < heads; b++) {
      System.arraycopy(k.data(), b * t * dim, keys, (b * capacity + length) * dim, t * dim);
      System.arraycopy(v.data(), b * t * dim, values, (b * capacity + length) * dim, t * dim);
    }
    length += t;
  }

  /** The cached keys {@code [B][length][d]} (a copy). */
  public FloatTensor keys() {
    return view(keys);
  }

  /** The cached values {@code [B][length][d]} (a copy). */
  public FloatTensor values() {
    return view(values);
  }

  /** Appends {@code k, v} and attends {@code q [B][t][d]} causally over the whole cache. */
  public FloatTensor attend(FloatTensor q, FloatTensor k, FloatTensor v) {
    append(k, v);
    return Attention.attention(q, keys(), values(), true);
  }

  private FloatTensor view(float[] src) {
    float[] out = new float[heads * length * dim];
    for (int b = 0; b < heads; b++) {
      System.arraycopy(src, b * capacity * dim, out, b * length * dim, length * dim);
    }
    return FloatTensor.of(out, heads, length, dim);
  }

  private void grow(int newCapacity) {
    float[] k = new float[heads * newCapacity * dim];
    float[] v = new float[heads * newCapacity * dim];
    for (int b = 0; b < heads; b++) {
      System.arraycopy(keys, b * capacity * dim, k, b * newCapacity * dim, length * dim);
      System.arraycopy(values, b * capacity * dim, v, b * newCapacity * dim, length * dim);
    }
    keys = k;
    values = v;
    capacity = newCapacity;
  }
}
