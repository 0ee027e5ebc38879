package io.arrayflow.workloads.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VectorOpSpecTest {

  @Test
  void opsAreElementsTimesTheKindsPerElementCount() {
    assertEquals(5_000, new VectorOpSpec("sm", VectorKind.SOFTMAX, 1_000).ops());
    assertEquals(8, VectorKind.GELU.opsPerElement());
  }

  @Test
  void unknownKindFailsListingTheValidNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VectorKind.named("tanh"));
    assertEquals(
        "unknown vector op 'tanh'; expected one of softmax, layernorm, relu, relu6, gelu,"
            + " pool_max, pool_avg, add, rmsnorm, swiglu, rope",
        e.getMessage());
    assertEquals(VectorKind.POOL_MAX, VectorKind.named("Pool_Max"));
  }

  @Test
  void rejectsAnEmptyVectorOp() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new VectorOpSpec("x", VectorKind.ADD, 0));
    assertEquals("layer 'x': elements: must be >= 1, was 0", e.getMessage());
  }

  @Test
  void aShapedOpKnowsItsRowsAndRejectsARowLengthThatDoesNotDivide() {
    VectorOpSpec ln = VectorOpSpec.rows("ln", VectorKind.LAYERNORM, 16, 64);
    assertEquals(1024, ln.elements());
    assertEquals(16, ln.rows());
    assertEquals(1024, ln.inputElements());
    assertEquals(4, ln.firstRows(4).rows());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new VectorOpSpec("ln", VectorKind.LAYERNORM, 100, 7, 100, 100, 0, 1, 1f, 0));
    assertEquals(
        "layer 'ln': row_length: must be >= 1 and divide elements (100), was 7", e.getMessage());
  }

  @Test
  void onlyASoftmaxIsScaledOrMaskedAndOnlyRopeReadsATable() {
    VectorOpSpec sm = VectorOpSpec.softmax("sm", 8, 16, 0.25f, 4);
    assertEquals(4, sm.causalQueries());
    assertEquals(4, sm.firstRows(5).rows(), "whole query blocks");
    assertEquals(64, VectorOpSpec.rope("r", 8, 16, 4, 2).tableElements());
    assertEquals(
        "layer 'g': scale: must be finite and > 0, and 1 except for softmax; was 0.5",
        assertThrows(
                IllegalArgumentException.class,
                () -> new VectorOpSpec("g", VectorKind.GELU, 8, 8, 8, 8, 0, 1, 0.5f, 0))
            .getMessage());
    assertEquals(
        "layer 's': causal queries: a softmax's must be in 1..16 (the keys) and divide its rows"
            + " (3), was 2",
        assertThrows(IllegalArgumentException.class, () -> VectorOpSpec.softmax("s", 3, 16, 1f, 2))
            .getMessage());
    assertEquals(
        "layer 'a': table: only rope reads one, was 4",
        assertThrows(
                IllegalArgumentException.class,
                () -> new VectorOpSpec("a", VectorKind.ADD, 8, 8, 8, 8, 4, 1, 1f, 0))
            .getMessage());
  }

  @Test
  void nonSquareConvFactoryKeepsEachAxisApart() {
    OpSpec c = OpSpec.conv("c", 1, 1, 4, 2, 10, 12, 3, 5, 1, 2, 1, 0, 2, 1);
    assertEquals(2, c.strideW());
    assertEquals(2, c.dilationH());
    assertEquals(OpSpec.outputSize(10, 3, 1, 2, 1), c.p());
    assertEquals(OpSpec.outputSize(12, 5, 2, 1, 0), c.q());
    assertEquals("d", c.named("d").name());
  }
}
