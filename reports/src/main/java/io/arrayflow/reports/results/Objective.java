package io.arrayflow.reports.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What "best" means when results are ranked: least energy, fewest cycles, or the least energy-delay
 * product (energy × latency in ms, so a faster clock counts as delay saved).
 */
public enum Objective {
  /** Least total energy. */
  ENERGY,
  /** Fewest cycles. */
  CYCLES,
  /** Least energy × latency (table unit × ms). */
  EDP;

  /** The key used on the command line and in sweep files. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The score to minimise for a result with this energy, cycle count and latency. */
  public double score(double energy, long cycles, double latencyMs) {
    return switch (this) {
      case ENERGY -> energy;
      case CYCLES -> cycles;
      case EDP -> energy * latencyMs;
    };
  }

  /** Every key, in declaration order. */
  public static List<String> keys() {
    List<String> out = new ArrayList<>();
    for (Objective o : values()) {
      out.add(o.key());
    }
    return out;
  }

  /** The objective whose key is {@code key}; fails listing the valid keys. */
  public static Objective named(String key) {
    for (Objective o : values()) {
      if (o.key().equalsIgnoreCase(key == null ? "" : key.trim())) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown objective '" + key + "'; expected one of " + String.join(", ", keys()));
  }
}
