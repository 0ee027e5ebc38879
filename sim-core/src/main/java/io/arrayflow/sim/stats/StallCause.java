package io.arrayflow.sim.stats;

import io.arrayflow.sim.spec.Keyed;

/**
 * Why the array was not doing MACs in a cycle, one vocabulary for every NoC (docs/execution.md
 * "Stalls" defines each and the identity that ties them to the cycle count): filling the array (the
 * first pass's data from an idle memory, a stationary operand's preload), draining it (the skewed
 * wavefront and partial sums leaving the array, the last write-back), the NoC's bus width, a GLB
 * bank or port limit, DRAM latency (an idle memory's access time) and DRAM bandwidth (moving the
 * bytes and queuing behind other transfers).
 */
public enum StallCause implements Keyed {
  FILL,
  DRAIN,
  NOC,
  GLB_BANK,
  DRAM_LATENCY,
  DRAM_BANDWIDTH;

  /** The cause whose key is {@code key} ({@code fill}, {@code dram-bandwidth}, …). */
  public static StallCause named(String key) {
    return Keyed.named(StallCause.class, key);
  }
}
