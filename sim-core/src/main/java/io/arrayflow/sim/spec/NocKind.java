package io.arrayflow.sim.spec;

/**
 * The kind of network-on-chip: Eyeriss-style multicast row/column buses, or TPU/SCALE-Sim style
 * systolic neighbour links.
 */
public enum NocKind implements Keyed {
  MULTICAST,
  SYSTOLIC;

  /** The kind whose key is {@code key} ({@code multicast}, {@code systolic}). */
  public static NocKind named(String key) {
    return Keyed.named(NocKind.class, key);
  }
}
