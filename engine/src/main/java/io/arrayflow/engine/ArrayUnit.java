package io.arrayflow.engine;

import io.arrayflow.sim.kernel.Component;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.Stats;

/**
 * The PE array (or the vector unit) as the engine sees it: one pass at a time, busy while its MACs
 * issue. Counts passes, busy cycles and the cycles a pass ran under the previous one's drain.
 */
final class ArrayUnit implements Component {
  private final Counters counters;
  private final String name;

  ArrayUnit(String name) {
    this.name = name;
    this.counters = new Counters(name);
  }

  @Override
  public String name() {
    return name;
  }

  void pass(long busyCycles) {
    counters.add(Metric.PASSES, 1);
    counters.addBusyCycles(busyCycles);
  }

  void overlapped(long cycles) {
    counters.add(Metric.OVERLAPPED_CYCLES, cycles);
  }

  @Override
  public Stats stats() {
    return counters.snapshot();
  }
}
