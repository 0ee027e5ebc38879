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
            + " pool_max, pool_avg, add",
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
  void nonSquareConvFactoryKeepsEachAxisApart() {
    OpSpec c = OpSpec.conv("c", 1, 1, 4, 2, 10, 12, 3, 5, 1, 2, 1, 0, 2, 1);
    assertEquals(2, c.strideW());
    assertEquals(2, c.dilationH());
    assertEquals(OpSpec.outputSize(10, 3, 1, 2, 1), c.p());
    assertEquals(OpSpec.outputSize(12, 5, 2, 1, 0), c.q());
    assertEquals("d", c.named("d").name());
  }
}
