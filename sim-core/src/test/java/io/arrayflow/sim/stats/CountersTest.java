package io.arrayflow.sim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arrayflow.sim.spec.Operand;
import org.junit.jupiter.api.Test;

class CountersTest {

  @Test
  void snapshotIsImmutableWhileCountersGoOn() {
    Counters counters = new Counters("glb");
    counters.add(Level.GLB, Operand.INPUTS, AccessAction.READ, 3);
    Stats before = counters.snapshot();
    counters.add(Level.GLB, Operand.INPUTS, AccessAction.READ, 4);
    assertEquals(3, before.reads(Level.GLB, Operand.INPUTS));
    assertEquals(7, counters.snapshot().reads(Level.GLB, Operand.INPUTS));
  }

  @Test
  void keepsOperandsActionsAndNoOperandApart() {
    Counters counters = new Counters("pe");
    counters.add(Level.RF, Operand.WEIGHTS, AccessAction.FILL, 2);
    counters.add(Level.RF, Operand.OUTPUTS, AccessAction.UPDATE, 5);
    counters.add(Level.MAC, AccessAction.MAC, 11);
    Stats stats = counters.snapshot();
    assertEquals(2, stats.writes(Level.RF, Operand.WEIGHTS));
    assertEquals(0, stats.reads(Level.RF, Operand.WEIGHTS));
    assertEquals(5, stats.writes(Level.RF, Operand.OUTPUTS));
    assertEquals(7, stats.writes(Level.RF));
    assertEquals(11, stats.countWithoutOperand(Level.MAC, AccessAction.MAC));
    assertEquals(11, stats.total(Level.MAC, AccessAction.MAC));
  }

  @Test
  void busyCyclesCountOverlappingIntervalsOnce() {
    Counters counters = new Counters("dram");
    counters.addBusy(0, 2);
    counters.addBusy(5, 6);
    counters.addBusy(5, 10);
    counters.addBusy(7, 9);
    assertEquals(7, counters.snapshot().busyCycles("dram"));
  }

  @Test
  void statsAddUpPerEntryAndPerComponent() {
    Counters a = new Counters("a");
    a.add(Level.DRAM, Operand.WEIGHTS, AccessAction.READ, 4);
    a.addStall(StallCause.DRAM_LATENCY, 10);
    a.add(Metric.ROW_HITS, 3);
    a.addBusyCycles(6);
    Counters b = new Counters("b");
    b.add(Level.DRAM, Operand.WEIGHTS, AccessAction.READ, 1);
    b.addStall(StallCause.GLB_BANK, 2);
    b.addBusyCycles(1);
    Stats sum = a.snapshot().plus(b.snapshot());
    assertEquals(5, sum.reads(Level.DRAM, Operand.WEIGHTS));
    assertEquals(12, sum.totalStallCycles());
    assertEquals(3, sum.metric(Metric.ROW_HITS));
    assertEquals(6, sum.busyCycles("a"));
    assertEquals(1, sum.busyCycles("b"));
    assertEquals(sum, Stats.EMPTY.plus(a.snapshot()).plus(b.snapshot()));
  }
}
