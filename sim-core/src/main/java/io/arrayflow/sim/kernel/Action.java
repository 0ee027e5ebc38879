package io.arrayflow.sim.kernel;

/**
 * What an {@link Event} does when it fires: a typed callback that captures the state it needs and
 * may schedule further events on the kernel. No tags, no payloads, no casts.
 */
@FunctionalInterface
public interface Action {

  /** Runs the action at {@code cycle}, the kernel's current cycle. */
  void fire(long cycle);
}
