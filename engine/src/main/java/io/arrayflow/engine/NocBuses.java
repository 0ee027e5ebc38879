package io.arrayflow.engine;

import io.arrayflow.sim.kernel.Component;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Stats;

/**
 * The NoC's per-operand buses ({@code noc.words_per_cycle}), one component each ({@code
 * noc.weights}, ...): a bus is busy {@code ceil(words / width)} cycles for the words a pass moves
 * on it. The pass's own compute phases already include the cycles the array waited for its buses;
 * this component reports how loaded each bus was.
 */
final class NocBuses {
  private static final Operand[] OPERANDS = Operand.values();

  private final Bus[] buses = new Bus[3];

  NocBuses(NocSpec noc) {
    for (Operand op : OPERANDS) {
      buses[op.ordinal()] = new Bus("noc." + op.key(), noc.wordsPerCycle(op));
    }
  }

  Bus bus(int o) {
    return buses[o];
  }

  void pass(long[] words) {
    for (int o = 0; o < 3; o++) {
      buses[o].move(words[o]);
    }
  }

  /** One operand's bus. */
  static final class Bus implements Component {
    private final String name;
    private final int width;
    private final Counters counters;

    Bus(String name, int width) {
      this.name = name;
      this.width = width;
      this.counters = new Counters(name);
    }

    @Override
    public String name() {
      return name;
    }

    void move(long words) {
      if (words > 0) {
        counters.addBusyCycles((words + width - 1) / width);
      }
    }

    @Override
    public Stats stats() {
      return counters.snapshot();
    }
  }
}
