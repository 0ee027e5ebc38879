package io.arrayflow.workloads.spec;

import java.util.Locale;

/**
 * The non-MAC ops that run on the vector unit, each with the number of scalar ops it costs per
 * element of its {@link VectorOpSpec#elements() element count}. The counts are a stated convention
 * (one op per add, multiply, compare, exp, divide or tanh), not a measurement.
 */
public enum VectorKind {
  /** Softmax over a row: max, subtract (fused with the 1/√d scale), exp, sum, divide. */
  SOFTMAX(5),
  /** Layer normalisation: mean add, subtract, square, variance add, normalise, scale, shift. */
  LAYERNORM(7),
  /** {@code max(x, 0)}. */
  RELU(1),
  /** {@code min(max(x, 0), 6)}. */
  RELU6(2),
  /** GELU, tanh form: cube, multiply, add, multiply, tanh, add, multiply, multiply. */
  GELU(8),
  /** Max pooling; elements are window reads (outputs × window area), one compare each. */
  POOL_MAX(1),
  /** Average pooling; elements are window reads (outputs × window area), one add each. */
  POOL_AVG(1),
  /** Element-wise add (residual connection). */
  ADD(1);

  private static final VectorKind[] VALUES = values();
  private final int opsPerElement;

  VectorKind(int opsPerElement) {
    this.opsPerElement = opsPerElement;
  }

  /** Scalar ops per element. */
  public int opsPerElement() {
    return opsPerElement;
  }

  /** Lower-case name as written in configs ({@code softmax}, {@code pool_max}, …). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind called {@code name} (case-insensitive); fails listing the valid names. */
  public static VectorKind named(String name) {
    for (VectorKind k : VALUES) {
      if (k.name().equalsIgnoreCase(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown vector op '" + name + "'; expected one of " + validNames());
  }

  /** The valid names, comma-separated, in declaration order. */
  public static String validNames() {
    StringBuilder sb = new StringBuilder();
    for (VectorKind k : VALUES) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(k.key());
    }
    return sb.toString();
  }
}
