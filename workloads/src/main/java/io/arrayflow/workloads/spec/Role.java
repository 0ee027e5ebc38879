package io.arrayflow.workloads.spec;

import java.util.Locale;

/**
 * The three operands of a MAC-bearing op, named by role. For attention's Q·Kᵀ and A·V the "weights"
 * operand is an activation; {@link OpSpec#weightsStatic()} says which.
 */
public enum Role {
  WEIGHTS,
  INPUTS,
  OUTPUTS;

  /** Lower-case name as used in configs and reports ({@code weights}, {@code inputs}, …). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
