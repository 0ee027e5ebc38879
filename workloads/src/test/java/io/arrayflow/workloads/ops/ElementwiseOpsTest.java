package io.arrayflow.workloads.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.ops.Activations.GeluForm;
import io.arrayflow.workloads.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

class ElementwiseOpsTest {

  @Test
  void softmaxRowsAreNonNegativeAndSumToOne() {
    FloatTensor p = Normalization.softmax(FloatTensor.uniform(1, 30f, 17, 23));
    float[] d = p.data();
    for (int row = 0; row < 17; row++) {
      double sum = 0;
      for (int j = 0; j < 23; j++) {
        assertTrue(d[row * 23 + j] >= 0f);
        sum += d[row * 23 + j];
      }
      assertEquals(1.0, sum, 1e-5);
    }
  }

  @Test
  void softmaxOfLargeLogitsDoesNotOverflow() {
    FloatTensor p = Normalization.softmax(FloatTensor.of(new float[] {1000f, 1000f}, 1, 2));
    assertArrayEquals(new float[] {0.5f, 0.5f}, p.data());
  }

  @Test
  void layerNormRowsHaveMeanZeroAndVarianceOne() {
    FloatTensor y = Normalization.layerNorm(FloatTensor.uniform(2, 5f, 9, 64), 1e-5f);
    float[] d = y.data();
    for (int row = 0; row < 9; row++) {
      double sum = 0;
      double sq = 0;
      for (int j = 0; j < 64; j++) {
        sum += d[row * 64 + j];
        sq += (double) d[row * 64 + j] * d[row * 64 + j];
      }
      assertEquals(0.0, sum / 64, 1e-5);
      assertEquals(1.0, sq / 64, 1e-4);
    }
  }

  @Test
  void layerNormAppliesGammaAndBeta() {
    FloatTensor x = FloatTensor.of(new float[] {1, 3}, 1, 2);
    FloatTensor y =
        Normalization.layerNorm(
            x, FloatTensor.of(new float[] {2, 2}, 2), FloatTensor.of(new float[] {1, 1}, 2), 0f);
    assertArrayEquals(new float[] {-1, 3}, y.data(), 1e-6f);
  }

  @Test
  void reluAndRelu6ClampAsDocumented() {
    FloatTensor x = FloatTensor.of(new float[] {-2, 0.5f, 7}, 3);
    assertArrayEquals(new float[] {0, 0.5f, 7}, Activations.relu(x).data());
    assertArrayEquals(new float[] {0, 0.5f, 6}, Activations.relu6(x).data());
  }

  @Test
  void geluMatchesKnownValuesInBothForms() {
    FloatTensor x = FloatTensor.of(new float[] {-1, 0, 1, 3}, 4);
    // erf form: x·Φ(x); Φ(1) = 0.8413447, Φ(3) = 0.9986501
    assertArrayEquals(
        new float[] {-0.1586553f, 0f, 0.8413447f, 2.9959503f},
        Activations.gelu(x, GeluForm.ERF).data(),
        1e-6f);
    // tanh form agrees to ~1e-3 and is exact at 0
    assertArrayEquals(
        Activations.gelu(x, GeluForm.ERF).data(), Activations.gelu(x, GeluForm.TANH).data(), 2e-3f);
    assertEquals(0.8411920f, Activations.gelu(x).get(2), 1e-6f);
  }

  @Test
  void maxAndAveragePoolingHandWorked() {
    FloatTensor x =
        FloatTensor.of(
            new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 1, 4, 4);
    assertArrayEquals(new float[] {6, 8, 14, 16}, Pooling.maxPool2d(x, 2, 2, 0).data());
    assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, Pooling.avgPool2d(x, 2, 2, 0).data());
    assertArrayEquals(new float[] {8.5f}, Pooling.globalAvgPool(x).data());
    // 3×3 stride 2 pad 1 (ResNet's stem): padding never wins a max
    assertArrayEquals(new float[] {6, 8, 14, 16}, Pooling.maxPool2d(x, 3, 2, 1).data());
  }

  @Test
  void averagePoolingExcludesPaddingFromTheCount() {
    FloatTensor x = FloatTensor.of(new float[] {4, 4, 4, 4}, 1, 1, 2, 2);
    assertArrayEquals(new float[] {4, 4, 4, 4}, Pooling.avgPool2d(x, 3, 1, 1).data());
  }

  @Test
  void residualAddAndFlatten() {
    FloatTensor a = FloatTensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
    FloatTensor sum = Tensors.add(a, a);
    assertArrayEquals(new float[] {2, 4, 6, 8}, sum.data());
    assertArrayEquals(new int[] {1, 4}, Tensors.flatten(sum).shape());
    assertThrows(IllegalArgumentException.class, () -> Tensors.add(a, a.reshape(4)));
  }

  @Test
  void matmulHandWorkedAndLinearAddsBias() {
    FloatTensor a = FloatTensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    FloatTensor b = FloatTensor.of(new float[] {5, 6, 7, 8}, 2, 2);
    assertArrayEquals(new float[] {19, 22, 43, 50}, MatMul.matmul(a, b).data());
    // linear uses W[out][in]: x·Wᵀ + bias
    FloatTensor y = Linear.linear(a, b, FloatTensor.of(new float[] {1, -1}, 2));
    assertArrayEquals(new float[] {18, 22, 40, 52}, y.data());
  }
}
