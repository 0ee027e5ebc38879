package io.arrayflow.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import org.junit.jupiter.api.Test;

class SimpleDramTest {

  private static Dram dram(double bytesPerCycle, long latency) {
    DramSpec spec =
        DramSpec.builder(DramModel.SIMPLE)
            .bandwidthBytesPerCycle(bytesPerCycle)
            .latencyCycles(latency)
            .build();
    return Dram.create("dram", spec, 200);
  }

  @Test
  void servesRequestsInOrderAtAFractionalBandwidthPlusLatency() {
    Dram dram = dram(2.4, 100);
    assertEquals(110, dram.request(0, Operand.INPUTS, 0, 24, false));
    assertEquals(120, dram.request(0, Operand.INPUTS, 24, 24, false));
    assertEquals(130, dram.request(5, Operand.WEIGHTS, 48, 24, false));
    assertEquals(1104, dram.request(1000, Operand.OUTPUTS, 0, 8, true));
  }

  @Test
  void countsEveryBlockARequestTouches() {
    Dram dram = dram(8, 0);
    dram.request(0, Operand.INPUTS, 4, 100, false);
    dram.request(0, Operand.OUTPUTS, 64, 64, true);
    Stats stats = dram.stats();
    assertEquals(13, stats.reads(Level.DRAM, Operand.INPUTS));
    assertEquals(8, stats.count(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(0, stats.reads(Level.DRAM, Operand.OUTPUTS));
  }

  @Test
  void sustainsExactlyTheConfiguredBandwidthOnAStream() {
    Dram dram = dram(2.4, 100);
    long last = 0;
    for (int i = 0; i < 1000; i++) {
      last = dram.request(0, Operand.INPUTS, i * 64L, 64, false);
    }
    assertEquals(64_000 * 10 / 24 + 1 + 100, last);
    assertEquals(1000 * 100, dram.stats().stallCycles(StallCause.DRAM_LATENCY));
    assertEquals(last, dram.stats().busyCycles("dram"));
  }
}
