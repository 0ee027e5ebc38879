package io.arrayflow.sim.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values outside any meaningful range, which the simulator used to turn into a wrong number with
 * exit 0 (Infinity, a wrapped cycle count, a silently clamped bandwidth, an int overflow).
 */
class SpecRangeTest {

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        bad(
            "clock_mhz: must be in 0.001..1000000 (1 kHz to 1 THz), was Infinity",
            () -> arch(Double.POSITIVE_INFINITY)),
        bad(
            "clock_mhz: must be in 0.001..1000000 (1 kHz to 1 THz), was 0.000000001",
            () -> arch(1e-9)),
        bad("clock_mhz: must be > 0, was NaN", () -> arch(Double.NaN)),
        bad(
            "latency_cycles: must be <= 1000000000 (a second at 1 GHz), was 9223372036854775807",
            () -> DramSpec.builder(DramModel.SIMPLE).latencyCycles(Long.MAX_VALUE).build()),
        bad(
            "bandwidth_bytes_per_cycle: must be in 0.000001..1000000 (the simple model keeps it to"
                + " a millionth of a byte per cycle), was 0.000000001",
            () -> DramSpec.builder(DramModel.SIMPLE).bandwidthBytesPerCycle(1e-9).build()),
        bad(
            "bandwidth_bytes_per_cycle: must be in 0.000001..1000000 (the simple model keeps it to"
                + " a millionth of a byte per cycle), was 10000000",
            () -> DramSpec.builder(DramModel.SIMPLE).bandwidthBytesPerCycle(1e7).build()),
        bad(
            "clock_mhz: must be in 0.001..1000000 (1 kHz to 1 THz), was Infinity",
            () -> DramSpec.builder(DramModel.HBM2).clockMhz(Double.POSITIVE_INFINITY).build()),
        bad(
            "banks: channels × banks must be <= 1048576 (channels is 2147483647), was 16",
            () -> DramSpec.builder(DramModel.HBM2).channels(Integer.MAX_VALUE).build()),
        bad(
            "burst_length: bus_bits / 8 × burst_length (the burst size) must be <= 2147483647"
                + " bytes, was 2147483646",
            () -> DramSpec.builder(DramModel.HBM2).burstLength(Integer.MAX_VALUE - 1).build()),
        bad(
            "tRCD: must be < tREFI (3900) when refresh is on, was 2147483647",
            () -> DramSpec.builder(DramModel.HBM2).tRCD(Integer.MAX_VALUE).build()),
        bad(
            "cols: rows × cols must be <= 2147483647 PEs (rows is 100000), was 100000",
            () -> new PeArraySpec(100_000, 100_000)));
  }

  private static Arguments bad(String message, Executable build) {
    return Arguments.of(message, build);
  }

  private static ArchSpec arch(double clockMhz) {
    return ArchSpec.builder("a", clockMhz, "eyeriss-65nm", new PeArraySpec(12, 14)).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void rejectsAValueOutsideItsRange(String message, Executable build) {
    InvalidSpecException e = assertThrows(InvalidSpecException.class, build);
    assertEquals(message, e.violations().get(0).message());
  }

  @Test
  void acceptsTheEdgesOfEachRange() {
    arch(0.001);
    arch(1e6);
    DramSpec.builder(DramModel.SIMPLE).latencyCycles(1_000_000_000L).build();
    DramSpec.builder(DramModel.SIMPLE).bandwidthBytesPerCycle(1e-6).build();
    new PeArraySpec(46_340, 46_340);
  }
}
