package io.arrayflow.sim.kernel;

/**
 * How a {@link Kernel#run} ended: whether the queue drained or the cycle limit stopped it, the
 * kernel's cycle at the end (the last event's cycle when drained, the limit when stopped), how many
 * events fired in this run and how many are still pending.
 */
public record RunOutcome(Status status, long finalCycle, long eventsFired, long pendingEvents) {

  /** Why a run stopped. */
  public enum Status {
    /** No event is left. */
    DRAINED,
    /** The next event lies beyond the cycle limit; it stays queued. */
    CYCLE_LIMIT
  }

  /** Whether the queue drained. */
  public boolean drained() {
    return status == Status.DRAINED;
  }
}
