package io.arrayflow.workloads.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.tensor.FloatTensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AttentionTest {
  private static final FloatTensor Q = FloatTensor.of(new float[] {1, 0, 0, 1, 1, 1}, 1, 3, 2);
  private static final FloatTensor K = FloatTensor.of(new float[] {1, 1, 0, 1, 1, 0}, 1, 3, 2);
  private static final FloatTensor V = FloatTensor.of(new float[] {2, 0, 0, 2, 1, 1}, 1, 3, 2);

  @Test
  void firstTokenScoresAreOneZeroOneBeforeScaling() {
    FloatTensor s = Attention.scores(Q, K);
    assertArrayEquals(new float[] {1, 0, 1}, Arrays.copyOfRange(s.data(), 0, 3));
    // second token q=[0,1] sees [1,1,0]; third q=[1,1] sees [2,1,1]
    assertArrayEquals(new float[] {1, 1, 0, 2, 1, 1}, Arrays.copyOfRange(s.data(), 3, 9));
  }

  @Test
  void handWorkedAttentionOutput() {
    // Token 0: scaled scores [1/√2, 0, 1/√2]; with a = e^(1/√2) = 2.028115, the weights are
    // [a, 1, a]/(2a+1) = [0.401112, 0.197776, 0.401112], so out = 0.401112·[2,0] + 0.197776·[0,2]
    // + 0.401112·[1,1] = [1.203336, 0.796664].
    // Token 1: scores [1, 1, 0] → weights [a, a, 1]/(2a+1), out = [2a+1, 2a+1]/(2a+1) = [1, 1].
    FloatTensor out = Attention.attention(Q, K, V, false);
    float[] d = out.data();
    assertEquals(1.203336f, d[0], 1e-5f);
    assertEquals(0.796664f, d[1], 1e-5f);
    assertEquals(1f, d[2], 1e-5f);
    assertEquals(1f, d[3], 1e-5f);
  }

  @Test
  void causalMaskLetsTheFirstTokenSeeOnlyItself() {
    FloatTensor out = Attention.attention(Q, K, V, true);
    assertArrayEquals(new float[] {2, 0}, Arrays.copyOfRange(out.data(), 0, 2));
    FloatTensor p = Attention.probabilities(Q, K, true);
    assertArrayEquals(new float[] {1, 0, 0}, Arrays.copyOfRange(p.data(), 0, 3));
    // token 1 sees keys 0 and 1 with equal scores
    assertArrayEquals(new float[] {0.5f, 0.5f, 0}, Arrays.copyOfRange(p.data(), 3, 6));
  }

  @Test
  void kvCacheDecodeEqualsTheLastRowOfAFullCausalPrefill() {
    int heads = 3;
    int t = 7;
    int d = 8;
    FloatTensor q = FloatTensor.random(1, heads, t, d);
    FloatTensor k = FloatTensor.random(2, heads, t, d);
    FloatTensor v = FloatTensor.random(3, heads, t, d);
    FloatTensor full = Attention.attention(q, k, v, true);
    KvCache cache = new KvCache(heads, d);
    FloatTensor prefill = cache.attend(rows(q, 0, t - 1), rows(k, 0, t - 1), rows(v, 0, t - 1));
    assertTrue(Naive.maxRelErr(prefill.data(), rows(full, 0, t - 1).data()) < 1e-6);
    FloatTensor step = cache.attend(rows(q, t - 1, t), rows(k, t - 1, t), rows(v, t - 1, t));
    assertEquals(t, cache.length());
    assertTrue(Naive.maxRelErr(step.data(), rows(full, t - 1, t).data()) < 1e-6);
  }

  @Test
  void kvCacheDecodingOneTokenAtATimeReproducesEveryRowOfThePrefill() {
    int heads = 2;
    int t = 40; // beyond the initial capacity, so the cache grows
    int d = 4;
    FloatTensor q = FloatTensor.random(4, heads, t, d);
    FloatTensor k = FloatTensor.random(5, heads, t, d);
    FloatTensor v = FloatTensor.random(6, heads, t, d);
    FloatTensor full = Attention.attention(q, k, v, true);
    KvCache cache = new KvCache(heads, d);
    for (int i = 0; i < t; i++) {
      FloatTensor step = cache.attend(rows(q, i, i + 1), rows(k, i, i + 1), rows(v, i, i + 1));
      assertTrue(Naive.maxRelErr(step.data(), rows(full, i, i + 1).data()) < 1e-6, "row " + i);
    }
  }

  @Test
  void multiHeadSplitsAndMergesHeadsAroundPerHeadAttention() {
    int batch = 2;
    int heads = 3;
    int t = 4;
    int d = 5;
    FloatTensor q = FloatTensor.random(7, batch * t, heads * d);
    FloatTensor k = FloatTensor.random(8, batch * t, heads * d);
    FloatTensor v = FloatTensor.random(9, batch * t, heads * d);
    FloatTensor mh = Attention.multiHead(q, k, v, batch, heads, false);
    FloatTensor split = Tensors.splitHeads(q, batch, heads);
    assertArrayEquals(q.data(), Tensors.mergeHeads(split, batch).data());
    // token 1 of batch element 1, head 2, channel 3 equals per-head attention computed alone
    FloatTensor perHead =
        Attention.attention(
            split, Tensors.splitHeads(k, batch, heads), Tensors.splitHeads(v, batch, heads), false);
    assertEquals(perHead.get(1 * heads + 2, 1, 3), mh.get(1 * t + 1, 2 * d + 3));
  }

  /** Rows [from, to) of every head of a [B][T][d] tensor. */
  private static FloatTensor rows(FloatTensor x, int from, int to) {
    int b = x.dim(0);
    int t = x.dim(1);
    int d = x.dim(2);
    float[] out = new float[b * (to - from) * d];
    for (int i = 0; i < b; i++) {
      System.arraycopy(x.data(), (i * t + from) * d, out, i * (to - from) * d, (to - from) * d);
    }
    return FloatTensor.of(out, b, to - from, d);
  }
}
