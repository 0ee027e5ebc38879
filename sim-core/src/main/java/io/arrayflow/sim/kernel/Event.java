package io.arrayflow.sim.kernel;

import java.util.Objects;

/**
 * One scheduled action: it fires at {@code cycle}; {@code seq} is the kernel's insertion counter,
 * which orders events of the same cycle first-scheduled first.
 */
public record Event(long cycle, long seq, Action action) implements Comparable<Event> {

  /** Checks the action is present. */
  public Event {
    Objects.requireNonNull(action, "action");
  }

  /** Orders by cycle, then by insertion sequence. */
  @Override
  public int compareTo(Event other) {
    int byCycle = Long.compare(cycle, other.cycle);
    return byCycle != 0 ? byCycle : Long.compare(seq, other.seq);
  }
}
