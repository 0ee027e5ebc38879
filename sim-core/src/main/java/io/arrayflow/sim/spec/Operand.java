package io.arrayflow.sim.spec;

/**
 * The three operands of a MAC-bearing op, named by role as in DESIGN.md: weights (the filter, or
 * the second matrix of a GEMM), inputs (activations) and outputs (partial sums and results).
 */
public enum Operand implements Keyed {
  WEIGHTS,
  INPUTS,
  OUTPUTS;

  /** The operand whose key is {@code key} ({@code weights}, {@code inputs}, {@code outputs}). */
  public static Operand named(String key) {
    return Keyed.named(Operand.class, key);
  }
}
