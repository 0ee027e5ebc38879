package io.arrayflow.workloads.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadBuilderTest {

  @Test
  void buildsAValidListIntoAWorkloadInOrder() {
    WorkloadBuilder.Result r =
        WorkloadBuilder.build(
            "mine",
            List.of(
                new UserLayer.Conv("dw", 1, 32, 56, 56, 32, 3, 3, 2, 2, 1, 1, 1, 1, 32),
                new UserLayer.Vector("act", "relu", 32L * 28 * 28),
                new UserLayer.Fc("fc", 4, 512, 10),
                new UserLayer.Matmul("qk", 12, 128, 64, 128, false)));
    assertTrue(r.ok(), r.problems()::toString);
    OpSpec dw = r.workload().layer("dw").mac();
    assertEquals(32, dw.g());
    assertEquals(1, dw.m());
    assertEquals(1, dw.c());
    assertEquals(28, dw.p());
    assertEquals(VectorKind.RELU, r.workload().layer("act").vector().kind());
    assertEquals(
        4L * 512 * 10 + 12L * 128 * 64 * 128 + 32L * 9 * 28 * 28, r.workload().totalMacs());
  }

  @Test
  void collectsEveryProblemWithFieldValueAndWhatIsAllowed() {
    WorkloadBuilder.Result r =
        WorkloadBuilder.build(
            "bad",
            List.of(
                new UserLayer.Conv("c", 1, 64, 8, 8, 64, 3, 3, 1, 1, 1, 1, 1, 1, 3),
                new UserLayer.Fc("f", 0, 10, 10),
                new UserLayer.Vector("v", "sigmoid", 0),
                new UserLayer.Fc("f", 1, 10, 10)));
    assertNull(r.workload());
    assertEquals(
        List.of(
            "layers[0].groups: must divide in_channels (64), was 3",
            "layers[0].groups: must divide out_channels (64), was 3",
            "layers[1].batch: must be >= 1, was 0",
            "layers[2].kind: must be one of softmax, layernorm, relu, relu6, gelu, pool_max,"
                + " pool_avg, add, was 'sigmoid'",
            "layers[2].elements: must be >= 1, was 0",
            "layers[3].name: must be unique, was 'f' again"),
        r.problems());
  }

  @Test
  void reportsAKernelLargerThanThePaddedInput() {
    assertEquals(
        List.of("kernel_h: dilated kernel must fit height + 2*pad_h (4), was 3 with dilation_h 2"),
        new UserLayer.Conv("c", 1, 1, 4, 8, 1, 3, 1, 1, 1, 0, 0, 2, 1, 1).problems());
  }

  @Test
  void anEmptyListIsAProblemNotAnException() {
    assertEquals(
        List.of("layers: must hold at least one layer, was empty"),
        WorkloadBuilder.build("empty", List.of()).problems());
  }

  @Test
  void toLayerOnAnInvalidLayerThrowsListingItsProblems() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new UserLayer.Fc("f", 1, 0, 10).toLayer());
    assertEquals("invalid layer 'f': in_features: must be >= 1, was 0", e.getMessage());
  }

  @Test
  void squareConvFactoryMatchesTheSpecConv() {
    OpSpec spec = UserLayer.Conv.of("c", 1, 3, 224, 224, 64, 7, 2, 3).toLayer().mac();
    assertEquals(OpSpec.conv("c", 1, 1, 64, 3, 224, 224, 7, 7, 2, 3, 1), spec);
  }
}
