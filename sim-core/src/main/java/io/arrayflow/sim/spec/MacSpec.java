package io.arrayflow.sim.spec;

/**
 * The MAC unit of a PE ({@code pe.mac:}): cycles from operands to accumulated result, and whether a
 * new MAC issues every cycle (pipelined) or once per latency.
 */
public record MacSpec(int latencyCycles, boolean pipelined) {

  /** Validates the latency. */
  public MacSpec {
    new Violations().atLeast("latency_cycles", latencyCycles, 1).throwIfAny();
  }

  /** The documented defaults: latency 1, pipelined. */
  public static MacSpec defaults() {
    return new MacSpec(1, true);
  }

  /** Cycles between two MAC issues: 1 if pipelined, else the latency. */
  public int issueIntervalCycles() {
    return pipelined ? 1 : latencyCycles;
  }
}
