package io.arrayflow.memory.rf;

import io.arrayflow.memory.PortSchedule;
import io.arrayflow.sim.kernel.Component;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Stats;

/**
 * One register file of one PE, per operand or shared by all operands ({@link RfFileSpec}). Reads
 * use the read ports, fills and updates the write ports, each first-come first-served at {@code
 * readPorts} / {@code writePorts} words per cycle. Every word accessed is counted at level RF under
 * its operand and action; busy cycles are the cycles with an access pending.
 */
public final class RegisterFile implements Component {

  private final String name;
  private final RfFileSpec spec;
  private final PortSchedule readPorts;
  private final PortSchedule writePorts;
  private final Counters counters;

  /** A register file named {@code name} built from {@code spec}. */
  public RegisterFile(String name, RfFileSpec spec) {
    this.name = name;
    this.spec = spec;
    this.readPorts = new PortSchedule(spec.readPorts());
    this.writePorts = new PortSchedule(spec.writePorts());
    this.counters = new Counters(name);
  }

  @Override
  public String name() {
    return name;
  }

  /** The spec this file was built from. */
  public RfFileSpec spec() {
    return spec;
  }

  /** Capacity, words. */
  public int capacityWords() {
    return spec.words();
  }

  /** Whether {@code words} words fit in this file. */
  public boolean fits(long words) {
    return words <= spec.words();
  }

  /** Reads {@code words} (>= 1) words of {@code operand} from {@code cycle}; returns completion. */
  public long read(long cycle, Operand operand, long words) {
    return access(cycle, operand, AccessAction.READ, words, readPorts);
  }

  /** Fills {@code words} words of {@code operand} from the parent; returns the completion cycle. */
  public long fill(long cycle, Operand operand, long words) {
    return access(cycle, operand, AccessAction.FILL, words, writePorts);
  }

  /** Writes {@code words} partial-sum words of {@code operand}; returns the completion cycle. */
  public long update(long cycle, Operand operand, long words) {
    return access(cycle, operand, AccessAction.UPDATE, words, writePorts);
  }

  private long access(
      long cycle, Operand operand, AccessAction action, long words, PortSchedule ports) {
    long completion = ports.reserve(cycle, words) + 1;
    counters.add(Level.RF, operand, action, words);
    counters.addBusy(cycle, completion);
    return completion;
  }

  @Override
  public Stats stats() {
    return counters.snapshot();
  }
}
