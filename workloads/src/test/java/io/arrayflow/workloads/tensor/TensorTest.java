package io.arrayflow.workloads.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void sameSeedGivesSameFloatsAndAnotherSeedDoesNot() {
    FloatTensor a = FloatTensor.random(7, 2, 3, 4, 5);
    assertArrayEquals(a.data(), FloatTensor.random(7, 2, 3, 4, 5).data());
    assertNotEquals(a.get(0, 0, 0, 0), FloatTensor.random(8, 2, 3, 4, 5).get(0, 0, 0, 0));
  }

  @Test
  void randomFloatsLieInMinusOneToOne() {
    for (float v : FloatTensor.random(1, 10_000).data()) {
      assertTrue(v >= -1f && v < 1f, "value " + v);
    }
  }

  @Test
  void randomInt8ValuesCoverTheSignedRangeAndStayInIt() {
    int[] d = IntTensor.random(3, 8, 20_000).data();
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int v : d) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertEquals(-128, min);
    assertEquals(127, max);
  }

  @Test
  void int16RangeIsMinus32768To32767() {
    assertEquals(-32768, IntTensor.minValue(16));
    assertEquals(32767, IntTensor.maxValue(16));
  }

  @Test
  void indexingIsRowMajorNchw() {
    FloatTensor t = FloatTensor.zeros(2, 3, 4, 5);
    t.set(9f, 1, 2, 3, 4);
    assertEquals(9f, t.data()[((1 * 3 + 2) * 4 + 3) * 5 + 4]);
  }

  @Test
  void reshapeSharesDataAndRejectsAnotherSize() {
    FloatTensor t = FloatTensor.random(1, 2, 6);
    assertEquals(t.data(), t.reshape(3, 4).data());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.reshape(5, 5));
    assertTrue(e.getMessage().contains("25"), e.getMessage());
  }

  @Test
  void rejectsAnIndexOutsideTheShape() {
    assertThrows(IndexOutOfBoundsException.class, () -> FloatTensor.zeros(2, 2).get(2, 0));
  }

  @Test
  void oneBitValuesAreMinusOneAndZero() {
    int[] d = IntTensor.random(7, 1, 64).data();
    java.util.Set<Integer> seen = new java.util.TreeSet<>();
    for (int v : d) {
      seen.add(v);
    }
    assertEquals(java.util.Set.of(-1, 0), seen);
  }

  @Test
  void rejectsABitWidthOutsideOneToThirtyTwo() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IntTensor.random(1, 40, 3));
    assertEquals("bits: must be in 1..32, was 40", e.getMessage());
  }

  @Test
  void intTensorsWithEqualShapeAndValuesAreEqual() {
    assertEquals(IntTensor.random(5, 8, 3, 3), IntTensor.random(5, 8, 3, 3));
  }
}
