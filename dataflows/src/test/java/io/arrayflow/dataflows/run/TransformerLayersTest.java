package io.arrayflow.dataflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.zoo.AttentionLayers;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Model;
import io.arrayflow.workloads.zoo.Phase;
import io.arrayflow.workloads.zoo.Workload;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A transformer's layers on the runner: causal attention in query blocks (skipping what the
 * dataflow can, values still right), the KV cache where it fits, vector layers checked at value
 * level, and decode far less utilised than prefill on the same array.
 */
class TransformerLayersTest {

  private static LayerRunner runner(ArchSpec arch) {
    return new LayerRunner(arch, EnergyTables.named(arch.energyTable()));
  }

  private static LayerResult run(LayerRunner r, Layer l, Dataflow d, Fidelity f) {
    LayerRun run = r.run("w", l, d, f, null);
    assertTrue(run.mapped(), () -> String.join("; ", run.reasons()));
    return run.result();
  }

  @Test
  void theBlockSizeIsTheArraySideTheKeysAreSpreadOver() {
    ArchSpec wide = systolic(8, 32);
    // WS: keys (M of the scores, K of A·V) on columns, rows; OS: scores' keys on columns, A·V's
    // stream, so its queries' rows; IS: scores' keys stream (queries on columns), A·V's on rows.
    assertEquals(32, CausalBlocks.blockSize(wide, Dataflow.WS, Dim.M));
    assertEquals(8, CausalBlocks.blockSize(wide, Dataflow.WS, Dim.C));
    assertEquals(32, CausalBlocks.blockSize(wide, Dataflow.OS, Dim.M));
    assertEquals(8, CausalBlocks.blockSize(wide, Dataflow.OS, Dim.C));
    assertEquals(32, CausalBlocks.blockSize(wide, Dataflow.IS, Dim.M));
    assertEquals(8, CausalBlocks.blockSize(wide, Dataflow.IS, Dim.C));
    assertEquals(14, CausalBlocks.blockSize(TestArchs.eyeriss(), Dataflow.WS, Dim.M));
  }

  @Test
  void queryBlocksCoverEveryVisiblePairOnceAndSkipOnlyMaskedOnes() {
    // 2 query heads per kv head, 10 queries over 12 keys (2 cached), head width 3, blocks of 4.
    List<Layer> attention = AttentionLayers.of("a", 1, 4, 2, 10, 12, 3, true);
    for (Layer layer : List.of(attention.get(0), attention.get(2))) {
      CausalBlocks b = new CausalBlocks(layer, TestArchs.systolic32(), Dataflow.WS);
      assertEquals(10, b.block, "at most the queries");
      CausalBlocks small = blocksOf(layer, 4);
      assertEquals(3, small.blocks);
      Set<Integer> covered = new HashSet<>();
      for (int i = 0; i < small.blocks; i++) {
        for (int at : small.outputIndex(i)) {
          assertTrue(covered.add(at), "output " + at + " computed twice");
        }
      }
      OpSpec op = layer.mac();
      for (int at = 0; at < op.outputElements(); at++) {
        if (small.visibleOutput(at)) {
          assertTrue(covered.contains(at), "visible output " + at + " not computed");
        }
      }
      long skipped = op.macs() - small.macs();
      assertTrue(skipped > 0 && skipped <= layer.maskedMacs(), skipped + " " + layer.maskedMacs());
    }
  }

  /** {@code layer}'s blocks on a square systolic array of side {@code side} (WS). */
  private static CausalBlocks blocksOf(Layer layer, int side) {
    return new CausalBlocks(layer, systolic(side, side), Dataflow.WS);
  }

  /** systolic-32 with a {@code rows × cols} array. */
  private static ArchSpec systolic(int rows, int cols) {
    ArchSpec s = TestArchs.systolic32();
    return new ArchSpec(
        "systolic-" + rows + "x" + cols,
        "",
        s.clockMhz(),
        s.energyTable(),
        s.datatype(),
        s.precision(),
        new io.arrayflow.sim.spec.PeArraySpec(rows, cols),
        s.pe(),
        s.noc(),
        s.glb(),
        s.dram(),
        s.memories(),
        s.vectorUnit());
  }

  static Stream<Arguments> causalOnEveryArch() {
    // 48 and 40 queries: 2 blocks on systolic-32, 4 and 3 on eyeriss (14 wide).
    List<Layer> mha = AttentionLayers.of("mha", 1, 2, 2, 48, 48, 16, true);
    List<Layer> gqa = AttentionLayers.of("gqa", 1, 4, 2, 40, 40, 8, true);
    return Stream.of(TestArchs.systolic32(), TestArchs.eyeriss())
        .flatMap(
            a ->
                Stream.of(Dataflow.values())
                    .filter(d -> a.noc().kind() != NocKind.SYSTOLIC || d.runsOnSystolic())
                    .flatMap(
                        d ->
                            Stream.of(mha.get(0), mha.get(2), gqa.get(0), gqa.get(2))
                                .map(l -> Arguments.of(a.name(), d, l.name(), a, l))));
  }

  @ParameterizedTest(name = "{2} on {0}, {1}")
  @MethodSource("causalOnEveryArch")
  void causalQueryBlocksPassTheValueCheckInEveryDataflow(
      String arch, Dataflow d, String name, ArchSpec a, Layer layer) {
    Verification v = runner(a).verify(layer, d, 3, "");
    assertTrue(v.pass(), v.toString());
    assertTrue(v.note().startsWith("as "), v.note());
    assertTrue(v.macs() < layer.macs(), "skipped tiles: " + v.macs() + " of " + layer.macs());
  }

