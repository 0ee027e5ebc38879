package io.arrayflow.workloads.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.spec.CausalMask;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformerOpsTest {

  @Test
  void rmsNormGivesEachRowAUnitRootMeanSquare() {
    FloatTensor y = Normalization.rmsNorm(FloatTensor.random(1, 3, 64), 0f);
    for (int r = 0; r < 3; r++) {
      double sq = 0;
      for (int j = 0; j < 64; j++) {
        sq += y.get(r, j) * y.get(r, j);
      }
      assertEquals(1.0, sq / 64, 1e-5);
    }
  }

  @Test
  void swigluIsSiluOfTheGateTimesUp() {
    FloatTensor g = FloatTensor.of(new float[] {0f, 1f, -2f}, 3);
    FloatTensor u = FloatTensor.of(new float[] {5f, 2f, 1f}, 3);
    float[] y = Activations.swiglu(g, u).data();
    assertEquals(0f, y[0]);
    assertEquals(2 * 1 / (1 + Math.exp(-1)), y[1], 1e-6);
    assertEquals(-2 / (1 + Math.exp(2)), y[2], 1e-6);
  }

  @Test
  void rotaryKeepsNormsAndScoresDependOnlyOnThePositionDifference() {
    int d = 8;
    FloatTensor q = FloatTensor.random(1, 1, d);
    FloatTensor k = FloatTensor.random(2, 1, d);
    assertArrayEquals(q.data(), Rotary.apply(q, Rotary.table(0, 1, d, 10_000), 1).data(), 0f);
    double[] scores = new double[2];
    int[][] positions = {{3, 1}, {10, 8}};
    for (int i = 0; i < 2; i++) {
      float[] qr = Rotary.apply(q, Rotary.table(positions[i][0], 1, d, 10_000), 1).data();
      float[] kr = Rotary.apply(k, Rotary.table(positions[i][1], 1, d, 10_000), 1).data();
      for (int j = 0; j < d; j++) {
        scores[i] += qr[j] * kr[j];
      }
      double norm = 0;
      double rotated = 0;
      for (int j = 0; j < d; j++) {
        norm += q.data()[j] * q.data()[j];
        rotated += qr[j] * qr[j];
      }
      assertEquals(norm, rotated, 1e-5);
    }
    assertEquals(scores[0], scores[1], 1e-5);
  }

  @Test
  void rotaryGivesTheHeadsOfOneTokenThePositionOfTheToken() {
    FloatTensor table = Rotary.table(0, 2, 4, 100);
    FloatTensor x = FloatTensor.random(5, 4, 4); // 2 tokens × 2 heads
    FloatTensor y = Rotary.apply(x, table, 2);
    float[] token1head0 = java.util.Arrays.copyOfRange(x.data(), 8, 12);
    FloatTensor alone =
        Rotary.apply(FloatTensor.of(token1head0, 1, 4), Rotary.table(1, 1, 4, 100), 1);
    assertArrayEquals(alone.data(), java.util.Arrays.copyOfRange(y.data(), 8, 12), 1e-6f);
  }

  @Test
  void groupedQueryAttentionEqualsMultiHeadWithTheKvHeadsRepeated() {
    int batch = 2;
    int heads = 4;
    int kv = 2;
    int d = 8;
    FloatTensor q = FloatTensor.random(1, batch * 5, heads * d);
    FloatTensor k = FloatTensor.random(2, batch * 5, kv * d);
    FloatTensor v = FloatTensor.random(3, batch * 5, kv * d);
    FloatTensor grouped = Attention.multiHead(q, k, v, batch, heads, kv, true);
    FloatTensor repeated =
        Attention.multiHead(q, repeatHeads(k, kv, d), repeatHeads(v, kv, d), batch, heads, true);
    assertTrue(grouped.maxAbsDiff(repeated) == 0f);
  }

  /** {@code [tokens][kv·d]} → {@code [tokens][kv·2·d]}, each head twice (heads = 2·kv). */
  private static FloatTensor repeatHeads(FloatTensor x, int kv, int d) {
    int tokens = x.dim(0);
    float[] out = new float[tokens * kv * 2 * d];
    for (int t = 0; t < tokens; t++) {
      for (int h = 0; h < 2 * kv; h++) {
        System.arraycopy(x.data(), (t * kv + h / 2) * d, out, (t * 2 * kv + h) * d, d);
      }
    }
    return FloatTensor.of(out, tokens, 2 * kv * d);
  }

  @Test
  void maskedSoftmaxMatchesAttentionsCausalProbabilities() {
    FloatTensor q = FloatTensor.random(1, 2, 3, 4);
    FloatTensor k = FloatTensor.random(2, 2, 5, 4);
    FloatTensor scores = Attention.scores(q, k);
    FloatTensor probabilities = Attention.probabilities(q, k, true);
    FloatTensor softmax = Normalization.softmax(scores.reshape(6, 5), 0.5f, 3);
    assertTrue(softmax.maxAbsDiff(probabilities.reshape(6, 5)) < 1e-6f);
  }

  @Test
  void theVectorReferenceRunsEachKindOnItsShape() {
    VectorOpSpec add = VectorOpSpec.rows("a", VectorKind.ADD, 2, 3);
    List<FloatTensor> in = Reference.randomInputs(add, 4);
    assertEquals(2, in.size());
    assertTrue(Reference.run(add, in, null).maxAbsDiff(Tensors.add(in.get(0), in.get(1))) == 0f);
    VectorOpSpec rope = VectorOpSpec.rope("r", 6, 4, 3, 2);
    FloatTensor x = Reference.randomInputs(rope, 1).get(0);
    FloatTensor table = Reference.ropeTable(rope);
    assertArrayEquals(new int[] {3, 4}, table.shape());
    assertTrue(Reference.run(rope, List.of(x), table).maxAbsDiff(Rotary.apply(x, table, 2)) == 0f);
  }

  @Test
  void causalMaskCountsTheMaskedMacsOfEveryRowBlock() {
    // 2 heads per kv head × 4 queries over 6 keys (2 cached), d = 3.
    OpSpec qk = OpSpec.matmul("qk", 5, 8, 3, 6, false);
    CausalMask mask = new CausalMask(4, 6, Dim.M);
    long masked = 0;
    for (int p = 0; p < qk.p(); p++) {
      masked += (6 - mask.visibleKeys(p)) * 3L;
    }
    assertEquals(5 * masked, mask.maskedMacs(qk));
    assertEquals(5L * 2 * 6 * 3, mask.maskedMacs(qk)); // 6 masked pairs per block, 2 blocks
    OpSpec av = OpSpec.matmul("av", 5, 8, 6, 3, false);
    assertEquals(mask.maskedMacs(qk), new CausalMask(4, 6, Dim.C).maskedMacs(av));
    assertEquals("a causal mask over 6 keys needs M = 6", mask.problem(av));
  }
}
