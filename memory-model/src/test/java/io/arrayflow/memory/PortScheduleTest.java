package io.arrayflow.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PortScheduleTest {

  @Test
  void servesUpToThePortCountPerCycleAndQueuesTheRest() {
    PortSchedule ports = new PortSchedule(2);
    assertEquals(0, ports.reserve(0, 1));
    assertEquals(0, ports.reserve(0, 1));
    assertEquals(1, ports.reserve(0, 1));
    assertEquals(3, ports.reserve(0, 4));
    assertEquals(3, ports.reserve(2, 1));
    assertEquals(10, ports.reserve(10, 2));
    assertEquals(11, ports.firstFreeCycle(10));
  }
}
