package io.arrayflow.engine;

import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;

/**
 * What the engine measured for one schedule: the cycles from the first transfer to the last
 * write-back, the cycles the array's MACs issued, the array's waits by cause (each cycle that is
 * not busy attributed to exactly one cause, so {@code busy + Σ stalls = cycles}), and the
 * components' own statistics (busy cycles per memory, GLB and bus; DRAM bursts and row hits; GLB
 * bank conflicts; passes), merged through the kernel.
 *
 * @param cycles core cycles of the schedule
 * @param busyCycles cycles the array's MACs issued
 * @param stalls stall cycles indexed by {@link StallCause#ordinal()}
 * @param components the registered components' busy cycles and metrics (no access counts)
 */
public record Timing(long cycles, long busyCycles, long[] stalls, Stats components) {

  /** Copies the stall array. */
  public Timing {
    stalls = stalls.clone();
  }

  /** Stall cycles of {@code cause}. */
  public long stall(StallCause cause) {
    return stalls[cause.ordinal()];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timing t
        && cycles == t.cycles
        && busyCycles == t.busyCycles
        && java.util.Arrays.equals(stalls, t.stalls)
        && components.equals(t.components);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        cycles, busyCycles, java.util.Arrays.hashCode(stalls), components);
  }

  @Override
  public String toString() {
    StringBuilder b =
        new StringBuilder("Timing{cycles=").append(cycles).append(" busy=").append(busyCycles);
    for (StallCause c : StallCause.values()) {
      if (stalls[c.ordinal()] != 0) {
        b.append(' ').append(c.key()).append('=').append(stalls[c.ordinal()]);
      }
    }
    return b.append(' ').append(components).append('}').toString();
  }
}
