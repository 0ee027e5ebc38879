package io.arrayflow.dataflows.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's smoke mode: its setup and one call of each method, no timing. */
class MapperBenchmarkTest {

  @Test
  void everyBenchmarkRunsOnceOnAFeasiblePool() {
    MapperBenchmark b = new MapperBenchmark();
    b.layer = "alexnet/conv3";
    b.arch = "eyeriss";
    b.dataflow = "ws";
    b.setUp();
    b.freshMapper();

    assertTrue(b.evaluate() > 0);
    assertEquals(b.evaluate(), b.evaluate());
    assertTrue(b.bound() <= b.evaluate());
    assertEquals(b.evaluate(), b.executor(), 1e-6 * b.evaluate());
    assertTrue(b.map().found());
  }
}
