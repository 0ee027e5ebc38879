package io.arrayflow.dataflows.mapper;

import io.arrayflow.sim.spec.Keyed;

/**
 * What the mapper minimises over a layer's mappings, from the analytical model: {@code energy}, the
 * {@code cycles} of the analytical bound, or their product {@code edp} (energy-delay product, the
 * default). Ties go to lower energy, then fewer cycles.
 */
public enum Objective implements Keyed {
  ENERGY,
  CYCLES,
  EDP;

  /** The objective whose key is {@code key} ({@code energy}, {@code cycles}, {@code edp}). */
  public static Objective named(String key) {
    return Keyed.named(Objective.class, key);
  }

  /** The value minimised for a mapping of {@code energy} (table unit) and {@code cycles}. */
  public double score(double energy, long cycles) {
    return switch (this) {
      case ENERGY -> energy;
      case CYCLES -> cycles;
      case EDP -> energy * cycles;
    };
  }

  /** Whether ({@code e1}, {@code c1}) is strictly better than ({@code e2}, {@code c2}). */
  public boolean better(double e1, long c1, double e2, long c2) {
    double s1 = score(e1, c1);
    double s2 = score(e2, c2);
    if (s1 != s2) {
      return s1 < s2;
    }
    return e1 != e2 ? e1 < e2 : c1 < c2;
  }
}
