package io.arrayflow.sim.stats;

import io.arrayflow.sim.spec.Keyed;

/** The levels of the hierarchy that statistics are kept for, outermost first. */
public enum Level implements Keyed {
  DRAM,
  GLB,
  NOC,
  RF,
  MAC,
  VECTOR;

  /** The level whose key is {@code key} ({@code dram}, {@code glb}, …). */
  public static Level named(String key) {
    return Keyed.named(Level.class, key);
  }
}
