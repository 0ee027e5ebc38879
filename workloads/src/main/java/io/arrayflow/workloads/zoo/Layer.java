package io.arrayflow.workloads.zoo;

import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;

/**
 * One layer of a workload: a MAC-bearing {@link OpSpec} for the PE array or a {@link VectorOpSpec}
 * for the vector unit — exactly one of {@link #mac()} and {@link #vector()} is non-null.
 */
public record Layer(String name, OpSpec mac, VectorOpSpec vector) {

  /** Checks that exactly one op is given and that its name is the layer's. */
  public Layer {
    if ((mac == null) == (vector == null)) {
      throw new IllegalArgumentException("layer '" + name + "' needs exactly one of mac, vector");
    }
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
