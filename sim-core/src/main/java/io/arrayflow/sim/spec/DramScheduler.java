package io.arrayflow.sim.spec;

/**
 * The DRAM controller's request scheduler: first-come first-served, or first-ready FCFS (row hits
 * first, Rixner et al., ISCA 2000).
 */
public enum DramScheduler implements Keyed {
  FCFS,
  FR_FCFS;

  /** The scheduler whose key is {@code key} ({@code fcfs}, {@code fr-fcfs}). */
  public static DramScheduler named(String key) {
    return Keyed.named(DramScheduler.class, key);
  }
}
