package io.arrayflow.sim.stats;

import io.arrayflow.sim.spec.Operand;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The mutable counters of one component, private to it: primitive arrays indexed by ordinals, no
 * boxing on the hot path. {@link #snapshot()} hands out an immutable {@link Stats}. Busy cycles are
 * the union of the intervals passed to {@link #addBusy(long, long)}, exact when intervals arrive
 * with non-decreasing start cycles (as they do when calls come from kernel events in cycle order).
 */
public final class Counters {

  private final String component;
  private final long[] accesses = new long[Stats.ACCESS_SIZE];
  private final long[] stalls = new long[StallCause.values().length];
  private final long[] metrics = new long[Metric.values().length];
  private long busyCycles;
  private long busyUntilCycle = Long.MIN_VALUE;

  /** Counters reporting busy cycles under the name {@code component}. */
  public Counters(String component) {
    this.component = component;
  }

  /** Adds {@code blocks} to the count of {@code action} on {@code operand} at {@code level}. */
  public void add(Level level, Operand operand, AccessAction action, long blocks) {
    accesses[Stats.index(level, operand.ordinal(), action)] += blocks;
  }

  /** Adds {@code count} to the count of {@code action} at {@code level} with no operand. */
  public void add(Level level, AccessAction action, long count) {
    accesses[Stats.index(level, Stats.NO_OPERAND, action)] += count;
  }

  /** Adds {@code cycles} stall cycles caused by {@code cause}. */
  public void addStall(StallCause cause, long cycles) {
    stalls[cause.ordinal()] += cycles;
  }

  /** Adds {@code count} to {@code metric}. */
  public void add(Metric metric, long count) {
    metrics[metric.ordinal()] += count;
  }

  /**
   * Marks cycles {@code [startCycle, endCycle)} busy (overlaps with earlier intervals count once).
   */
  public void addBusy(long startCycle, long endCycle) {
    if (endCycle <= startCycle || endCycle <= busyUntilCycle) {
      return;
    }
    busyCycles += endCycle - Math.max(startCycle, busyUntilCycle);
    busyUntilCycle = endCycle;
  }

  /** Adds {@code cycles} busy cycles directly (for executors that compute them in closed form). */
  public void addBusyCycles(long cycles) {
    busyCycles += cycles;
  }

  /** Sets every counter back to zero. */
  public void clear() {
    Arrays.fill(accesses, 0);
    Arrays.fill(stalls, 0);
    Arrays.fill(metrics, 0);
    busyCycles = 0;
    busyUntilCycle = Long.MIN_VALUE;
  }

  /** An immutable copy of the counts so far. */
  public Stats snapshot() {
    TreeMap<String, Long> busy = new TreeMap<>();
    busy.put(component, busyCycles);
    return new Stats(accesses.clone(), stalls.clone(), metrics.clone(), busy);
  }
}
