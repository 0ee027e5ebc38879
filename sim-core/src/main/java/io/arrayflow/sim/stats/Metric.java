package io.arrayflow.sim.stats;

import io.arrayflow.sim.spec.Keyed;

/**
 * Component-specific event counts beside the access counts: DRAM row-buffer hits, misses (row
 * closed) and conflicts (another row open), refreshes and bursts; GLB accesses delayed by a bank
 * conflict; passes the timing engine ran and array cycles that overlapped the previous pass; the
 * values among the DRAM output updates that are finished outputs (written at {@code
 * precision.final_outputs}); the bytes a layer moves to and from off-chip memory (each operand at
 * its width, finished outputs at theirs), which makes its arithmetic intensity.
 */
public enum Metric implements Keyed {
  ROW_HITS,
  ROW_MISSES,
  ROW_CONFLICTS,
  REFRESHES,
  DRAM_BURSTS,
  BANK_CONFLICTS,
  PASSES,
  OVERLAPPED_CYCLES,
  FINAL_OUTPUT_WRITES,
  DRAM_BYTES;

  /** The metric whose key is {@code key} ({@code row-hits}, …). */
  public static Metric named(String key) {
    return Keyed.named(Metric.class, key);
  }
}
