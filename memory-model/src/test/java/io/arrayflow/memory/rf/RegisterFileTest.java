package io.arrayflow.memory.rf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Stats;
import org.junit.jupiter.api.Test;

class RegisterFileTest {

  @Test
  void countsReadsFillsAndUpdatesPerOperandInWords() {
    RegisterFile rf = new RegisterFile("rf.shared", new RfFileSpec(64, 2, 1));
    rf.fill(0, Operand.WEIGHTS, 3);
    rf.read(1, Operand.WEIGHTS, 5);
    rf.read(2, Operand.INPUTS, 1);
    rf.update(3, Operand.OUTPUTS, 2);
    Stats stats = rf.stats();
    assertEquals(3, stats.count(Level.RF, Operand.WEIGHTS, AccessAction.FILL));
    assertEquals(5, stats.reads(Level.RF, Operand.WEIGHTS));
    assertEquals(1, stats.reads(Level.RF, Operand.INPUTS));
    assertEquals(2, stats.count(Level.RF, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(0, stats.reads(Level.RF, Operand.OUTPUTS));
    assertEquals(6, stats.reads(Level.RF));
    assertEquals(5, stats.writes(Level.RF));
  }

  @Test
  void readPortsLimitWordsPerCycleIndependentlyOfWritePorts() {
    RegisterFile rf = new RegisterFile("rf.weights", new RfFileSpec(224, 2, 1));
    assertEquals(1, rf.read(0, Operand.WEIGHTS, 2));
    assertEquals(2, rf.read(0, Operand.WEIGHTS, 1));
    assertEquals(1, rf.fill(0, Operand.WEIGHTS, 1));
    assertEquals(3, rf.fill(0, Operand.WEIGHTS, 2));
    assertEquals(3, rf.stats().busyCycles("rf.weights"));
  }

  @Test
  void checksCapacityInWords() {
    RegisterFile rf = new RegisterFile("rf.inputs", RfFileSpec.of(12));
    assertEquals(12, rf.capacityWords());
    assertTrue(rf.fits(12));
    assertFalse(rf.fits(13));
  }
}
