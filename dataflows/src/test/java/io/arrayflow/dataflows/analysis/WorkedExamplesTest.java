package io.arrayflow.dataflows.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Bandwidth;
import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/counting.md, number for number. */
class WorkedExamplesTest {
  private static final Role W = Role.WEIGHTS;
  private static final Role I = Role.INPUTS;
  private static final Role O = Role.OUTPUTS;

  // (a) 1-D convolution: W=7 inputs, S=3 taps, Q=5 outputs, on one PE with an RF and a GLB.
  private static final OpSpec CONV1D = OpSpec.conv("conv1d", 1, 1, 1, 1, 1, 7, 1, 3, 1, 0, 1);

  private static Hierarchy onePe(Bandwidth glbBandwidth) {
    return Hierarchy.of(
        List.of(StorageLevel.of("rf", Capacity.shared(16), false)),
        1,
        1,
        List.of(StorageLevel.of("glb", Capacity.unbounded(), false).withBandwidth(glbBandwidth)));
  }

  private static Mapping.Builder conv1dMapping() {
    return Mapping.builder()
        .level("glb")
        .temporal(Dim.Q, 5)
        .level("array")
        .level("rf")
        .temporal(Dim.S, 3);
  }

  @Test
  void conv1dOnOnePeCountsSlidingWindowAndPartialSums() {
    AccessCounts a =
        AccessAnalysis.count(CONV1D, onePe(Bandwidth.unbounded()), conv1dMapping().build());

    assertEquals(15, a.macs());
    assertEquals(List.of(15L, 3L, 0L), rfu(a, "rf", W));
    assertEquals(List.of(15L, 7L, 0L), rfu(a, "rf", I));
    assertEquals(List.of(10L, 0L, 15L), rfu(a, "rf", O));
    assertEquals(List.of(3L, 0L, 0L), rfu(a, "glb", W));
    assertEquals(List.of(7L, 0L, 0L), rfu(a, "glb", I));
    assertEquals(List.of(0L, 0L, 5L), rfu(a, "glb", O));
    assertEquals(List.of(3L, 7L, 0L), deliveries(a));
    assertEquals(List.of(0L, 0L, 0L), reductions(a));
    assertEquals(15, a.cycles());
    assertEquals("compute", a.boundBy());
  }

  @Test
  void conv1dWithInputsBypassingTheRfReadsEveryInputFromTheGlb() {
    Mapping m = conv1dMapping().keep(W, O).build();

    AccessCounts a = AccessAnalysis.count(CONV1D, onePe(Bandwidth.unbounded()), m);

    assertEquals(List.of(0L, 0L, 0L), rfu(a, "rf", I));
    assertEquals(List.of(15L, 0L, 0L), rfu(a, "glb", I));
    assertEquals(List.of(3L, 15L, 0L), deliveries(a));
    assertEquals(List.of(15L, 3L, 0L), rfu(a, "rf", W));
    assertEquals(List.of(10L, 0L, 15L), rfu(a, "rf", O));
  }

  @Test
  void conv1dBoundByAHalfWordPerCycleGlb() {
    AccessCounts a =
        AccessAnalysis.count(CONV1D, onePe(Bandwidth.shared(0.5)), conv1dMapping().build());

    // GLB moves 3 + 7 + 5 = 15 words at 0.5 words per cycle.
    assertEquals(15, a.computeCycles());
    assertEquals(30, a.cycles());
    assertEquals("glb", a.boundBy());
  }

  // (b) pointwise layer M=4, C=8, Q=4 on a 4x4 array: C on rows, M on cols.
  private static final OpSpec POINTWISE = OpSpec.conv("pw", 1, 1, 4, 8, 1, 4, 1, 1, 1, 0, 1);

  private static AccessCounts sixteenPes() {
    Hierarchy h =
        Hierarchy.of(
            List.of(StorageLevel.of("rf", Capacity.shared(4), false)),
            4,
            4,
            List.of(
                StorageLevel.of("glb", Capacity.unbounded(), false)
                    .withBandwidth(Bandwidth.shared(4))));
    Mapping m =
        Mapping.builder()
            .level("glb")
            .temporal(Dim.C, 2)
            .temporal(Dim.Q, 4)
            .order(Dim.C, Dim.Q)
            .level("array")
            .spatial(Axis.ROWS, Dim.C, 4)
            .spatial(Axis.COLS, Dim.M, 4)
            .build();
    return AccessAnalysis.count(POINTWISE, h, m);
  }

  @Test
  void sixteenPesMulticastInputsAlongRows() {
    AccessCounts a = sixteenPes();

    assertEquals(List.of(128L, 128L, 0L), rfu(a, "rf", I));
    assertEquals(List.of(32L, 0L, 0L), rfu(a, "glb", I));
    assertEquals(128, a.deliveries(I));
  }

  @Test
  void sixteenPesSendEachWeightToOnePe() {
    AccessCounts a = sixteenPes();

    assertEquals(List.of(128L, 32L, 0L), rfu(a, "rf", W));
    assertEquals(List.of(32L, 0L, 0L), rfu(a, "glb", W));
    assertEquals(32, a.deliveries(W));
  }

  @Test
  void sixteenPesReduceOutputsDownColumns() {
    AccessCounts a = sixteenPes();

    assertEquals(List.of(16L, 16L, 128L), rfu(a, "rf", O));
    assertEquals(List.of(16L, 0L, 32L), rfu(a, "glb", O));
    assertEquals(16, a.deliveries(O));
    assertEquals(96, a.spatialReductions(O));
  }

  @Test
  void sixteenPesAreBoundByAFourWordPerCycleGlb() {
    AccessCounts a = sixteenPes();

    assertEquals(128, a.macs());
    assertEquals(16, a.utilisedPes());
    assertEquals(8, a.computeCycles());
    // GLB moves 32 + 32 + 16 reads and 32 updates = 112 words at 4 words per cycle.
    assertEquals(28, a.cycles());
    assertEquals("glb", a.boundBy());
  }

  /** Reads, fills, updates of {@code role} at {@code level}. */
  static List<Long> rfu(AccessCounts a, String level, Role role) {
    return List.of(a.reads(level, role), a.fills(level, role), a.updates(level, role));
  }

  static List<Long> deliveries(AccessCounts a) {
    return List.of(a.deliveries(W), a.deliveries(I), a.deliveries(O));
  }

  static List<Long> reductions(AccessCounts a) {
    return List.of(a.spatialReductions(W), a.spatialReductions(I), a.spatialReductions(O));
  }
}
