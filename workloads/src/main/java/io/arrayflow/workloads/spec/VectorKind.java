package io.arrayflow.workloads.spec;

import java.util.Locale;

/**
 * The non-MAC ops that run on the vector unit, each with the number of scalar ops it costs per
 * element of its {@link VectorOpSpec#elements() element count}, how many activation tensors it
 * reads, and whether it works on whole rows (a normalisation over the row, a rotation of a head's
 * pairs) or element by element. The counts are a stated convention (one op per add, multiply,
 * compare, exp, divide or tanh; a row's single square root or reciprocal is not counted), not a
 * measurement.
 */
public enum VectorKind {
  /** Softmax over a row: max, subtract (fused with the 1/√d scale), exp, sum, divide. */
  SOFTMAX(5, 1, true),
  /** Layer normalisation: mean add, subtract, square, variance add, normalise, scale, shift. */
  LAYERNORM(7, 1, true),
  /** {@code max(x, 0)}. */
  RELU(1, 1, false),
  /** {@code min(max(x, 0), 6)}. */
  RELU6(2, 1, false),
  /** GELU, tanh form: cube, multiply, add, multiply, tanh, add, multiply, multiply. */
  GELU(8, 1, false),
  /** Max pooling; elements are window reads (outputs × window area), one compare each. */
  POOL_MAX(1, 1, false),
  /** Average pooling; elements are window reads (outputs × window area), one add each. */
  POOL_AVG(1, 1, false),
  /** Element-wise add (residual connection) of two tensors. */
  ADD(1, 2, false),
  /**
   * RMS normalisation (Zhang and Sennrich, 2019; Llama): square, mean add, multiply by the row's
   * reciprocal root, multiply by the gain.
   */
  RMSNORM(4, 1, true),
  /**
   * SwiGLU's gate (Shazeer, 2020; Llama's MLP): {@code silu(gate)·up} of two tensors, {@code
   * silu(g) = g·σ(g)}: exp, add, divide (the sigmoid), multiply, multiply.
   */
  SWIGLU(5, 2, false),
  /**
   * Rotary position embedding (Su et al., RoFormer, 2021) of a head's interleaved pairs with a
   * cos/sin table read beside the input: multiply, multiply, add per element.
   */
  ROPE(3, 1, true);

  private static final VectorKind[] VALUES = values();
  private final int opsPerElement;
  private final int inputTensors;
  private final boolean rowWise;

  VectorKind(int opsPerElement, int inputTensors, boolean rowWise) {
    this.opsPerElement = opsPerElement;
    this.inputTensors = inputTensors;
    this.rowWise = rowWise;
  }

  /** Scalar ops per element. */
  public int opsPerElement() {
    return opsPerElement;
  }

  /** Activation tensors read: 2 for {@code add} and {@code swiglu}, 1 for the others. */
  public int inputTensors() {
    return inputTensors;
  }

  /**
   * Whether the op needs whole rows of {@link VectorOpSpec#rowLength()} elements at once (softmax
   * and the norms reduce over a row, rope rotates a head's pairs); the others go element by
   * element.
   */
  public boolean rowWise() {
    return rowWise;
  }

  /** Whether the op reads a table beside its input (rope's cos/sin per position). */
  public boolean readsTable() {
    return this == ROPE;
  }

  /** Whether elements are pooling-window reads rather than output elements. */
  public boolean pooling() {
    return this == POOL_MAX || this == POOL_AVG;
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
