package io.arrayflow.dataflows.systolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.spec.OpSpec;
import org.junit.jupiter.api.Test;

/**
 * TPU v1's roofline (Jouppi et al., ISCA 2017, Figure 5) on {@code tpu-v1}: a 2048 × 2048 fully
 * connected layer at batch 1 … 2048 has {@code batch} MACs per weight byte, so below the ridge
 * (about 1350) the 34 GB/s weight memory bounds it and above it the 92 TOPS array does
 * (docs/execution.md, "TPU v1's roofline").
 */
class TpuRooflineTest {
  private static final ArchSpec TPU = TestArchs.tpuV1();
  private static final double PEAK_TOPS = 2.0 * 256 * 256 * 700e6 / 1e12;
  private static final double WEIGHT_BYTES_PER_SECOND = 48.57 * 700e6;

  private static double tops(OpSpec op, Execution e) {
    return 2.0 * op.macs() / (e.cycles() / 700e6) / 1e12;
  }

  @Test
  void belowTheRidgeTheWeightMemoryBoundsTheLayer() {
    for (int batch = 1; batch <= 1024; batch *= 2) {
      OpSpec fc = OpSpec.fc("fc", batch, 2048, 2048);
      Execution e = SystolicExecutor.event(fc, TPU, SystolicDataflow.WS);
      double roof = Math.min(PEAK_TOPS, 2.0 * batch * WEIGHT_BYTES_PER_SECOND / 1e12);
      double share = tops(fc, e) / roof;
      assertTrue(share <= 1 && share >= 0.95, "batch " + batch + " reaches " + share + " of roof");
      assertEquals(StallCause.DRAM_BANDWIDTH, mainStall(e.stats()), "batch " + batch);
    }
  }

  @Test
  void aboveTheRidgeTheArrayRunsAtLeast70PercentOfPeak() {
    OpSpec fc = OpSpec.fc("fc", 2048, 2048, 2048);
    Execution e = SystolicExecutor.event(fc, TPU, SystolicDataflow.WS);
    double tops = tops(fc, e);
    assertTrue(tops >= 0.7 * PEAK_TOPS, tops + " TOPS of " + PEAK_TOPS);
    // Activations stay in the unified buffer: only weights come from off chip.
    assertEquals(
        0,
        e.stats().reads(io.arrayflow.sim.stats.Level.DRAM, io.arrayflow.sim.spec.Operand.INPUTS));
    assertEquals(
        2048L * 2048,
        e.stats().reads(io.arrayflow.sim.stats.Level.DRAM, io.arrayflow.sim.spec.Operand.WEIGHTS));
  }

  @Test
  void aBatchTooLargeForTheAccumulatorsIsTiledAndKeepsItsThroughput() {
    // Batch 4096: a column fold's 4096 x 256 32-bit partial sums exceed the 2 MiB accumulator
    // buffer; the streamed dimension is tiled (2 tiles of 2048) instead of spilling them.
    OpSpec fc = OpSpec.fc("fc", 4096, 2048, 2048);
    Execution e = SystolicExecutor.event(fc, TPU, SystolicDataflow.WS);
    assertTrue(tops(fc, e) >= 0.7 * PEAK_TOPS, tops(fc, e) + " TOPS");
    assertEquals(
        0,
        e.stats().reads(io.arrayflow.sim.stats.Level.DRAM, io.arrayflow.sim.spec.Operand.OUTPUTS));
    assertTrue(e.mapping().contains("in 2 tiles of 2048"), e.mapping());
  }

  @Test
  void overlappedFoldsHideTheirSkewAndDrainWhenWeightsArriveInTime() {
    // With unlimited weight bandwidth a batch-200 layer's 64 folds stream back to back: the first
    // preload (256), the first fold's 200 streamed cycles, then one fold every max(T, Ra) = 256
    // cycles (each waits 56 for its shadow tile), and only the last fold's 510-cycle skew and
    // drain.
    ArchSpec fast =
        TestArchs.withDram(
            TPU,
            "tpu-v1-fast",
            io.arrayflow.sim.spec.DramSpec.builder(io.arrayflow.sim.spec.DramModel.SIMPLE)
                .blockBits(512)
                .bandwidthBytesPerCycle(1e6)
                .latencyCycles(0L)
                .build());
    OpSpec fc = OpSpec.fc("fc", 200, 2048, 2048);
    Execution e = SystolicExecutor.event(fc, fast, SystolicDataflow.WS);
    long expected = 256 + 200 + 63 * 256 + 510;
    assertTrue(
        e.cycles() >= expected && e.cycles() <= expected + 10,
        e.cycles() + " cycles, expected about " + expected);
  }

  private static StallCause mainStall(Stats s) {
    StallCause main = StallCause.values()[0];
    for (StallCause c : StallCause.values()) {
      if (s.stallCycles(c) > s.stallCycles(main)) {
        main = c;
      }
    }
    return main;
  }
}
