package io.arrayflow.workloads.zoo;

import io.arrayflow.workloads.spec.CausalMask;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;
import java.util.List;

/**
 * The three layers of scaled dot-product attention as the simulator runs them, for the zoo and for
 * a workload file's {@code attention} layer: {@code name.qk} (the scores {@code Q·Kᵀ}), {@code
 * name.softmax} (scaled by {@code 1/√headDim}, causally masked when asked) and {@code name.av}
 * ({@code A·V}). Both matmuls run over {@code G = batch·kvHeads} with the {@code heads / kvHeads}
 * query heads of one key/value head stacked in the rows ({@code P = heads/kvHeads · queries}), so a
 * key/value head is one weights operand (grouped-query attention, Ainslie et al., 2023; {@code
 * kvHeads = heads} is multi-head attention); a causal one carries its {@link CausalMask} when more
 * than one query sees a different set of keys.
 */
public final class AttentionLayers {
  private AttentionLayers() {}

  /**
   * The qk, softmax and av layers of attention of {@code queries} over {@code keys} positions
   * (queries are the last ones) for {@code batch} sequences. Fails (IllegalArgumentException) if a
   * size is not positive, {@code kvHeads} does not divide {@code heads}, a causal one has more
   * queries than keys, or a count is above the limits of {@link OpSpec}.
   */
  public static List<Layer> of(
      String name,
      int batch,
      int heads,
      int kvHeads,
      int queries,
      int keys,
      int headDim,
      boolean causal) {
    if (batch < 1 || heads < 1 || kvHeads < 1 || queries < 1 || keys < 1 || headDim < 1) {
      throw new IllegalArgumentException("attention '" + name + "': every size must be >= 1");
    }
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "attention '" + name + "': kv heads (" + kvHeads + ") must divide heads (" + heads + ")");
    }
    if (causal && queries > keys) {
      throw new IllegalArgumentException(
          "attention '"
              + name
              + "': causal attention needs queries ("
              + queries
              + ") <= keys ("
              + keys
              + ")");
    }
    int g = intSize(name, "batch × kv heads", (long) batch * kvHeads);
    int rows = intSize(name, "query heads per kv head × queries", (long) heads / kvHeads * queries);
    boolean masked = causal && queries > 1;
    Layer qk = Layer.of(OpSpec.matmul(name + ".qk", g, rows, headDim, keys, false));
    Layer av = Layer.of(OpSpec.matmul(name + ".av", g, rows, keys, headDim, false));
    Layer softmax =
        Layer.of(
            VectorOpSpec.softmax(
                name + ".softmax",
                (long) g * rows,
                keys,
                (float) (1.0 / Math.sqrt(headDim)),
                causal ? queries : 0));
    return List.of(
        masked ? qk.withCausal(new CausalMask(queries, keys, Dim.M)) : qk,
        softmax,
        masked ? av.withCausal(new CausalMask(queries, keys, Dim.C)) : av);
  }

  private static int intSize(String name, String what, long value) {
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "attention '" + name + "': " + what + " = " + value + " is above " + Integer.MAX_VALUE);
    }
    return (int) value;
  }
}
