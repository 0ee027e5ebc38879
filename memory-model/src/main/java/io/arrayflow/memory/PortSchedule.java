package io.arrayflow.memory;

/**
 * A set of identical ports serving accesses first-come first-served: at most {@code portsPerCycle}
 * accesses per cycle; an access that finds every port of its cycle taken waits for the next cycle.
 * Requests must come in non-decreasing cycle order; a request earlier than the backlog joins its
 * end.
 */
public final class PortSchedule {

  private final int portsPerCycle;
  private long cycle = Long.MIN_VALUE;
  private long usedInCycle;

  /** Ports serving {@code portsPerCycle} (>= 1) accesses per cycle. */
  public PortSchedule(int portsPerCycle) {
    if (portsPerCycle < 1) {
      throw new IllegalArgumentException("ports per cycle must be >= 1, was " + portsPerCycle);
    }
    this.portsPerCycle = portsPerCycle;
  }

  /**
   * Serves {@code accesses} (>= 1) accesses requested at {@code requestCycle}; returns the cycle in
   * which the last one is served.
   */
  public long reserve(long requestCycle, long accesses) {
    if (accesses < 1) {
      throw new IllegalArgumentException("accesses must be >= 1, was " + accesses);
    }
    if (requestCycle > cycle) {
      cycle = requestCycle;
      usedInCycle = 0;
    }
    long free = portsPerCycle - usedInCycle;
    if (accesses <= free) {
      usedInCycle += accesses;
      return cycle;
    }
    long rest = accesses - free;
    long moreCycles = (rest + portsPerCycle - 1) / portsPerCycle;
    cycle += moreCycles;
    usedInCycle = rest - (moreCycles - 1) * portsPerCycle;
    return cycle;
  }

  /** The first cycle with a free port for a request at {@code requestCycle}, without reserving. */
  public long firstFreeCycle(long requestCycle) {
    if (requestCycle > cycle) {
      return requestCycle;
    }
    return usedInCycle < portsPerCycle ? cycle : cycle + 1;
  }
}
