package io.arrayflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.MemorySpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.StallCause;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimingEngineTest {

  /** 16-bit operands; a simple DRAM of 8 bytes per cycle, latency 10, 64-bit blocks. */
  private static ArchSpec.Builder arch() {
    return ArchSpec.builder("t", 100, "eyeriss-65nm", new PeArraySpec(2, 2))
        .dram(
            DramSpec.builder(DramModel.SIMPLE)
                .bandwidthBytesPerCycle(8.0)
                .latencyCycles(10L)
                .blockBits(64)
                .build());
  }

  private static Timing run(ArchSpec arch, Schedule s) {
    return TimingEngine.of(arch).run(s);
  }

  private static void assertIdentity(Timing t) {
    long sum = t.busyCycles();
    for (StallCause c : StallCause.values()) {
      sum += t.stall(c);
    }
    assertEquals(t.cycles(), sum, "busy + stalls = cycles");
  }

  @Test
  void doubleBufferedPassesOverlapTheNextFetchAndSplitTheWaitIntoLatencyAndBandwidth() {
    // Each pass reads 16 inputs (32 bytes: 4 cycles on the channel, +10 latency) and computes 10.
    // t=0: pass 0's inputs arrive at 14, pass 1's (second buffer) at 18. Pass 0 runs 14..24; its
    // end frees a buffer: pass 2's inputs are issued at 24 and arrive at 38. Pass 1 runs 24..34;
    // pass 2 waits 4 cycles: an idle memory would have delivered the first block at 24 + 1 + 10
    // = 35, so 1 cycle is latency and 3 are bandwidth. Pass 2 runs 38..48.
    Passes s = new Passes().repeat(3, 0, 16, 0, 10);
    Timing t = run(arch().build(), s);

    assertEquals(48, t.cycles());
    assertEquals(List.of(14L, 24L, 38L), s.startCycles);
    assertEquals(30, t.busyCycles());
    assertEquals(14, t.stall(StallCause.FILL));
    assertEquals(1, t.stall(StallCause.DRAM_LATENCY));
    assertEquals(3, t.stall(StallCause.DRAM_BANDWIDTH));
    assertIdentity(t);
  }

  @Test
  void aSingleBufferLoadsEachTileAfterThePreviousPassEnds() {
    ArchSpec single = arch().glb(GlbSpec.builder().doubleBuffered(false).build()).build();
    Passes s = new Passes().repeat(3, 0, 16, 0, 10);
    Timing t = run(single, s);

    // 14 + 10, then each pass loads 14 cycles after the previous ends: 24 + 14 + 10 + 14 + 10.
    assertEquals(List.of(14L, 38L, 62L), s.startCycles);
    assertEquals(72, t.cycles());
    assertIdentity(t);
  }

  @Test
  void aPreloadedTileFreesItsBufferWhenItsFillEnds() {
    // A weight FIFO two tiles deep. Each pass reads 16 weights (32 bytes: 4 cycles, +10 latency),
    // fills 4 and computes 2. Pass 0's weights arrive at 14, pass 1's at 18. Pass 0 runs 14..20.
    // Held to the pass's end,
    // pass 2's weights are issued at 20 (arrive 34); preloaded, the buffer is free once the fill
    // ends at 18 (arrive 32).
    Passes held = new Passes();
    Passes preloaded = new Passes().weightsPreloaded();
    for (Passes s : List.of(held, preloaded)) {
      for (int p = 0; p < 3; p++) {
        s.add(16, 0, 0, 0, 0, 4, 2, 0, 0, 0);
      }
    }
    TimingEngine fifo = TimingEngine.of(arch().build()).withBuffers(Operand.WEIGHTS, 2);
    Timing h = fifo.run(held);
    Timing t = fifo.run(preloaded);

    assertEquals(List.of(14L, 20L, 34L), held.startCycles);
    assertEquals(List.of(14L, 20L, 32L), preloaded.startCycles);
    assertEquals(40, h.cycles());
    assertEquals(38, t.cycles());
    assertIdentity(t);
  }

  @Test
  void theLastWriteBackIsDrainUpToTheLeastTimeItCanTake() {
    Passes s = new Passes().repeat(3, 0, 16, 0, 10).add(0, 0, 0, 16, 0, 0, 10, 0, 0, 0);
    Timing t = run(arch().build(), s);

    // The fourth pass runs 48..58 (no reads); its 32-byte write-back takes 4 + 10 cycles.
    assertEquals(72, t.cycles());
    assertEquals(14, t.stall(StallCause.DRAIN));
    assertIdentity(t);
  }

  @Test
  void aDeeperWeightFifoKeepsMoreFetchesInFlight() {
    // Weights bypass the GLB; each pass needs 64 bytes of weights (8 cycles) and computes 8.
    Passes s = new Passes().repeat(40, 32, 0, 0, 8);
    ArchSpec a = arch().build();
    Timing oneDeep = TimingEngine.of(a).run(s);
    Timing fourDeep = TimingEngine.of(a).withBuffers(Operand.WEIGHTS, 4).run(s);

    // One buffer: load (8 + 10), then compute (8), forty times. Four: the channel streams.
    assertEquals(40 * 26, oneDeep.cycles());
    assertEquals(10 + 40 * 8 + 8, fourDeep.cycles());
    assertIdentity(oneDeep);
    assertIdentity(fourDeep);
  }

  @Test
  void hbm2WithFourTilesInFlightStreamsAtLeast85PercentOfPeak() {
    ArchSpec hbm = arch().dram(DramSpec.builder(DramModel.HBM2).blockBits(256).build()).build();
    int passes = 2000;
    long valuesPerPass = 16 * 1024; // 32 KiB of 16-bit weights per pass, no compute to hide
    Passes s = new Passes().repeat(passes, valuesPerPass, 0, 0, 1);
    double peak = hbm.dram().peakBytesPerCoreCycle(hbm.clockMhz());
    Timing deep = TimingEngine.of(hbm).withBuffers(Operand.WEIGHTS, 4).run(s);
    Timing shallow = TimingEngine.of(hbm).run(s);

    double bytes = 2.0 * valuesPerPass * passes;
    double deepShare = bytes / deep.cycles() / peak;
    double shallowShare = bytes / shallow.cycles() / peak;
    assertTrue(deepShare >= 0.85, "four tiles in flight reach " + deepShare + " of peak");
    assertTrue(shallowShare < deepShare, shallowShare + " vs " + deepShare);
    assertIdentity(deep);
  }

  @Test
  void glbBankPortsCostCyclesOnlyWhereTheyAreShort() {
    // 80 inputs read from the GLB during a 10-cycle pass: 20 64-bit words.
    Passes s = new Passes().add(0, 0, 0, 0, 80, 0, 10, 0, 0, 0);
    ArchSpec oneBank =
        arch().glb(GlbSpec.builder().banks(1).sizeKiB(8).portsPerBank(1).build()).build();
    ArchSpec manyBanks = arch().build();

    Timing short_ = run(oneBank, s);
    Timing wide = run(manyBanks, s);

    assertEquals(10, short_.stall(StallCause.GLB_BANK));
    assertEquals(20, short_.cycles());
    assertEquals(0, wide.stall(StallCause.GLB_BANK));
    assertEquals(10, wide.cycles());
    assertTrue(short_.components().busyCycles("glb") >= 20);
    assertIdentity(short_);
  }

  @Test
  void aPassRunsUnderThePreviousPassDrainUpToItsOverlap() {
    Passes s = new Passes();
    for (int i = 0; i < 5; i++) {
      s.add(0, 0, 0, 0, 0, 0, 5, 0, 7, 7);
    }
    Timing t = run(arch().build(), s);

    assertEquals(List.of(0L, 5L, 10L, 15L, 20L), s.startCycles);
    assertEquals(32, t.cycles());
    assertEquals(25, t.busyCycles());
    assertEquals(7, t.stall(StallCause.DRAIN));
    assertEquals(28, t.components().metric(Metric.OVERLAPPED_CYCLES));
    assertIdentity(t);
  }

  @Test
  void operandsOnSeparateMemoriesTransferInParallel() {
    MemorySpec host =
        new MemorySpec(
            "host",
            EnumSet.of(Operand.INPUTS),
            DramSpec.builder(DramModel.SIMPLE)
                .bandwidthBytesPerCycle(8.0)
                .latencyCycles(10L)
                .blockBits(64)
                .build());
    Set<Operand> both = EnumSet.of(Operand.WEIGHTS, Operand.INPUTS);
    ArchSpec shared = arch().glb(GlbSpec.builder().keep(both).build()).build();
    ArchSpec split =
        arch().glb(GlbSpec.builder().keep(both).build()).memories(List.of(host)).build();
    Passes s = new Passes().add(64, 64, 0, 0, 0, 0, 1, 0, 0, 0);

    // 128 bytes each: 16 + 16 cycles on one channel, 16 on each of two.
    assertEquals(16 + 16 + 10 + 1, run(shared, s).cycles());
    assertEquals(16 + 10 + 1, run(split, s).cycles());
    assertTrue(run(split, s).components().busyCycles("host") > 0);
  }

  @Test
  void componentStatisticsReachTheTiming() {
    Passes s = new Passes().repeat(3, 0, 16, 0, 10);
    Timing t = run(arch().build(), s);

    assertEquals(3, t.components().metric(Metric.PASSES));
    assertEquals(30, t.components().busyCycles("pe-array"));
    assertTrue(t.components().busyCycles("dram") > 0);
  }

  @Test
  void busyPlusStallsEqualsCyclesOnRandomSchedules() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      Passes s = new Passes();
      int n = 1 + rnd.nextInt(30);
      for (int i = 0; i < n; i++) {
        long drain = rnd.nextInt(6);
        s.add(
            rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(200),
            rnd.nextInt(200),
            rnd.nextInt(4) == 0 ? rnd.nextInt(50) : 0,
            rnd.nextInt(100),
            rnd.nextInt(300),
            rnd.nextInt(3),
            1 + rnd.nextInt(40),
            rnd.nextInt(5),
            drain,
            rnd.nextBoolean() ? drain : 0);
      }
      ArchSpec a =
          arch()
              .glb(
                  GlbSpec.builder()
                      .banks(1 + rnd.nextInt(4))
                      .sizeKiB(64)
                      .buffers(1 + rnd.nextInt(4))
                      .build())
              .build();
      TimingEngine engine = TimingEngine.of(a);
      if (rnd.nextBoolean()) {
        engine = engine.withBuffers(Operand.WEIGHTS, 1 + rnd.nextInt(5));
      }
      Timing t = engine.run(s);
      assertIdentity(t);
      assertEquals(t, engine.run(s), "deterministic");
    }
  }
}
