package io.arrayflow.workloads.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.spec.CausalMask;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.spec.VectorOpSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecodersTest {

  /**
   * MACs of a Llama prefill of {@code t} tokens and {@code steps} decode steps at batch {@code b},
   * counted from the numbers of the published config.json (hidden, layers, heads, kv heads,
   * intermediate, vocab), not from the zoo: per token and layer the q, k, v, o projections and the
   * gate, up and down projections; per layer and head the scores and weighted sum over every
   * (query, key) pair of the causal sequence, masked pairs included; the LM head on the last token
   * of each phase.
   */
  static long llamaMacs(
      long hidden,
      long layers,
      long heads,
      long kvHeads,
      long ffn,
      long vocab,
      long b,
      long t,
      long steps) {
    long headDim = hidden / heads;
    long projections = hidden * hidden * 2 + 2 * hidden * kvHeads * headDim + 3 * hidden * ffn;
    long macs = b * (layers * (t * projections + 2 * heads * t * t * headDim) + hidden * vocab);
    for (long k = 1; k <= steps; k++) {
      long context = t + k;
      macs += b * (layers * (projections + 2 * heads * context * headDim) + hidden * vocab);
    }
    return macs;
  }

  @ParameterizedTest(name = "{0} at batch {1}, prompt {2}, {3} decode steps")
  @CsvSource({
    "llama-7b, 1, 128, 1",
    "llama-7b, 2, 64, 3",
    "llama-1b, 1, 128, 1",
    "llama-1b, 4, 100, 8"
  })
  void llamaMacsMatchACountFromThePublishedConfig(String name, int b, int t, int steps) {
    long expected =
        name.equals("llama-7b")
            ? llamaMacs(4096, 32, 32, 32, 11008, 32000, b, t, steps)
            : llamaMacs(2048, 16, 32, 8, 8192, 128256, b, t, steps);
    Model m = Model.named(name);
    assertEquals(expected, m.workload(m.input(b, t, steps)).totalMacs());
  }

  @ParameterizedTest(name = "{0}: one MAC per block parameter per decoded token")
  @CsvSource({
    // published parameter count, embedding + LM head (tied in Llama 3.2), RMSNorm gains
    "llama-7b, 6738415616, 262144000, 266240",
    "llama-1b, 1235814400, 262668288, 67584"
  })
  void aDecodeStepsProjectionsUseEveryPublishedBlockParameterOnce(
      String name, long parameters, long embeddings, long norms) {
    Model m = Model.named(name);
    Workload w = m.workload(m.input(1, 8, 1));
    long projections = 0;
    for (Layer l : w.layers()) {
      boolean step = l.name().startsWith("decode.1.");
      if (step && l.isMac() && l.mac().weightsStatic() && !l.name().endsWith("lm_head")) {
        projections += l.macs();
      }
    }
    assertEquals(parameters - embeddings - norms, projections);
  }

  @Test
  void decodeStepsArePhasesWhoseCacheGrowsByOnePositionEach() {
    Workload w = Model.GPT2.workload(Model.GPT2.input(2, 100, 3));
    List<Phase> phases = w.phases();
    assertEquals(List.of("prefill", "decode.1", "decode.2", "decode.3"), names(phases));
    assertEquals(200, phases.get(0).tokens());
    assertEquals(100, phases.get(0).contextLength());
    assertEquals(2, phases.get(3).tokens());
    assertEquals(103, phases.get(3).contextLength());
    assertEquals(w.layers().size(), phases.get(3).endLayer());
    Phase step2 = phases.get(2);
    assertTrue(w.layers().get(step2.firstLayer()).name().startsWith("decode.2."));
    assertEquals(102, w.layer("decode.2.h11.attn.qk").mac().m());
    assertEquals(step2, w.phaseOf(step2.firstLayer() + 5));
  }

  @Test
  void kvCacheLayersCarryTheWholeCacheOfTheirPhase() {
    Workload w = Model.GPT2.workload(Model.GPT2.input(2, 100, 2));
    // 12 layers × keys and values × batch 2 × 768 wide × positions.
    long perPosition = 12L * 2 * 2 * 768;
    assertEquals(100 * perPosition, w.layer("prefill.h0.attn.qk").kvCacheElements());
    assertEquals(101 * perPosition, w.layer("decode.1.h5.attn.av").kvCacheElements());
    assertEquals(102 * perPosition, w.layer("decode.2.h11.attn.qk").kvCacheElements());
    assertEquals(0, w.layer("decode.2.h11.mlp.c_fc").kvCacheElements());
    Workload bert = Model.BERT_BASE.workload(Model.BERT_BASE.input(1, 16));
    assertEquals(0, bert.layer("encoder.0.attn.qk").kvCacheElements(), "no cache, no phases");
    assertTrue(bert.phases().isEmpty());
  }

  @Test
  void groupedQueryAttentionStacksTheQueryHeadsOfOneKvHeadInTheRows() {
    Workload w = Model.LLAMA_1B.workload(Model.LLAMA_1B.input(1, 16, 1));
    OpSpec qk = w.layer("prefill.l0.attn.qk").mac();
    assertEquals(8, qk.g()); // key/value heads
    assertEquals(4 * 16, qk.p()); // 4 query heads × 16 queries
    assertEquals(64, qk.c());
    assertEquals(16, qk.m());
    assertEquals(new CausalMask(16, 16, Dim.M), w.layer("prefill.l0.attn.qk").causal());
    assertEquals(new CausalMask(16, 16, Dim.C), w.layer("prefill.l0.attn.av").causal());
    OpSpec decodeAv = w.layer("decode.1.l0.attn.av").mac();
    assertEquals(4, decodeAv.p());
    assertEquals(17, decodeAv.c());
    assertNull(w.layer("decode.1.l0.attn.av").causal(), "one query sees every key");
    assertEquals(16 * 64 * 2048L, w.layer("prefill.l0.k_proj").mac().macs() / 8);
  }

  @Test
  void vectorLayersCarryTheShapeTheVectorUnitWorksOn() {
    Workload w = Model.LLAMA_1B.workload(Model.LLAMA_1B.input(2, 16, 1));
    VectorOpSpec softmax = w.layer("prefill.l3.attn.softmax").vector();
    assertEquals(16, softmax.rowLength());
    assertEquals(2L * 32 * 16, softmax.rows());
    assertEquals(16, softmax.causalQueries());
    assertEquals(0.125f, softmax.scale());
    VectorOpSpec ropeK = w.layer("decode.1.l3.rope_k").vector();
    assertEquals(VectorKind.ROPE, ropeK.kind());
    assertEquals(64, ropeK.rowLength());
    assertEquals(2L * 8, ropeK.rows()); // batch × kv heads, one token
    assertEquals(64, ropeK.tableElements()); // one position
    assertEquals(8, ropeK.tableRowRepeat());
    assertEquals(2048, w.layer("prefill.l0.input_norm").vector().rowLength());
    assertEquals(VectorKind.RMSNORM, w.layer("decode.1.norm").vector().kind());
    assertEquals(2L * 16 * 8192, w.layer("prefill.l0.swiglu").vector().elements());
    assertEquals(
        768,
        Model.BERT_BASE
            .workload(Model.BERT_BASE.input(1, 8))
            .layer("encoder.0.ln1")
            .vector()
            .rowLength());
  }

  @Test
  void poolingCountsWindowReadsAndMovesItsInputAndOutputTensors() {
    VectorOpSpec pool = Model.ALEXNET.workload(Model.ALEXNET.input(1, 1)).layer("pool1").vector();
    assertEquals(96L * 27 * 27 * 9, pool.elements());
    assertEquals(96L * 55 * 55, pool.inputElements());
    assertEquals(96L * 27 * 27, pool.outputElements());
  }

  @Test
  void fusingTakesAVectorLayerRightAfterAMacLayerOnly() {
    Workload w =
        Model.GPT2
            .workload(Model.GPT2.input(1, 8, 1))
            .fused(Set.of(VectorKind.SOFTMAX, VectorKind.GELU, VectorKind.LAYERNORM));
    assertEquals("prefill.h0.attn.qk", w.layer("prefill.h0.attn.softmax").fusedInto());
    assertEquals("decode.1.h3.mlp.c_fc", w.layer("decode.1.h3.gelu").fusedInto());
    assertNull(w.layer("prefill.h1.ln_2").fusedInto(), "after the residual add, a vector layer");
    assertNull(w.layer("prefill.h1.add1").fusedInto(), "add was not asked for");
    Workload all =
        Model.GPT2.workload(Model.GPT2.input(1, 8, 1)).fused(Set.of(VectorKind.values()));
    assertNull(all.layer("decode.1.h0.ln_1").fusedInto(), "not into the prefill's LM head");
    assertEquals(w.phases(), Model.GPT2.workload(Model.GPT2.input(1, 8, 1)).phases());
  }

  @Test
  void decodeOnlyModelsNeedADecodeStep() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Model.GPT2_DECODE.workload(Model.GPT2_DECODE.input(1, 8, 0)));
    assertEquals(
        "gpt2-decode is decode steps alone; it needs at least 1 decode step", e.getMessage());
    Workload prefill = Model.LLAMA_1B.workload(Model.LLAMA_1B.input(1, 8, 0));
    assertEquals(List.of("prefill"), names(prefill.phases()));
    assertEquals(
        List.of("decode.1", "decode.2"),
        names(Model.GPT2_DECODE.workload(Model.GPT2_DECODE.input(1, 8, 2)).phases()));
  }

  private static List<String> names(List<Phase> phases) {
    return phases.stream().map(Phase::name).toList();
  }
}
