package io.arrayflow.workloads.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.spec.OpKind;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.tensor.FloatTensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ModelZooTest {

  @ParameterizedTest(name = "{0} has exactly {1} MACs at batch 1, native size, seq 128")
  @CsvSource({
    "alexnet,       724406816", // published ≈724 M (Eyeriss), FC layers included
    "vgg16,       15470264320", // published ≈15.5 G
    "resnet18,     1814073344", // published ≈1.8 G
    "resnet50,     4089184256", // published ≈4.09 G (torchvision v1.5), FC included
    "mobilenet_v2,  300774272", // published ≈300 M
    "bert-base,   11173625856", // ≈11.2 G, embeddings and heads excluded
    "gpt2,        11338132992", // prefill 128 + one decode step, LM head on the last token
    "gpt2-prefill, 11212223232",
    "gpt2-decode,   125909760",
    "vit-b16,     17563828224" // published ≈17.6 G
  })
  void eachModelHasItsExactMacTotal(String name, long macs) {
    assertEquals(macs, ModelZoo.named(name, 1, 128).totalMacs());
  }

  @ParameterizedTest
  @EnumSource(Model.class)
  void batchScalesEveryMacTotalLinearly(Model model) {
    assertEquals(
        3 * model.workload(model.input(1, 16)).totalMacs(),
        model.workload(model.input(3, 16)).totalMacs());
  }

  @Test
  void bertMacsFollowTheClosedFormAtAnySequenceLength() {
    long seq = 384;
    long d = 768;
    long perLayer = 4 * seq * d * d + 2 * seq * seq * d + 2 * seq * d * 3072;
    assertEquals(12 * perLayer, ModelZoo.named("bert-base", 1, (int) seq).totalMacs());
  }

  @Test
  void gpt2DecodeAttendsOverTheCacheOfPromptPlusOnePositions() {
    Workload w = ModelZoo.named("gpt2", 2, 100);
    OpSpec qk = w.layer("decode.1.h0.attn.qk").mac();
    assertEquals(2 * 12, qk.g());
    assertEquals(1, qk.h()); // one query row
    assertEquals(64, qk.c());
    assertEquals(101, qk.m()); // keys: 100 cached + the new one
    assertFalse(qk.weightsStatic());
    OpSpec av = w.layer("decode.1.h0.attn.av").mac();
    assertEquals(101, av.c());
    assertEquals(64, av.m());
    assertEquals(OpKind.MATMUL, av.kind());
  }

  @Test
  void bertAttentionIsABatchedMatmulOverHeadsWithActivationWeights() {
    Workload w = ModelZoo.named("bert-base", 1, 128);
    OpSpec qk = w.layer("encoder.0.attn.qk").mac();
    assertEquals(12, qk.g());
    assertEquals(128, qk.h());
    assertEquals(128, qk.m());
    assertFalse(qk.weightsStatic());
    assertEquals(12L * 128 * 128, w.layer("encoder.0.attn.softmax").vector().elements());
    assertEquals(VectorKind.GELU, w.layer("encoder.11.gelu").vector().kind());
  }

  @Test
  void alexnetIsTheGroupedTwoTowerOriginal() {
    Workload w = ModelZoo.named("alexnet");
    OpSpec conv1 = w.layer("conv1").mac();
    assertEquals(227, conv1.h());
    assertEquals(96, conv1.m());
    assertEquals(11, conv1.r());
    assertEquals(4, conv1.strideH());
    assertEquals(55, conv1.p());
    assertEquals(2, w.layer("conv2").mac().g());
    assertEquals(48, w.layer("conv2").mac().c());
    assertEquals(1, w.layer("conv3").mac().g());
    assertEquals(2, w.layer("conv4").mac().g());
    assertEquals(2, w.layer("conv5").mac().g());
    assertEquals(9216, w.layer("fc6").mac().c());
  }

  @Test
  void resnet50PutsTheStrideInTheThreeByThreeConv() {
    Workload w = ModelZoo.named("resnet50");
    assertEquals(1, w.layer("layer2.0.conv1").mac().strideH());
    assertEquals(2, w.layer("layer2.0.conv2").mac().strideH());
    assertEquals(2, w.layer("layer2.0.downsample").mac().strideH());
    assertEquals(VectorKind.ADD, w.layer("layer4.2.add").vector().kind());
    assertEquals(2048, w.layer("fc").mac().c());
  }

  @Test
  void mobilenetV2DepthwiseConvsHaveOneGroupPerChannel() {
    OpSpec dw = ModelZoo.named("mobilenet_v2").layer("features.2.dw").mac();
    assertEquals(96, dw.g());
    assertEquals(1, dw.m());
    assertEquals(1, dw.c());
    assertEquals(2, dw.strideH());
  }

  @Test
  void vitHas197Tokens() {
    OpSpec qk = ModelZoo.named("vit-b16").layer("blocks.0.attn.qk").mac();
    assertEquals(197, qk.h());
    assertEquals(197, qk.m());
  }

  @ParameterizedTest
  @EnumSource(Model.class)
  void layersAlternateMacAndVectorOpsWithPoolingAndNormsAsVectorLayers(Model model) {
    Workload w = model.workload(model.input(1, 8));
    assertTrue(w.macLayers().size() > 0);
    assertTrue(w.layers().size() > w.macLayers().size(), "vector layers present");
    assertTrue(w.totalVectorOps() > 0);
  }

  static Stream<Arguments> smallRuns() {
    return Stream.of(
        Arguments.of(Model.ALEXNET, new ModelInput(1, 8, 67), new int[] {1, 1000}),
        Arguments.of(Model.VGG16, new ModelInput(1, 8, 32), new int[] {1, 1000}),
        Arguments.of(Model.RESNET18, new ModelInput(2, 8, 32), new int[] {2, 1000}),
        Arguments.of(Model.RESNET50, new ModelInput(1, 8, 32), new int[] {1, 1000}),
        Arguments.of(Model.MOBILENET_V2, new ModelInput(2, 8, 32), new int[] {2, 1000}),
        Arguments.of(Model.BERT_BASE, new ModelInput(2, 8, 32), new int[] {16, 768}),
        Arguments.of(Model.GPT2, new ModelInput(1, 8, 32), new int[] {1, 50257}),
        Arguments.of(Model.VIT_B16, new ModelInput(1, 8, 32), new int[] {1, 1000}));
    // The llamas' full-size weights (GBs of floats) are too large to draw here; the tiny Llama
    // above runs the same code.
  }

  @ParameterizedTest(name = "{0} runs forward at {1}")
  @MethodSource("smallRuns")
  void eachModelRunsForwardAtSmallSizeWithTheRightOutputShape(
      Model model, ModelInput in, int[] shape) {
    FloatTensor out = model.forward(in, 42);
    assertArrayEquals(shape, out.shape());
    assertTrue(out.allFinite());
    assertTrue(out.maxAbs() > 0f);
  }

  @Test
  void forwardIsDeterministicForASeed() {
    ModelInput in = new ModelInput(1, 8, 32);
    assertArrayEquals(
        Model.MOBILENET_V2.forward(in, 7).data(), Model.MOBILENET_V2.forward(in, 7).data());
  }

  @Test
  void gpt2KvCacheDecodeEqualsTheLastTokenOfAFullPrefill() {
    int prompt = 5;
    FloatTensor x = FloatTensor.random(3, prompt + 1, Transformers.WIDTH);
    FloatTensor step = decodeAfterPrefill(Transformers.GPT2, x, prompt);
    FloatTensor expected = Transformers.GPT2.forward(Net.executing(11), of(x), 1, 0).value();

    assertArrayEquals(new int[] {1, Transformers.GPT2_VOCAB}, step.shape());
    assertTrue(step.maxAbsDiff(expected) <= 1e-4f * Math.max(1f, expected.maxAbs()));
  }

  @Test
  void llamaKvCacheDecodeWithRotaryPositionsEqualsTheLastTokenOfAFullPrefill() {
    Llama tiny = new Llama(64, 2, 4, 2, 96, 50, 10_000);
    int prompt = 5;
    FloatTensor x = FloatTensor.random(3, prompt + 1, tiny.width());
    FloatTensor step = decodeAfterPrefill(tiny, x, prompt);
    FloatTensor expected = tiny.forward(Net.executing(11), of(x), 1, 0).value();

    assertArrayEquals(new int[] {1, 50}, step.shape());
    assertTrue(step.maxAbsDiff(expected) <= 1e-4f * Math.max(1f, expected.maxAbs()));
  }

  /** The logits of decoding token {@code prompt} of {@code x} after a prefill of the others. */
  private static FloatTensor decodeAfterPrefill(
      Transformers.Decoder model, FloatTensor x, int prompt) {
    int width = x.dim(1);
    Net cached = Net.executing(11);
    float[] head = java.util.Arrays.copyOfRange(x.data(), 0, prompt * width);
    float[] last = java.util.Arrays.copyOfRange(x.data(), prompt * width, x.size());
    model.forward(cached, cached.of(FloatTensor.of(head, prompt, width)), 1, 0);
    return model.forward(cached, cached.of(FloatTensor.of(last, 1, width)), 1, prompt).value();
  }

  private static Act of(FloatTensor t) {
    return new Act(t.shape(), t);
  }

  @Test
  void tooSmallAnImageFailsNamingTheLayer() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Model.ALEXNET.workload(new ModelInput(1, 8, 32)));
    assertTrue(e.getMessage().contains("pool2"), e.getMessage());
  }

  @Test
  void unknownNameFailsListingTheValidNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.named("resnet51", 1, 128));
    assertEquals(
        "unknown workload 'resnet51'; expected one of alexnet, vgg16, resnet18, resnet50,"
            + " mobilenet_v2, bert-base, gpt2, gpt2-prefill, gpt2-decode, vit-b16, llama-7b,"
            + " llama-1b",
        e.getMessage());
  }

  @Test
  void namesAreCaseAndSeparatorInsensitive() {
    assertEquals(Model.MOBILENET_V2, Model.named("MobileNet-V2"));
    assertEquals(Model.BERT_BASE, Model.named("bert_base"));
    assertEquals(List.of("alexnet", "vgg16"), ModelZoo.names().subList(0, 2));
  }
}
