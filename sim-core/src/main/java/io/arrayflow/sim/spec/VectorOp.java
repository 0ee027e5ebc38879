package io.arrayflow.sim.spec;

/**
 * Element-op kinds of the vector unit, each with its own latency: {@code add} (also sub, max,
 * compare, residual add), {@code mul}, {@code exp} (softmax), {@code div} (normalisation), {@code
 * sqrt} (layernorm) and {@code gelu}.
 */
public enum VectorOp implements Keyed {
  ADD,
  MUL,
  EXP,
  DIV,
  SQRT,
  GELU;

  /** The op kind whose key is {@code key}. */
  public static VectorOp named(String key) {
    return Keyed.named(VectorOp.class, key);
  }
}
