package io.arrayflow.sim.kernel;

import io.arrayflow.sim.stats.Stats;

/**
 * A simulated hardware block: built from its immutable spec, driven by calls made from event
 * actions in non-decreasing cycle order, and read out as an immutable {@link Stats} snapshot at any
 * time. Its mutable state is private to it. Register it on a {@link Kernel} to have its statistics
 * merged into the kernel's.
 */
public interface Component {

  /** A name unique within one kernel, e.g. {@code glb} or {@code rf.weights[3,4]}. */
  String name();

  /** What the component has done so far: counts, busy cycles, stall cycles by cause. */
  Stats stats();
}
