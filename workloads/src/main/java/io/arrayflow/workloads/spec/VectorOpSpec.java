package io.arrayflow.workloads.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A non-MAC layer that runs on the vector unit: its kind and how many elements it processes. For
 * element-wise ops and row normalisations {@code elements} is the tensor size; for pooling it is
 * the number of window reads (outputs × window area). Never folded into MACs.
 */
public record VectorOpSpec(String name, VectorKind kind, long elements) {

  /**
   * Validates that {@code elements >= 1} and that the op count is at most {@link CountLimit#MAX}.
   */
  public VectorOpSpec {
    List<String> problems = problems(kind, elements);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("layer '" + name + "': " + String.join("; ", problems));
    }
  }

  /**
   * Every reason {@code elements} of {@code kind} do not form a valid op, empty if they do, e.g.
   * {@code "elements: must be >= 1, was 0"}.
   */
  public static List<String> problems(VectorKind kind, long elements) {
    List<String> out = new ArrayList<>();
    if (elements < 1) {
      out.add("elements: must be >= 1, was " + elements);
    } else {
      String tooMany =
          CountLimit.checkProduct(
              "ops (elements × " + kind.opsPerElement() + " for " + kind.key() + ")",
              elements,
              kind.opsPerElement());
      if (tooMany != null) {
        out.add(tooMany);
      }
    }
    return out;
  }

  /** Scalar ops: {@code elements × kind.opsPerElement()}, at most {@link CountLimit#MAX}. */
  public long ops() {
    return elements * kind.opsPerElement();
  }
}
