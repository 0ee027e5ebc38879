package io.arrayflow.workloads.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

class ConvTest {

  @Test
  void handWorkedThreeByThreeInputWithTwoByTwoFilter() {
    FloatTensor x = FloatTensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    FloatTensor w = FloatTensor.of(new float[] {1, 0, 0, -1}, 1, 1, 2, 2);
    // out[p][q] = x[p][q] - x[p+1][q+1] = -4 everywhere
    assertArrayEquals(new float[] {-4, -4, -4, -4}, Conv2d.conv2d(x, w, ConvParams.unit()).data());
  }

  @Test
  void paddingReadsZerosAndStrideSkipsPositions() {
    FloatTensor x = FloatTensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
    FloatTensor w = FloatTensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 1, 3, 3);
    // pad 1, stride 1: every window covers the whole 2x2 map → 10
    assertArrayEquals(
        new float[] {10, 10, 10, 10}, Conv2d.conv2d(x, w, ConvParams.of(1, 1)).data());
    // pad 1, stride 2: windows at (0,0) only → 1×1 output of 10
    assertArrayEquals(new float[] {10}, Conv2d.conv2d(x, w, ConvParams.of(2, 1)).data());
  }

  @Test
  void biasIsAddedPerOutputChannel() {
    FloatTensor x = FloatTensor.of(new float[] {1, 2}, 1, 1, 1, 2);
    FloatTensor w = FloatTensor.of(new float[] {1, 2}, 2, 1, 1, 1);
    FloatTensor b = FloatTensor.of(new float[] {10, 20}, 2);
    assertArrayEquals(
        new float[] {11, 12, 22, 24}, Conv2d.conv2d(x, w, b, ConvParams.unit()).data());
  }

  @Test
  void convEqualsIm2colTimesGemm() {
    FloatTensor x = FloatTensor.random(1, 2, 3, 9, 8);
    FloatTensor w = FloatTensor.random(2, 5, 3, 3, 2);
    ConvParams p = new ConvParams(2, 1, 1, 0, 1, 2, 1);
    FloatTensor conv = Conv2d.conv2d(x, w, p);
    FloatTensor col = Conv2d.im2col(x, 3, 2, p);
    FloatTensor wm = w.reshape(5, 3 * 3 * 2);
    int pq = col.dim(2);
    for (int n = 0; n < 2; n++) {
      FloatTensor colN =
          FloatTensor.of(
              java.util.Arrays.copyOfRange(
                  col.data(), n * col.dim(1) * pq, (n + 1) * col.dim(1) * pq),
              col.dim(1),
              pq);
      float[] gemm = MatMul.matmul(wm, colN).data();
      float[] convN = java.util.Arrays.copyOfRange(conv.data(), n * 5 * pq, (n + 1) * 5 * pq);
      assertTrue(Naive.maxRelErr(convN, gemm) < 1e-5);
    }
  }

  @Test
  void depthwiseEqualsGroupedConvWithOneGroupPerChannelAndEachChannelAlone() {
    int c = 4;
    FloatTensor x = FloatTensor.random(3, 1, c, 7, 7);
    FloatTensor w = FloatTensor.random(4, c, 1, 3, 3);
    ConvParams p = ConvParams.of(2, 1);
    FloatTensor dw = Conv2d.depthwise(x, w, p);
    assertArrayEquals(Conv2d.conv2d(x, w, p.withGroups(c)).data(), dw.data());
    int plane = 7 * 7;
    int outPlane = dw.dim(2) * dw.dim(3);
    for (int ch = 0; ch < c; ch++) {
      FloatTensor xc =
          FloatTensor.of(
              java.util.Arrays.copyOfRange(x.data(), ch * plane, (ch + 1) * plane), 1, 1, 7, 7);
      FloatTensor wc =
          FloatTensor.of(java.util.Arrays.copyOfRange(w.data(), ch * 9, (ch + 1) * 9), 1, 1, 3, 3);
      assertArrayEquals(
          Conv2d.conv2d(xc, wc, p).data(),
          java.util.Arrays.copyOfRange(dw.data(), ch * outPlane, (ch + 1) * outPlane));
    }
  }

  @Test
  void groupedConvEqualsTheGroupsRunSeparately() {
    FloatTensor x = FloatTensor.random(5, 1, 4, 5, 5);
    FloatTensor w = FloatTensor.random(6, 6, 2, 3, 3);
    FloatTensor grouped = Conv2d.conv2d(x, w, ConvParams.of(1, 1).withGroups(2));
    for (int g = 0; g < 2; g++) {
      FloatTensor xg =
          FloatTensor.of(java.util.Arrays.copyOfRange(x.data(), g * 50, (g + 1) * 50), 1, 2, 5, 5);
      FloatTensor wg =
          FloatTensor.of(java.util.Arrays.copyOfRange(w.data(), g * 54, (g + 1) * 54), 3, 2, 3, 3);
      assertArrayEquals(
          Conv2d.conv2d(xg, wg, ConvParams.of(1, 1)).data(),
          java.util.Arrays.copyOfRange(grouped.data(), g * 75, (g + 1) * 75));
    }
  }

  @Test
  void aWindowLargerThanThePaddedInputGivesNoOutputRatherThanOne() {
    // (2 − 3)/2 truncates to 0 in Java; the extent must floor to "empty", not 1.
    assertEquals(0, Conv2d.outputSize(2, 3, 2, 1, 0));
    assertEquals(1, Conv2d.outputSize(3, 3, 2, 1, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Pooling.maxPool2d(FloatTensor.zeros(1, 1, 2, 2), 3, 2, 0));
  }

  @Test
  void rejectsWeightsWhoseChannelsDoNotMatchTheGroups() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Conv2d.conv2d(
                    FloatTensor.zeros(1, 4, 3, 3),
                    FloatTensor.zeros(2, 4, 1, 1),
                    ConvParams.unit().withGroups(2)));
    assertTrue(e.getMessage().contains("2 groups"), e.getMessage());
  }
}
