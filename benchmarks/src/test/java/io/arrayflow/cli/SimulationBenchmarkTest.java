package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's smoke mode: its setup and one call of each method on small cases, no timing. */
class SimulationBenchmarkTest {

  @Test
  void everyBenchmarkRunsOnceAndCountsItsWork() {
    SimulationBenchmark b = new SimulationBenchmark();
    b.layer = "verify-small/conv";
    b.arch = "eyeriss";
    b.network = "verify-small";
    b.setUp();
    SimulationBenchmark.Work w = new SimulationBenchmark.Work();

    b.cycle(w);
    assertEquals(225_792, w.macs);
    assertEquals(1, w.layers);
    assertTrue(w.peCycles >= w.macs, "a PE does at most one MAC a cycle");

    w.clear();
    b.event(w);
    assertEquals(3 * 8, w.layers, "eight MAC layers under three dataflows");
    assertEquals(3 * 472_968, w.macs);

    w.clear();
    b.analytical(w);
    assertEquals(3 * 8, w.layers);

    assertEquals(0, b.compare());
  }
}
