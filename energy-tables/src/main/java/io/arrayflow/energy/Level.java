package io.arrayflow.energy;

import java.util.ArrayList;
import java.util.List;

/**
 * A component that spends energy, named as in an energy table's YAML keys: the MAC, the per-PE
 * register files, the network-on-chip, the global buffer, DRAM and the vector unit. Used to look up
 * leakage per cycle ({@link EnergyModel#leakageEnergyPerCycle(Level)}).
 */
public enum Level {
  /** The multiply-accumulate datapath of one PE. */
  MAC("mac"),
  /** The register files (scratch pads) of one PE. */
  RF("rf"),
  /** The network-on-chip between the global buffer and the PEs, and between PEs. */
  NOC("noc"),
  /** The on-chip global buffer. */
  GLB("glb"),
  /** Off-chip DRAM. */
  DRAM("dram"),
  /** The vector unit for non-MAC ops. */
  VECTOR("vector");

  private final String key;

  Level(String key) {
    this.key = key;
  }

  /** The YAML key of this level, e.g. {@code "glb"}. */
  public String key() {
    return key;
  }

  /** The level whose YAML key is {@code key}; fails listing the valid keys. */
  public static Level named(String key) {
    List<String> keys = new ArrayList<>();
    for (Level level : values()) {
      if (level.key.equals(key)) {
        return level;
      }
      keys.add(level.key);
    }
    throw new IllegalArgumentException(
        "unknown level '" + key + "', valid: " + String.join(", ", keys));
  }
}
