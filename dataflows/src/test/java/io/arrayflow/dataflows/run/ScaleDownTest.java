package io.arrayflow.dataflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.spec.OpSpec;
import org.junit.jupiter.api.Test;

class ScaleDownTest {
  @Test
  void keepsALayerThatFits() {
    OpSpec small = OpSpec.conv("c", 1, 1, 4, 3, 8, 8, 3, 3, 1, 1, 1);
    assertSame(small, ScaleDown.of(small, small.macs()));
  }

  @Test
  void halvesTheLargestDimsUntilTheBudgetKeepingWindowStrideAndPadding() {
    // AlexNet conv1: 105,415,200 MACs.
    OpSpec conv1 = OpSpec.conv("conv1", 1, 1, 96, 3, 227, 227, 11, 11, 4, 0, 1);
    OpSpec s = ScaleDown.of(conv1, 1_000_000);
    assertTrue(s.macs() <= 1_000_000, () -> s + " has " + s.macs() + " MACs");
    assertTrue(s.macs() > 250_000, () -> "halved too far: " + s.macs());
    assertEquals("conv1@scaled", s.name());
    assertEquals(11, s.r());
    assertEquals(11, s.s());
    assertEquals(4, s.strideH());
    assertEquals(0, s.padH());
    assertEquals(3, s.c());
  }

  @Test
  void scalesDepthwiseByGroupsKeepingItDepthwise() {
    OpSpec dw = OpSpec.conv("dw", 1, 256, 1, 1, 56, 56, 3, 3, 1, 1, 1);
    OpSpec s = ScaleDown.of(dw, 20_000);
    assertTrue(s.macs() <= 20_000);
    assertEquals(1, s.m());
    assertEquals(1, s.c());
  }
}
