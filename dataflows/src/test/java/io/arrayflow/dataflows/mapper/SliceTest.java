package io.arrayflow.dataflows.mapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceTest {

  @Test
  void aRowSliceReadsItsHaloAndCarriesThePaddingAsZeros() {
    // 5 output rows of a 3x3 window with padding 1 over 5 input rows; the slice of rows 3-4.
    OpSpec conv = OpSpec.conv("c", 1, 1, 1, 1, 5, 5, 3, 3, 1, 1, 1);
    Slice s = new Slice(Dim.P, 3, 2);

    OpSpec part = s.apply(conv);

    assertEquals(2, part.p());
    assertEquals(4, part.h()); // padded rows 3..6: input rows 2, 3, 4 and one row of padding
    assertEquals(0, part.padH());
    assertEquals(1, part.padW());
    int[] map = s.inputsMap(conv);
    assertArrayEquals(new int[] {10, 11, 12, 13, 14}, Arrays.copyOfRange(map, 0, 5));
    assertArrayEquals(new int[] {-1, -1, -1, -1, -1}, Arrays.copyOfRange(map, 15, 20));
  }

  @Test
  void slicesOfEveryKindComputeTheLayersOutputsBetweenThem() {
    for (long seed = 0; seed < 300; seed++) {
      Random rnd = new Random(seed);
      OpSpec op = MapperCases.op(rnd);
      Dim[] dims = {Dim.N, Dim.M, Dim.P, Dim.Q};
      Dim d = dims[rnd.nextInt(4)];
      int size = op.size(d);
      if (size < 2) {
        continue;
      }
      int cut = 1 + rnd.nextInt(size - 1);
      IntTensor w = Reference.randomWeights(op, seed, 8);
      IntTensor x = Reference.randomInputs(op, seed + 1, 8);
      int[] got = new int[(int) op.outputElements()];
      Arrays.fill(got, Integer.MIN_VALUE);
      for (Slice s : new Slice[] {new Slice(d, 0, cut), new Slice(d, cut, size - cut)}) {
        OpSpec part = s.apply(op);
        int[] pw = gather(w.data(), s.weightsMap(op));
        int[] px = gather(x.data(), s.inputsMap(op));
        int[] out =
            Reference.run(
                    part,
                    IntTensor.of(pw, part.g(), part.m(), part.c(), part.r(), part.s()),
                    IntTensor.of(px, part.n(), part.g() * part.c(), part.h(), part.w()))
                .data();
        int[] map = s.outputsMap(op);
        for (int i = 0; i < map.length; i++) {
          got[map[i]] = out[i];
        }
      }
      assertArrayEquals(
          Reference.run(op, w, x).data(), got, "seed " + seed + ": " + op + " cut " + d + cut);
    }
  }

  private static int[] gather(int[] src, int[] map) {
    int[] out = new int[map.length];
    for (int i = 0; i < map.length; i++) {
      out[i] = map[i] < 0 ? 0 : src[map[i]];
    }
    return out;
  }
}
