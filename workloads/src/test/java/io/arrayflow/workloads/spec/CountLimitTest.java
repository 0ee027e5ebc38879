package io.arrayflow.workloads.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sizes that cannot be counted exactly are refused when a spec is built, naming the quantity. */
class CountLimitTest {
  private static final long MAX = CountLimit.MAX;

  @Test
  void aProductAtTheLimitIsAcceptedAndOneAboveItIsNot() {
    assertNull(CountLimit.checkProduct("MACs", 1L << 26, 1L << 27));
    assertNull(CountLimit.checkProduct("MACs", MAX, 1));
    assertEquals(
        "MACs = 9.01e+15 is above the limit 2^53 = 9007199254740992",
        CountLimit.checkProduct("MACs", MAX + 1));
  }

  @Test
  void aProductThatOverflowsLongIsReportedWithItsApproximateValue() {
    // 2^31 · 2^31 · 2^31 wraps to 0 in 64 bits; the check must not be fooled by the wrap.
    long big = 1L << 31;
    assertEquals(
        "MACs = 9.90e+27 is above the limit 2^53 = 9007199254740992",
        CountLimit.checkProduct("MACs", big, big, big));
  }

  @Test
  void aMatmulWhoseMacsWrapToZeroIsRefused() {
    // The case: batch 2, M = K = N = 2^21 printed "macs 0".
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OpSpec.matmul("mm", 2, 2097152, 2097152, 2097152, true));
    assertEquals(
        "layer 'mm': MACs = 1.84e+19 is above the limit 2^53 = 9007199254740992", e.getMessage());
  }

  @Test
  void anFcWithTwoBillionOfEverythingNamesMacsAndInputs() {
    List<String> problems =
        OpSpec.problems(
            2_000_000_000, 1, 2_000_000_000, 2_000_000_000, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
    assertEquals(
        List.of(
            "MACs = 8.00e+27 is above the limit 2^53 = 9007199254740992",
            "input elements = 4.00e+18 is above the limit 2^53 = 9007199254740992"),
        problems);
  }

  @Test
  void paddingThatMakesTheOutputWiderThanAnIntIsRefused() {
    List<String> problems =
        OpSpec.problems(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, Integer.MAX_VALUE, 0);
    assertEquals(
        List.of(
            "output is too large: P = 4294967295, Q = 1; each must be <= 2147483647 (padding"
                + " makes the input larger)"),
        problems);
  }

  @Test
  void largeStrideAndDilationDoNotWrapTheOutputSize() {
    assertEquals(0, OpSpec.outputSize(5, Integer.MAX_VALUE, 1, Integer.MAX_VALUE, 0));
    assertEquals(1, OpSpec.outputSize(Integer.MAX_VALUE, 1, Integer.MAX_VALUE, 1, 0));
  }

  @Test
  void channelTotalsMustFitAnInt() {
    List<String> problems = OpSpec.problems(1, 65536, 65536, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
    assertEquals(
        List.of("output channels (G·M) = 4294967296 is above the limit 2147483647"), problems);
  }

  @Test
  void vectorOpsAboveTheLimitAreRefusedNamingTheKind() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new VectorOpSpec("g", VectorKind.GELU, MAX / 4));
    assertEquals(
        "layer 'g': ops (elements × 8 for gelu) = 1.80e+16 is above the limit 2^53 ="
            + " 9007199254740992",
        e.getMessage());
    assertTrue(VectorOpSpec.problems(VectorKind.GELU, MAX / 8).isEmpty());
  }
}
