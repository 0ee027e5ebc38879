package io.arrayflow.workloads.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.spec.VectorOpSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names reports cannot show, totals that cannot be counted and zoo sizes that overflow. */
class WorkloadLimitsTest {

  @Test
  void aLayerMayNotBeCalledTotalOrBeEmptyOrSpanLines() {
    assertEquals(
        "must not be TOTAL, which reports use for the total row", Layer.nameProblem("TOTAL"));
    assertEquals("must not be empty, was ' '", Layer.nameProblem(" "));
    assertEquals(
        "must not contain control characters (newline, tab, …), was a\\nb",
        Layer.nameProblem("a\nb"));
    assertNull(Layer.nameProblem("total"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Layer.of(new VectorOpSpec("TOTAL", VectorKind.RELU, 4)));
    assertEquals(
        "layer name must not be TOTAL, which reports use for the total row", e.getMessage());
  }

  @Test
  void aWorkloadMayBeCalledTotalButNotNothing() {
    assertNull(Workload.nameProblem("TOTAL"));
    assertEquals("must not be empty, was ''", Workload.nameProblem(""));
  }

  @Test
  void totalsAboveTheLimitAreRefusedEvenWhenEveryLayerIsBelowIt() {
    // 2^27 · 2^25 = 2^52 MACs each: two fit, three do not.
    List<Layer> layers = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      layers.add(Layer.of(OpSpec.fc("fc" + i, 1 << 13, 1 << 13, 1 << 26)));
    }
    assertEquals(List.of(), Workload.totalsProblems(layers.subList(0, 2)));
    assertEquals(
        List.of("total MACs of 3 layers = 1.35e+16 is above the limit 2^53 = 9007199254740992"),
        Workload.totalsProblems(layers));
  }

  @Test
  void vgg16AtABillionImagesNamesItsFirstLayerInsteadOfPrintingANegativeTotal() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ModelZoo.named("vgg16", 1_000_000_000, 1));
    assertEquals(
        "layer 'conv1_1': MACs = 8.67e+16 is above the limit 2^53 = 9007199254740992",
        e.getMessage());
  }

  @Test
  void bertAtAHundredMillionTokensNamesTheAttentionLayer() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ModelZoo.named("bert-base", 1, 100_000_000));
    assertEquals(
        "layer 'encoder.0.attn.qk': MACs = 7.68e+18 is above the limit 2^53 = 9007199254740992",
        e.getMessage());
  }

  @Test
  void tokensBeyondAnIntAreRefusedBeforeTheyWrap() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.named("gpt2", 65536, 65536));
    assertEquals(
        "'prompt': batch × seq = 4294967296 is above the limit 2147483647", e.getMessage());
  }

  @Test
  void onlyTheTextTransformersTakeASequenceLength() {
    assertEquals(
        List.of("bert-base", "gpt2", "gpt2-prefill", "gpt2-decode", "llama-7b", "llama-1b"),
        java.util.Arrays.stream(Model.values()).filter(Model::usesSeq).map(Model::key).toList());
  }
}
