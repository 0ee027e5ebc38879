package io.arrayflow.sim.stats;

import io.arrayflow.sim.spec.Keyed;

/**
 * What was counted at a level, Timeloop-compatible: {@code READ} (one block read), {@code FILL} (a
 * block written from the parent level), {@code UPDATE} (a partial-sum block written from below, or
 * a write-back to DRAM), {@code MULTICAST_DELIVERY} (one delivery to one receiving PE; the parent
 * read is counted once at the parent), {@code SPATIAL_REDUCTION} (one partial sum added on the
 * network), {@code MAC} (one multiply-accumulate) and {@code VECTOR_OP} (one element op).
 */
public enum AccessAction implements Keyed {
  READ,
  FILL,
  UPDATE,
  MULTICAST_DELIVERY,
  SPATIAL_REDUCTION,
  MAC,
  VECTOR_OP;

  /** Whether this action writes the level (fill or update). */
  public boolean isWrite() {
    return this == FILL || this == UPDATE;
  }

  /** The action whose key is {@code key} ({@code read}, {@code fill}, …). */
  public static AccessAction named(String key) {
    return Keyed.named(AccessAction.class, key);
  }
}
