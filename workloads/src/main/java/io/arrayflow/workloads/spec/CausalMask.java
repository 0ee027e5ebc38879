package io.arrayflow.workloads.spec;

/**
 * The causal mask of an attention matmul (Vaswani et al., 2017; GPT): the {@code queries} are the
 * last positions of a sequence of {@code keys}, and query {@code i} sees key {@code j} iff {@code j
 * <= i + keys − queries}. The matmul's rows ({@code P}) are query blocks of {@code queries} rows
 * (one per head sharing a key/value head, heads outer), so row {@code p} is query {@code p %
 * queries}. {@code keyDim} is the dimension that runs over keys: {@code M} for the scores {@code
 * Q·Kᵀ} (masked scores are discarded), {@code C} for {@code A·V} (masked probabilities are zero).
 *
 * @param queries query positions per row block, {@code 1..keys}
 * @param keys key positions
 * @param keyDim {@link Dim#M} (scores) or {@link Dim#C} (weighted sum of values)
 */
public record CausalMask(int queries, int keys, Dim keyDim) {

  /** Validates {@code 1 <= queries <= keys} and that {@code keyDim} is M or C. */
  public CausalMask {
    if (queries < 1 || queries > keys) {
      throw new IllegalArgumentException(
          "causal mask: queries must be in 1.." + keys + " (the keys), was " + queries);
    }
    if (keyDim != Dim.M && keyDim != Dim.C) {
      throw new IllegalArgumentException("causal mask: keyDim must be M or C, was " + keyDim);
    }
  }

  /** Keys row {@code p} sees: {@code p % queries + keys − queries + 1}. */
  public int visibleKeys(long p) {
    return (int) (p % queries) + keys - queries + 1;
  }

  /**
   * Why {@code op} cannot carry this mask, or null: it must be a matmul ({@code Q = R = S = 1})
   * whose {@code keyDim} is {@code keys} long and whose rows are whole query blocks.
   */
  public String problem(OpSpec op) {
    if (op.q() != 1 || op.r() != 1 || op.s() != 1) {
      return "a causal mask applies to a matmul (Q = R = S = 1)";
    }
    if (op.size(keyDim) != keys) {
      return "a causal mask over " + keys + " keys needs " + keyDim + " = " + keys;
    }
    if (op.p() % queries != 0) {
      return "a causal mask of " + queries + " queries needs P (" + op.p() + ") a multiple of it";
    }
    return null;
  }

  /**
   * MACs of {@code op} the mask makes useless: for the scores those of masked outputs, for {@code
   * A·V} those multiplying a zero probability. {@code N·G·(P/queries)·queries·(queries−1)/2} masked
   * (row, key) pairs, times the other reduction or output dimension.
   */
  public long maskedMacs(OpSpec op) {
    long pairs = (long) queries * (queries - 1) / 2;
    long other = keyDim == Dim.M ? op.c() : op.m();
    return (long) op.n() * op.g() * (op.p() / queries) * pairs * other;
  }
}
