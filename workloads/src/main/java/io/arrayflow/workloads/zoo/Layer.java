package io.arrayflow.workloads.zoo;

import io.arrayflow.workloads.spec.CausalMask;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;

/**
 * One layer of a workload: a MAC-bearing {@link OpSpec} for the PE array or a {@link VectorOpSpec}
 * for the vector unit — exactly one of {@link #mac()} and {@link #vector()} is non-null — and what
 * the simulator needs to know about its place in a transformer:
 *
 * <ul>
 *   <li>{@code causal}: the causal mask of an attention matmul (null if none), so the runner can
 *       skip the MACs above the diagonal where the dataflow can;
 *   <li>{@code kvCacheElements}: for a matmul whose weights operand is a KV cache (decoder
 *       attention), the elements of the whole cache — keys and values of every layer and sequence —
 *       when the layer runs, so the runner can place the cache on chip or off (0 otherwise);
 *   <li>{@code fusedInto}: for a vector layer fused into the MAC layer right before it (it consumes
 *       that layer's output as it leaves the array), that layer's name (null if not fused).
 * </ul>
 */
public record Layer(
    String name,
    OpSpec mac,
    VectorOpSpec vector,
    CausalMask causal,
    long kvCacheElements,
    String fusedInto) {

  /** The name reports use for the sum of a workload's layers, so no layer may take it. */
  public static final String TOTAL = "TOTAL";

  /** Checks the name, that exactly one op is given and that the traits fit it. */
  public Layer {
    String bad = nameProblem(name);
    if (bad != null) {
      throw new IllegalArgumentException("layer name " + bad);
    }
    if ((mac == null) == (vector == null)) {
      throw new IllegalArgumentException("layer '" + name + "' needs exactly one of mac, vector");
    }
    String trait = null;
    if (causal != null) {
      trait = mac == null ? "a causal mask applies to a MAC layer" : causal.problem(mac);
    }
    if (kvCacheElements < 0 || (kvCacheElements > 0 && (mac == null || mac.weightsStatic()))) {
      trait = "a KV cache is the dynamic weights operand of a MAC layer";
    }
    if (fusedInto != null && (vector == null || fusedInto.isEmpty())) {
      trait = "only a vector layer fuses into the layer before it";
    }
    if (trait != null) {
      throw new IllegalArgumentException("layer '" + name + "': " + trait);
    }
  }

  /**
   * Null if {@code name} can name a layer, else why not: the rules of {@link Workload#nameProblem},
   * and it must not be {@value #TOTAL}, which reports use for the total row.
   */
  public static String nameProblem(String name) {
    if (TOTAL.equals(name)) {
      return "must not be " + TOTAL + ", which reports use for the total row";
    }
    return Workload.nameProblem(name);
  }

  /** A MAC layer named after its op. */
  public static Layer of(OpSpec op) {
    return new Layer(op.name(), op, null, null, 0, null);
  }

  /** A vector layer named after its op. */
  public static Layer of(VectorOpSpec op) {
    return new Layer(op.name(), null, op, null, 0, null);
  }

  /** This MAC layer with the causal mask {@code mask}. */
  public Layer withCausal(CausalMask mask) {
    return new Layer(name, mac, vector, mask, kvCacheElements, fusedInto);
  }

  /** This MAC layer reading a KV cache of {@code elements} as its weights operand. */
  public Layer withKvCache(long elements) {
    return new Layer(name, mac, vector, causal, elements, fusedInto);
  }

  /** This vector layer fused into the MAC layer {@code producer} (null: not fused). */
  public Layer fusedInto(String producer) {
    return new Layer(name, mac, vector, causal, kvCacheElements, producer);
  }

  /** This layer renamed {@code newName} (its op too). */
  public Layer named(String newName) {
    return new Layer(
        newName,
        mac == null ? null : mac.named(newName),
        vector == null ? null : vector.named(newName),
        causal,
        kvCacheElements,
        fusedInto);
  }

  /** Whether this layer runs on the PE array. */
  public boolean isMac() {
    return mac != null;
  }

  /** Whether this vector layer is fused into the MAC layer before it. */
  public boolean fused() {
    return fusedInto != null;
  }

  /** MACs of this layer (0 for a vector layer), masked ones included. */
  public long macs() {
    return mac == null ? 0 : mac.macs();
  }

  /** MACs the causal mask makes useless (0 without one). */
  public long maskedMacs() {
    return causal == null ? 0 : causal.maskedMacs(mac);
  }

  /** Vector-unit scalar ops of this layer (0 for a MAC layer). */
  public long vectorOps() {
    return vector == null ? 0 : vector.ops();
  }
}
