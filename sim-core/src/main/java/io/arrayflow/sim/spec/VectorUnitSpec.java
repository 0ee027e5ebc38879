package io.arrayflow.sim.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The vector unit beside the array for non-MAC ops ({@code vector_unit:}): lanes (elements per
 * cycle for a one-cycle op) and the latency in cycles of each {@link VectorOp} kind.
 */
public record VectorUnitSpec(int lanes, Map<VectorOp, Integer> latencyCycles) {

  /** Validates lanes and that every op kind has a latency of at least one cycle; copies. */
  public VectorUnitSpec {
    Violations v = new Violations();
    v.atLeast("lanes", lanes, 1);
    if (latencyCycles == null) {
      v.required("latency_cycles", null);
    } else {
      EnumMap<VectorOp, Integer> copy = new EnumMap<>(VectorOp.class);
      copy.putAll(latencyCycles);
      for (VectorOp op : VectorOp.values()) {
        Integer cycles = copy.get(op);
        String path = "latency_cycles." + op.key();
        if (cycles == null) {
          v.required(path, null);
        } else {
          v.atLeast(path, cycles, 1);
        }
      }
      latencyCycles = Collections.unmodifiableMap(copy);
    }
    v.throwIfAny();
  }

  /** Latency of one {@code op}, cycles. */
  public int latencyCycles(VectorOp op) {
    return latencyCycles.get(op);
  }

  /** A builder holding the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The documented defaults, as {@code builder().build()}. */
  public static VectorUnitSpec defaults() {
    return builder().build();
  }

  /**
   * Builds a {@link VectorUnitSpec} from the documented defaults: 16 lanes; latency add 1, mul 1,
   * exp 4, div 8, sqrt 8, gelu 4 cycles.
   */
  public static final class Builder {
    private int lanes = 16;
    private final EnumMap<VectorOp, Integer> latencyCycles = new EnumMap<>(VectorOp.class);

    private Builder() {
      latencyCycles.put(VectorOp.ADD, 1);
      latencyCycles.put(VectorOp.MUL, 1);
      latencyCycles.put(VectorOp.EXP, 4);
      latencyCycles.put(VectorOp.DIV, 8);
      latencyCycles.put(VectorOp.SQRT, 8);
      latencyCycles.put(VectorOp.GELU, 4);
    }

    /** Sets {@code lanes}. */
    public Builder lanes(int lanes) {
      this.lanes = lanes;
      return this;
    }

    /** Sets {@code latency_cycles.<op>}. */
    public Builder latencyCycles(VectorOp op, int cycles) {
      latencyCycles.put(op, cycles);
      return this;
    }

    /** The validated spec. */
    public VectorUnitSpec build() {
      return new VectorUnitSpec(lanes, latencyCycles);
    }
  }
}
