package io.arrayflow.dataflows.analysis;

import java.util.Locale;

/** What an access to a storage level does, as counted per level and operand. */
public enum Action {
  /** A word read out of the level: to fill a child, or to feed or accumulate at the MAC. */
  READ,
  /**
   * A word written into the level from its parent (a tile entering, or a partial sum returning).
   */
  FILL,
  /** A word written into the level from below: a partial sum written back, or a MAC's result. */
  UPDATE;

  /** Lower-case name as used in reports ({@code read}, {@code fill}, {@code update}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