  @Test
  void aCausalLayerSkipsItsUpperBlocksWhenFasterAndTheNoteCountsTheMacs() {
    Layer qk = AttentionLayers.of("a", 1, 4, 4, 256, 256, 64, true).get(0);
    LayerResult r = run(runner(TestArchs.systolic32()), qk, Dataflow.WS, Fidelity.EVENT);
    assertTrue(r.macs() < qk.macs(), r.macs() + " of " + qk.macs());
    assertTrue(
        r.note()
            .startsWith(
                "causal: "
                    + (qk.macs() - r.macs())
                    + " of "
                    + qk.macs()
                    + " MACs"
                    + " skipped in 8 query blocks of 32"),
        r.note());
    LayerResult one = run(runner(TestArchs.tpuV1()), qk, Dataflow.WS, Fidelity.EVENT);
    assertEquals(qk.macs(), one.macs());
    assertTrue(one.note().endsWith("all computed (one query block of 256)"), one.note());
  }

  @ParameterizedTest
  @EnumSource(
      value = VectorKind.class,
      names = {"POOL_MAX", "POOL_AVG"},
      mode = EnumSource.Mode.EXCLUDE)
  void everyVectorKindPassesTheValueCheckOnTheFloatDatapath(VectorKind kind) {
    VectorOpSpec op =
        switch (kind) {
          case SOFTMAX -> VectorOpSpec.softmax("s", 64, 4096, 0.125f, 32);
          case ROPE -> VectorOpSpec.rope("r", 96, 64, 12, 8);
          default -> VectorOpSpec.rows(kind.key(), kind, 48, 2048);
        };
    for (ArchSpec a : List.of(TestArchs.eyeriss(), TestArchs.llmHbm())) {
      Verification v = runner(a).verify(Layer.of(op), Dataflow.WS, 5, "");
      assertTrue(v.pass(), a.name() + ": " + v);
    }
  }

  @Test
  void aRowLongerThanATileBufferStreamsInPiecesAndStillNormalisesWholeRows() {
    // One row of 2^20 values (4 MiB at 16 bits) on eyeriss's 108 KiB GLB.
    VectorOpSpec ln = VectorOpSpec.rows("ln", VectorKind.LAYERNORM, 2, 1 << 19);
    assertTrue(runner(TestArchs.eyeriss()).verify(Layer.of(ln), Dataflow.WS, 7, "").pass());
  }

  @Test
  void theKvCacheIsReadFromTheGlbWhenTheWholeCacheFitsItsSpaceAndFromDramOtherwise() {
    ArchSpec hbm = TestArchs.llmHbm();
    Layer qk = AttentionLayers.of("qk", 1, 32, 8, 1, 160, 64, true).get(0);
    long cache = 16L * 2 * 8 * 64 * 160; // llama-1b: 16 layers, K and V, 8 kv heads of 64
    LayerResult onChip = run(runner(hbm), qk.withKvCache(cache), Dataflow.WS, Fidelity.EVENT);
    assertEquals(0, onChip.accesses().reads(Level.DRAM, Operand.WEIGHTS));
    assertEquals("kv cache 2.50 MiB in glb (weights' space 4.00 MiB)", onChip.note());
    long huge = cache * 4;
    LayerResult offChip = run(runner(hbm), qk.withKvCache(huge), Dataflow.WS, Fidelity.EVENT);
    assertEquals(qk.mac().weightElements(), offChip.accesses().reads(Level.DRAM, Operand.WEIGHTS));
    assertEquals(
        "kv cache 10.0 MiB in dram (over the weights' glb space of 4.00 MiB)", offChip.note());
    LayerResult tpu =
        run(runner(TestArchs.tpuV1()), qk.withKvCache(cache), Dataflow.WS, Fidelity.EVENT);
    assertEquals("kv cache 2.50 MiB in dram (the glb does not keep weights)", tpu.note());
  }

  @Test
  void decodeUtilisationIsFarBelowPrefillsOnTheSameArrayAndDecodeWaitsForDram() {
    Workload w = Model.GPT2.workload(Model.GPT2.input(1, 64, 2));
    LayerRunner r = runner(TestArchs.tpuV1());
    double[] util = new double[w.phases().size()];
    long[] dramStalls = new long[util.length];
    long[] cycles = new long[util.length];
    for (int p = 0; p < util.length; p++) {
      Phase phase = w.phases().get(p);
      long macs = 0;
      for (int i = phase.firstLayer(); i < phase.endLayer(); i++) {
        LayerResult res = run(r, w.layers().get(i), Dataflow.WS, Fidelity.EVENT);
        macs += res.macs();
        cycles[p] += res.cycles();
        dramStalls[p] += res.accesses().stallCycles(StallCause.DRAM_BANDWIDTH);
        if (res.macs() > 0) {
          assertTrue(res.accesses().metric(Metric.DRAM_BYTES) > 0, res.layer());
        }
      }
      util[p] = macs / (double) cycles[p] / (256 * 256);
    }
    assertEquals("decode.1", w.phases().get(1).name());
    assertTrue(util[1] < util[0] / 20, "decode " + util[1] + " vs prefill " + util[0]);
    assertTrue(dramStalls[1] > 0.7 * cycles[1], dramStalls[1] + " of " + cycles[1]);
    assertFalse(util[2] > util[1] * 1.01, "a later step is no better");
  }
}
