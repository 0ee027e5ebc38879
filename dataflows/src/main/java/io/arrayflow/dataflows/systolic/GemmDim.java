package io.arrayflow.dataflows.systolic;

import io.arrayflow.sim.spec.Keyed;
import io.arrayflow.workloads.spec.OpSpec;

/**
 * The three dimensions of a layer seen as one GEMM per group, as SCALE-Sim v2 (Samajdar et al.,
 * ISPASS 2020) lays out its operand matrices: {@code EF} output pixels ({@code N·P·Q}, the rows of
 * the im2col input matrix), {@code M} filters (output channels per group) and {@code K} the
 * reduction window ({@code C·R·S}, ordered {@code c}, then {@code r}, then {@code s} as in the
 * weights layout {@code [G][M][C][R][S]}).
 */
public enum GemmDim implements Keyed {
  EF,
  M,
  K;

  /** The size of this dimension for one group of {@code spec}. */
  public int size(OpSpec spec) {
    long size =
        switch (this) {
          case EF -> (long) spec.n() * spec.p() * spec.q();
          case M -> spec.m();
          case K -> (long) spec.c() * spec.r() * spec.s();
        };
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "op '" + spec.name() + "': GEMM dimension " + this + " = " + size + " exceeds int range");
    }
    return (int) size;
  }

  /** The dimension whose key is {@code key} ({@code ef}, {@code m}, {@code k}). */
  public static GemmDim named(String key) {
    return Keyed.named(GemmDim.class, key);
  }
}
