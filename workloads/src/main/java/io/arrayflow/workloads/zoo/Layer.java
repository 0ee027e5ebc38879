package io.arrayflow.workloads.zoo;

import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;

/**
 * One layer of a workload: a MAC-bearing {@link OpSpec} for the PE array or a {@link VectorOpSpec}
 * for the vector unit — exactly one of {@link #mac()} and {@link #vector()} is non-null.
 */
public record Layer(String name, OpSpec mac, VectorOpSpec vector) {

  /** The name reports use for the sum of a workload's layers, so no layer may take it. */
  public static final String TOTAL = "TOTAL";

  /** Checks the name and that exactly one op is given. */
  public Layer {
    String bad = nameProblem(name);
    if (bad != null) {
      throw new IllegalArgumentException("layer name " + bad);
    }
    if ((mac == null) == (vector == null)) {
      throw new IllegalArgumentException("layer '" + name + "' needs exactly one of mac, vector");
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
    return new Layer(op.name(), op, null);
  }

  /** A vector layer named after its op. */
  public static Layer of(VectorOpSpec op) {
    return new Layer(op.name(), null, op);
  }

  /** Whether this layer runs on the PE array. */
  public boolean isMac() {
    return mac != null;
  }

  /** MACs of this layer (0 for a vector layer). */
  public long macs() {
    return mac == null ? 0 : mac.macs();
  }

  /** Vector-unit scalar ops of this layer (0 for a MAC layer). */
  public long vectorOps() {
    return vector == null ? 0 : vector.ops();
  }
}
