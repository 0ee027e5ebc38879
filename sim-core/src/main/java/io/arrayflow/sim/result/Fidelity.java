package io.arrayflow.sim.result;

import io.arrayflow.sim.spec.Keyed;

/**
 * How a result was computed: {@code analytical} closed-form counts, {@code event}-level simulation
 * at transfer granularity, or {@code cycle}-level stepping of every PE with real values.
 */
public enum Fidelity implements Keyed {
  ANALYTICAL,
  EVENT,
  CYCLE;

  /** The fidelity whose key is {@code key} ({@code analytical}, {@code event}, {@code cycle}). */
  public static Fidelity named(String key) {
    return Keyed.named(Fidelity.class, key);
  }
}
