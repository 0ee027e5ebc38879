package io.arrayflow.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.DramTiming;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.Stats;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TimingDramTest {

  /** A preset clocked against a core running at the DRAM clock, so cycles are DRAM cycles. */
  private static Dram atDramClock(DramModel model) {
    DramSpec spec = DramSpec.preset(model);
    return Dram.create("dram", spec, spec.clockMhz());
  }

  private static long rowStrideBytes(DramTiming t) {
    return (long) t.rowBytes() * t.channels() * t.banks();
  }

  @ParameterizedTest
  @EnumSource(names = {"DDR4_3200", "LPDDR4_3200", "HBM2"})
  void rowHitMissAndConflictLatenciesMatchThePreset(DramModel model) {
    DramTiming t = model.preset().orElseThrow();
    Dram dram = atDramClock(model);
    int burst = t.burstCycles();
    assertEquals(t.tRCD() + t.tCL() + burst, dram.request(0, Operand.INPUTS, 0, 1, false));
    assertEquals(
        1000 + t.tCL() + burst, dram.request(1000, Operand.INPUTS, t.burstBytes(), 1, false));
    assertEquals(
        2000 + t.tRP() + t.tRCD() + t.tCL() + burst,
        dram.request(2000, Operand.INPUTS, rowStrideBytes(t), 1, false));
    Stats stats = dram.stats();
    assertEquals(1, stats.metric(Metric.ROW_MISSES));
    assertEquals(1, stats.metric(Metric.ROW_HITS));
    assertEquals(1, stats.metric(Metric.ROW_CONFLICTS));
  }

  @Test
  void convertsDramCyclesToCoreCyclesExactly() {
    Dram dram = Dram.create("dram", DramSpec.preset(DramModel.DDR4_3200), 200);
    assertEquals(6, dram.request(0, Operand.INPUTS, 0, 64, false));
    assertEquals(100 + 4, dram.request(100, Operand.INPUTS, 64, 64, false));
    assertEquals(16.0 * 1600 / 200, dram.peakBytesPerCycle(), 1e-12);
  }

  @Test
  void refreshBlocksTheChannelAndClosesTheRows() {
    DramTiming t = DramModel.DDR4_3200.preset().orElseThrow();
    Dram dram = atDramClock(DramModel.DDR4_3200);
    dram.request(0, Operand.INPUTS, 0, 64, false);
    assertEquals(
        t.tREFI() + t.tRFC() + t.tRCD() + t.tCL() + 4,
        dram.request(t.tREFI(), Operand.INPUTS, 64, 64, false));
    Stats stats = dram.stats();
    assertEquals(1, stats.metric(Metric.REFRESHES));
    assertEquals(2, stats.metric(Metric.ROW_MISSES));
    assertEquals(0, stats.metric(Metric.ROW_HITS));
  }

  @Test
  void aFreshMemoryProbedLateHasDoneEveryRefreshDueAndTheLastStillBlocks() {
    DramTiming t = DramModel.DDR4_3200.preset().orElseThrow();
    Dram dram = atDramClock(DramModel.DDR4_3200);
    // 1000 refreshes are due by this tick; the last started 10 ticks ago and still holds the bus.
    long tick = 1000L * t.tREFI() + 10;
    assertEquals(
        1000L * t.tREFI() + t.tRFC() + t.tRCD() + t.tCL() + 4,
        dram.request(tick, Operand.INPUTS, 0, 64, false));
    assertEquals(1000, dram.stats().metric(Metric.REFRESHES));
  }

  @Test
  void countsBlocksAndBurstsOfEachRequest() {
    Dram dram = atDramClock(DramModel.DDR4_3200);
    dram.request(0, Operand.WEIGHTS, 60, 8, false);
    dram.request(0, Operand.OUTPUTS, 1024, 256, true);
    Stats stats = dram.stats();
    assertEquals(2, stats.reads(Level.DRAM, Operand.WEIGHTS));
    assertEquals(32, stats.writes(Level.DRAM, Operand.OUTPUTS));
    assertEquals(2 + 4, stats.metric(Metric.DRAM_BURSTS));
  }

  private static double streamBytesPerCycle(Dram dram, long[] addresses, int bytes) {
    long end = 0;
    for (long address : addresses) {
      end = Math.max(end, dram.request(0, Operand.INPUTS, address, bytes, false));
    }
    return (double) addresses.length * bytes / end;
  }

  @Test
  void aSequentialStreamSustainsNinetyPercentOfPeakAndARandomOneMuchLess() {
    int requests = 65_536;
    long[] sequential = new long[requests];
    long[] random = new long[requests];
    SplittableRandom rng = new SplittableRandom(42);
    for (int i = 0; i < requests; i++) {
      sequential[i] = i * 64L;
      random[i] = rng.nextLong(1L << 24) * 64;
    }
    Dram seqDram = Dram.create("dram", DramSpec.preset(DramModel.DDR4_3200), 1000);
    Dram randomDram = Dram.create("dram", DramSpec.preset(DramModel.DDR4_3200), 1000);
    double seq = streamBytesPerCycle(seqDram, sequential, 64);
    double rand = streamBytesPerCycle(randomDram, random, 64);
    double peak = seqDram.peakBytesPerCycle();
    assertTrue(seq >= 0.9 * peak, "sequential " + seq + " of peak " + peak);
    assertTrue(rand <= 0.7 * seq, "random " + rand + " vs sequential " + seq);
  }
}
