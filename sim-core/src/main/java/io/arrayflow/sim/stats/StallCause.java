package io.arrayflow.sim.stats;

import io.arrayflow.sim.spec.Keyed;

/**
 * Why cycles were lost: DRAM bandwidth (waiting behind other transfers), DRAM latency (access
 * latency, row activation, refresh), a GLB bank or port conflict, the NoC, or filling and draining
 * the array.
 */
public enum StallCause implements Keyed {
  DRAM_BANDWIDTH,
  DRAM_LATENCY,
  GLB_BANK,
  NOC,
  ARRAY_FILL_DRAIN;

  /** The cause whose key is {@code key} ({@code dram-bandwidth}, …). */
  public static StallCause named(String key) {
    return Keyed.named(StallCause.class, key);
  }
}
