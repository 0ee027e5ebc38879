package io.arrayflow.workloads.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.spec.OpKind;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReferenceTest {

  /** Seeded random small conv specs covering stride, padding, dilation and groups. */
  static List<OpSpec> randomConvs() {
    SplittableRandom rng = new SplittableRandom(2024);
    List<OpSpec> out = new ArrayList<>();
    while (out.size() < 40) {
      int n = 1 + rng.nextInt(2);
      int g = 1 + rng.nextInt(3);
      int m = 1 + rng.nextInt(4);
      int c = 1 + rng.nextInt(4);
      int h = 1 + rng.nextInt(9);
      int w = 1 + rng.nextInt(9);
      int r = 1 + rng.nextInt(3);
      int s = 1 + rng.nextInt(3);
      int sh = 1 + rng.nextInt(3);
      int sw = 1 + rng.nextInt(3);
      int dh = 1 + rng.nextInt(2);
      int dw = 1 + rng.nextInt(2);
      int ph = rng.nextInt(3);
      int pw = rng.nextInt(3);
      if (OpSpec.problems(n, g, m, c, h, w, r, s, sh, sw, dh, dw, ph, pw).isEmpty()) {
        out.add(OpSpec.conv("rand" + out.size(), n, g, m, c, h, w, r, s, sh, sw, ph, pw, dh, dw));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("randomConvs")
  void referenceRunFollowsTheLoopNestInFloat(OpSpec spec) {
    FloatTensor w = Reference.randomWeights(spec, 1);
    FloatTensor x = Reference.randomInputs(spec, 2);
    float[] got = Reference.run(spec, w, x).data();
    assertTrue(Naive.maxRelErr(got, Naive.run(spec, w.data(), x.data())) < 1e-5, spec::toString);
  }

  @ParameterizedTest
  @MethodSource("randomConvs")
  void referenceRunEqualsTheConv2dOp(OpSpec spec) {
    FloatTensor w = Reference.randomWeights(spec, 3);
    FloatTensor x = Reference.randomInputs(spec, 4);
    ConvParams p =
        new ConvParams(
            spec.strideH(),
            spec.strideW(),
            spec.padH(),
            spec.padW(),
            spec.dilationH(),
            spec.dilationW(),
            spec.g());
    FloatTensor conv =
        Conv2d.conv2d(x, w.reshape(spec.g() * spec.m(), spec.c(), spec.r(), spec.s()), p);
    assertArrayEquals(conv.data(), Reference.run(spec, w, x).data(), spec::toString);
    assertArrayEquals(new int[] {spec.n(), spec.g() * spec.m(), spec.p(), spec.q()}, conv.shape());
  }

  @ParameterizedTest
  @MethodSource("randomConvs")
  void intReferenceRunIsBitExactAgainstTheNaiveLoop(OpSpec spec) {
    IntTensor w = Reference.randomWeights(spec, 5, 8);
    IntTensor x = Reference.randomInputs(spec, 6, 8);
    assertArrayEquals(Naive.run(spec, w.data(), x.data()), Reference.run(spec, w, x).data());
  }

  @ParameterizedTest
  @MethodSource("randomConvs")
  void int16AccumulationWrapsLikeJavaIntArithmetic(OpSpec spec) {
    // 16-bit operands times hundreds of terms can exceed 2^31: both sides must wrap identically.
    IntTensor w = Reference.randomWeights(spec, 7, 16);
    IntTensor x = Reference.randomInputs(spec, 8, 16);
    ConvParams p =
        new ConvParams(
            spec.strideH(),
            spec.strideW(),
            spec.padH(),
            spec.padW(),
            spec.dilationH(),
            spec.dilationW(),
            spec.g());
    IntTensor conv =
        Conv2d.conv2d(x, w.reshape(spec.g() * spec.m(), spec.c(), spec.r(), spec.s()), p);
    assertArrayEquals(Naive.run(spec, w.data(), x.data()), conv.data());
  }

  @Test
  void intAccumulatorWrapsAroundAtTwoToTheThirtyOne() {
    OpSpec fc = OpSpec.fc("wrap", 1, 3, 1);
    IntTensor w = IntTensor.of(new int[] {32767, 32767, 32767}, 1, 1, 3, 1, 1);
    IntTensor x = IntTensor.of(new int[] {32767 * 2, 32767 * 2, 32767 * 2}, 1, 3, 1, 1);
    int expected = 32767 * 32767 * 2 * 3; // overflows int on purpose
    assertEquals(expected, Reference.run(fc, w, x).data()[0]);
  }

  static List<int[]> fcShapes() {
    return List.of(
        new int[] {1, 1, 1}, new int[] {1, 17, 5}, new int[] {4, 33, 9}, new int[] {3, 130, 70});
  }

  @ParameterizedTest
  @MethodSource("fcShapes")
  void fcSpecEqualsTheLinearOp(int[] shape) {
    OpSpec spec = OpSpec.fc("fc", shape[0], shape[1], shape[2]);
    FloatTensor w = Reference.randomWeights(spec, 9);
    FloatTensor x = Reference.randomInputs(spec, 10);
    FloatTensor lin =
        Linear.linear(x.reshape(shape[0], shape[1]), w.reshape(shape[2], shape[1]), null);
    float[] ref = Reference.run(spec, w, x).data();
    assertTrue(Naive.maxRelErr(ref, lin.data()) < 1e-5);
    assertEquals(OpKind.FC, spec.kind());
  }

  static List<int[]> matmulShapes() {
    return List.of(
        new int[] {1, 1, 1, 1},
        new int[] {2, 3, 4, 5},
        new int[] {12, 8, 64, 8},
        new int[] {3, 1, 70, 65});
  }

  @ParameterizedTest
  @MethodSource("matmulShapes")
  void batchedMatmulSpecEqualsTheMatmulOpWithTransposedLayouts(int[] shape) {
    int b = shape[0];
    int rows = shape[1];
    int k = shape[2];
    int cols = shape[3];
    OpSpec spec = OpSpec.matmul("bmm", b, rows, k, cols, false);
    FloatTensor a = FloatTensor.random(11, b, rows, k);
    FloatTensor bm = FloatTensor.random(12, b, k, cols);
    // OpSpec layouts: inputs [G][C=k][P=rows] = Aᵀ, weights [G][M=cols][C=k] = Bᵀ, outputs (A·B)ᵀ.
    FloatTensor ref = Reference.run(spec, MatMul.transpose(bm), MatMul.transpose(a));
    FloatTensor expected = MatMul.transpose(MatMul.batched(a, bm));
    assertTrue(Naive.maxRelErr(ref.data(), expected.data()) < 1e-5);
    assertEquals((long) b * rows * k * cols, spec.macs());
  }

  @Test
  void rejectsOperandsOfTheWrongSizeNamingTheLayouts() {
    OpSpec spec = OpSpec.fc("fc1", 1, 4, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Reference.run(spec, FloatTensor.zeros(7), FloatTensor.zeros(4)));
    assertEquals(
        "op 'fc1' needs 8 weights [G][M][C][R][S] and 4 inputs [N][G*C][H][W], got 7 and 4",
        e.getMessage());
  }
}
