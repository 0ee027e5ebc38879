package io.arrayflow.sim.kernel;

import io.arrayflow.sim.stats.Stats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The discrete-event kernel: a priority queue of {@link Event}s ordered by (cycle, seq). {@link
 * #run(long)} fires events in that order, advancing {@link #now()}, until the queue drains or the
 * next event lies beyond a cycle limit, and returns which happened. Components registered here are
 * reported together by {@link #stats()}. Not thread-safe: one kernel per simulation.
 */
public final class Kernel {

  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final Map<String, Component> components = new LinkedHashMap<>();
  private long now;
  private long nextSeq;

  /** The current cycle: the cycle of the event firing, or of the last one fired. */
  public long now() {
    return now;
  }

  /** Number of events waiting. */
  public int pendingEvents() {
    return queue.size();
  }

  /** Schedules {@code action} at absolute {@code cycle}; throws if {@code cycle < now()}. */
  public Event schedule(long cycle, Action action) {
    Objects.requireNonNull(action, "action");
    if (cycle < now) {
      throw new IllegalArgumentException(
          "cannot schedule an event at cycle " + cycle + " in the past of cycle " + now);
    }
    Event event = new Event(cycle, nextSeq++, action);
    queue.add(event);
    return event;
  }

  /** Schedules {@code action} {@code delayCycles} (>= 0) after {@link #now()}. */
  public Event scheduleAfter(long delayCycles, Action action) {
    if (delayCycles < 0) {
      throw new IllegalArgumentException("delay must be >= 0 cycles, was " + delayCycles);
    }
    return schedule(now + delayCycles, action);
  }

  /** Runs until the queue drains. */
  public RunOutcome run() {
    return run(Long.MAX_VALUE);
  }

  /**
   * Fires every event whose cycle is at most {@code cycleLimit}, in (cycle, seq) order. If an event
   * beyond the limit remains, time advances to the limit and the outcome says {@code CYCLE_LIMIT};
   * a later call resumes.
   */
  public RunOutcome run(long cycleLimit) {
    if (cycleLimit < now) {
      throw new IllegalArgumentException(
          "cycle limit " + cycleLimit + " lies in the past of cycle " + now);
    }
    long fired = 0;
    while (!queue.isEmpty()) {
      Event next = queue.peek();
      if (next.cycle() > cycleLimit) {
        now = cycleLimit;
        return new RunOutcome(RunOutcome.Status.CYCLE_LIMIT, now, fired, queue.size());
      }
      queue.poll();
      now = next.cycle();
      next.action().fire(now);
      fired++;
    }
    return new RunOutcome(RunOutcome.Status.DRAINED, now, fired, 0);
  }

  /** Registers {@code component}; its name must be unique in this kernel. */
  public <C extends Component> C register(C component) {
    Component previous = components.putIfAbsent(component.name(), component);
    if (previous != null) {
      throw new IllegalArgumentException(
          "a component named '" + component.name() + "' is already registered");
    }
    return component;
  }

  /** The registered components, in registration order. */
  public List<Component> components() {
    return Collections.unmodifiableList(new ArrayList<>(components.values()));
  }

  /** The sum of every registered component's statistics. */
  public Stats stats() {
    Stats total = Stats.EMPTY;
    for (Component component : components.values()) {
      total = total.plus(component.stats());
    }
    return total;
  }
}
