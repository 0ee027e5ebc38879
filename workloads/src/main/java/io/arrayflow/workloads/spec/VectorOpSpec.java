package io.arrayflow.workloads.spec;

/**
 * A non-MAC layer that runs on the vector unit: its kind and how many elements it processes. For
 * element-wise ops and row normalisations {@code elements} is the tensor size; for pooling it is
 * the number of window reads (outputs × window area). Never folded into MACs.
 */
public record VectorOpSpec(String name, VectorKind kind, long elements) {

  /** Validates that {@code elements >= 1}. */
  public VectorOpSpec {
    if (elements < 1) {
      throw new IllegalArgumentException(
          "invalid vector op '" + name + "': elements: must be >= 1, was " + elements);
    }
  }

  /** Scalar ops: {@code elements × kind.opsPerElement()}. */
  public long ops() {
    return elements * kind.opsPerElement();
  }
}
