package io.arrayflow.sim.spec;

/**
 * How a systolic array loads its next stationary tile: {@code serial} waits for the preload before
 * each fold (SCALE-Sim v2), {@code overlapped} shifts it in behind the current tile (TPU weight
 * FIFO with a shadow tile).
 */
public enum Preload implements Keyed {
  SERIAL,
  OVERLAPPED;

  /** The preload policy whose key is {@code key} ({@code serial}, {@code overlapped}). */
  public static Preload named(String key) {
    return Keyed.named(Preload.class, key);
  }
}
