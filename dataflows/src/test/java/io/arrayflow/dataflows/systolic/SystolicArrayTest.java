package io.arrayflow.dataflows.systolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.sim.spec.InvalidSpecException;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.Preload;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SystolicArrayTest {

  private static final int[][] ARRAYS = {{4, 4}, {3, 5}, {8, 2}};

  static List<OpSpec> shapes() {
    List<OpSpec> shapes = new ArrayList<>();
    shapes.add(OpSpec.conv("conv-s2-p1", 2, 1, 5, 3, 7, 6, 3, 3, 2, 1, 1));
    shapes.add(OpSpec.conv("conv-dil2-p2", 1, 1, 4, 2, 8, 8, 3, 3, 1, 2, 2));
    shapes.add(OpSpec.conv("conv-g2", 1, 2, 3, 4, 6, 5, 3, 2, 1, 0, 1));
    shapes.add(OpSpec.conv("depthwise", 1, 6, 1, 1, 7, 7, 3, 3, 1, 1, 1));
    shapes.add(OpSpec.conv("conv-asym", 1, 1, 3, 2, 9, 7, 3, 2, 2, 1, 1, 0, 1, 2));
    shapes.add(OpSpec.fc("fc", 3, 13, 7));
    shapes.add(OpSpec.matmul("bmm", 3, 5, 6, 4, false));
    SplittableRandom rng = new SplittableRandom(20240611L);
    for (int i = 0; i < 3; i++) {
      int r = 1 + rng.nextInt(3);
      int stride = 1 + rng.nextInt(2);
      int pad = rng.nextInt(2);
      int g = 1 + rng.nextInt(2);
      shapes.add(
          OpSpec.conv(
              "random-" + i,
              1 + rng.nextInt(2),
              g,
              1 + rng.nextInt(6),
              1 + rng.nextInt(4),
              r + 2 + rng.nextInt(4),
              r + 2 + rng.nextInt(4),
              r,
              r,
              stride,
              pad,
              1));
    }
    return shapes;
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (SystolicDataflow dataflow : SystolicDataflow.values()) {
      for (OpSpec spec : shapes()) {
        for (int[] array : ARRAYS) {
          cases.add(Arguments.of(dataflow, spec, array[0], array[1]));
        }
      }
    }
    return cases.stream();
  }

  /** SCALE-Sim v2's cycles, summed over folds and groups, written out independently. */
  static long scaleSimCycles(SystolicDataflow df, OpSpec spec, int rows, int cols) {
    long ef = (long) spec.n() * spec.p() * spec.q();
    long m = spec.m();
    long k = (long) spec.c() * spec.r() * spec.s();
    long sr;
    long sc;
    long t;
    switch (df) {
      case WS -> {
        sr = k;
        sc = m;
        t = ef;
      }
      case OS -> {
        sr = ef;
        sc = m;
        t = k;
      }
      default -> {
        sr = k;
        sc = ef;
        t = m;
      }
    }
    long folds = spec.g() * ((sr + rows - 1) / rows) * ((sc + cols - 1) / cols);
    long perFold = df == SystolicDataflow.OS ? rows + cols + t - 2 : 2L * rows + cols + t - 2;
    return folds * perFold;
  }

  @ParameterizedTest(name = "{0} {1} on {2}x{3}")
  @MethodSource("cases")
  void intOutputsAreBitExactAndCyclesMatchScaleSim(
      SystolicDataflow dataflow, OpSpec spec, int rows, int cols) {
    IntTensor weights = Reference.randomWeights(spec, 11, 8);
    IntTensor inputs = Reference.randomInputs(spec, 12, 8);
    SystolicRun<IntTensor> run =
        new SystolicArray(rows, cols, dataflow, Preload.SERIAL).run(spec, weights, inputs);

    assertEquals(Reference.run(spec, weights, inputs), run.output());
    assertEquals(scaleSimCycles(dataflow, spec, rows, cols), run.cycles());
    assertEquals(dataflow.layerCycles(spec, rows, cols, Preload.SERIAL), run.cycles());
    assertEquals(spec.macs(), run.macs());
    assertEquals(spec.macs(), run.stats().countWithoutOperand(Level.MAC, AccessAction.MAC));
    assertTrue(run.utilization() > 0 && run.utilization() <= 1, "utilisation " + run.utilization());
  }

  @ParameterizedTest(name = "{0} {1} on {2}x{3}")
  @MethodSource("cases")
  void floatOutputsMatchReferenceWithinOneIn1e4(
      SystolicDataflow dataflow, OpSpec spec, int rows, int cols) {
    FloatTensor weights = Reference.randomWeights(spec, 21);
    FloatTensor inputs = Reference.randomInputs(spec, 22);
    SystolicRun<FloatTensor> run =
        new SystolicArray(rows, cols, dataflow, Preload.SERIAL).run(spec, weights, inputs);

    float[] expected = Reference.run(spec, weights, inputs).data();
    float[] actual = run.output().data();
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      double tolerance = 1e-4 * Math.max(1, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], tolerance, "output element " + i);
    }
  }

  @ParameterizedTest(name = "{0} {1} on {2}x{3}")
  @MethodSource("cases")
  void overlappedPreloadChargesOnlyTheFirstFold(
      SystolicDataflow dataflow, OpSpec spec, int rows, int cols) {
    IntTensor weights = Reference.randomWeights(spec, 31, 8);
    IntTensor inputs = Reference.randomInputs(spec, 32, 8);
    SystolicRun<IntTensor> run =
        new SystolicArray(rows, cols, dataflow, Preload.OVERLAPPED).run(spec, weights, inputs);

    long folds = spec.g() * dataflow.foldsPerGroup(spec, rows, cols);
    long saved = dataflow.hasStationaryPreload() ? (folds - 1) * rows : 0;
    assertEquals(scaleSimCycles(dataflow, spec, rows, cols) - saved, run.cycles());
    assertEquals(dataflow.layerCycles(spec, rows, cols, Preload.OVERLAPPED), run.cycles());
    assertEquals(Reference.run(spec, weights, inputs), run.output());
  }

  @ParameterizedTest(name = "{0} {1} on {2}x{3}")
  @MethodSource("cases")
  void countsEachEdgeReadOncePerFoldAndEachPartialSumWrite(
      SystolicDataflow dataflow, OpSpec spec, int rows, int cols) {
    IntTensor weights = Reference.randomWeights(spec, 41, 8);
    IntTensor inputs = Reference.randomInputs(spec, 42, 8);
    Stats stats =
        new SystolicArray(rows, cols, dataflow, Preload.SERIAL).run(spec, weights, inputs).stats();

    long foldsR = ceil(dataflow.rowsDim().size(spec), rows);
    long foldsC = ceil(dataflow.colsDim().size(spec), cols);
    long weightElems = spec.weightElements();
    long inputsUnpadded = spec.g() * unpaddedIm2colEntries(spec);
    long outputs = spec.outputElements();
    long expectedWeightReads;
    long expectedInputReads;
    long expectedUpdates;
    switch (dataflow) {
      case WS -> {
        expectedWeightReads = weightElems;
        expectedInputReads = foldsC * inputsUnpadded;
        expectedUpdates = foldsR * outputs;
      }
      case OS -> {
        expectedWeightReads = foldsR * weightElems;
        expectedInputReads = foldsC * inputsUnpadded;
        expectedUpdates = outputs;
      }
      default -> {
        expectedWeightReads = foldsC * weightElems;
        expectedInputReads = inputsUnpadded;
        expectedUpdates = foldsR * outputs;
      }
    }
    assertEquals(expectedWeightReads, stats.count(Level.GLB, Operand.WEIGHTS, AccessAction.READ));
    assertEquals(expectedInputReads, stats.count(Level.GLB, Operand.INPUTS, AccessAction.READ));
    assertEquals(expectedUpdates, stats.count(Level.GLB, Operand.OUTPUTS, AccessAction.UPDATE));
    assertEquals(
        expectedUpdates - outputs, stats.count(Level.GLB, Operand.OUTPUTS, AccessAction.READ));
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }

  /** Entries of one group's im2col matrix that fall inside the input (not padding). */
  private static long unpaddedIm2colEntries(OpSpec spec) {
    long count = 0;
    for (int p = 0; p < spec.p(); p++) {
      for (int q = 0; q < spec.q(); q++) {
        for (int r = 0; r < spec.r(); r++) {
          for (int s = 0; s < spec.s(); s++) {
            int ih = p * spec.strideH() + r * spec.dilationH() - spec.padH();
            int iw = q * spec.strideW() + s * spec.dilationW() - spec.padW();
            if (ih >= 0 && ih < spec.h() && iw >= 0 && iw < spec.w()) {
              count++;
            }
          }
        }
      }
    }
    return count * spec.n() * spec.c();
  }

  /**
   * A = [[1, 2], [3, 4]] (EF × K), B = [[5, 6], [7, 8]] (K × M), O = A·B = [[19, 22], [43, 50]] on
   * a 2 × 2 array. WS: 2 preload cycles, then row 0 takes A[0][0] at cycle 0 and row 1 A[0][1] at
   * cycle 1 (skew); O[1][1] leaves the bottom of column 1 at streaming cycle T + Ra + Ca − 3 = 3,
   * so 2 + 4 = 6 cycles. IS is the mirror image (inputs stationary, M = 2 streamed): 6 cycles. OS:
   * PE (1, 1) takes its last operands (k = 1) at cycle k + i + j = 3, so 4 cycles.
   */
  @ParameterizedTest
  @EnumSource(SystolicDataflow.class)
  void computesAHandWorkedTwoByTwoGemm(SystolicDataflow dataflow) {
    OpSpec spec = OpSpec.matmul("hand", 1, 2, 2, 2, true);
    // inputs [N=1][C=K][H=EF][1] hold Aᵀ; weights [G=1][M][C=K] hold Bᵀ.
    IntTensor inputs = IntTensor.of(new int[] {1, 3, 2, 4}, 1, 2, 2, 1);
    IntTensor weights = IntTensor.of(new int[] {5, 7, 6, 8}, 1, 2, 2, 1, 1);
    SystolicRun<IntTensor> run =
        new SystolicArray(2, 2, dataflow, Preload.SERIAL).run(spec, weights, inputs);

    // outputs [1][M][P=EF][1]: O[0][0], O[1][0], O[0][1], O[1][1].
    assertArrayEquals(new int[] {19, 43, 22, 50}, run.output().data());
    assertEquals(dataflow == SystolicDataflow.OS ? 4 : 6, run.cycles());
    assertEquals(8, run.macs());
    assertEquals(8.0 / (run.cycles() * 4), run.utilization(), 1e-12);
  }

  @Test
  void wrapsInt32AccumulationLikeJavaInt() {
    OpSpec spec = OpSpec.fc("wrap", 1, 4, 1);
    int big = 1 << 30;
    IntTensor inputs = IntTensor.of(new int[] {big, big, big, big}, 1, 4, 1, 1);
    IntTensor weights = IntTensor.of(new int[] {1, 1, 1, 1}, 1, 1, 4, 1, 1);
    for (SystolicDataflow dataflow : SystolicDataflow.values()) {
      int out =
          new SystolicArray(3, 3, dataflow, Preload.SERIAL)
              .run(spec, weights, inputs)
              .output()
              .data()[0];
      assertEquals(big + big + big + big, out, dataflow.key());
    }
  }

  @Test
  void rejectsAnUnknownDataflowNameListingTheValidOnes() {
    InvalidSpecException e =
        assertThrows(InvalidSpecException.class, () -> SystolicDataflow.named("rs"));
    assertTrue(e.getMessage().contains("ws, os, is"), e.getMessage());
    assertEquals(SystolicDataflow.IS, SystolicDataflow.named("IS"));
  }

  @Test
  void rejectsOperandsOfTheWrongSize() {
    OpSpec spec = OpSpec.fc("fc", 2, 3, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SystolicArray(2, 2, SystolicDataflow.WS, Preload.SERIAL)
                    .run(spec, IntTensor.zeros(5), IntTensor.zeros(6)));
    assertTrue(e.getMessage().contains("needs 12 weights"), e.getMessage());
  }
}
