package io.arrayflow.dataflows.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingCheckTest {
  // C=64, M=128, P=Q=28, R=S=3 as in DESIGN.md's mapping example.
  private static final OpSpec CONV = OpSpec.conv("conv", 1, 1, 128, 64, 30, 30, 3, 3, 1, 0, 1);

  /** Eyeriss-like nested scratch pads (ifmap pad sized for the example: 24 words), 12 x 14 PEs. */
  private static Hierarchy eyeriss(long glbWords, boolean glbDoubleBuffered) {
    return Hierarchy.of(
        List.of(
            new StorageLevel(
                "rf.outputs",
                EnumSet.of(Role.OUTPUTS),
                Capacity.shared(24),
                false,
                Bandwidth.unbounded()),
            new StorageLevel(
                "rf.weights",
                EnumSet.of(Role.WEIGHTS),
                Capacity.shared(224),
                false,
                Bandwidth.unbounded()),
            new StorageLevel(
                "rf.inputs",
                EnumSet.of(Role.INPUTS),
                Capacity.shared(24),
                false,
                Bandwidth.unbounded())),
        12,
        14,
        List.of(
            StorageLevel.of("glb", Capacity.shared(glbWords), glbDoubleBuffered),
            StorageLevel.of("dram", Capacity.unbounded(), false)));
  }

  /** DESIGN.md's example mapping, with the array at 4 x 3 rows and 14 cols. */
  private static Mapping.Builder designExample() {
    return Mapping.builder()
        .level("dram")
        .temporal(Dim.M, 2)
        .temporal(Dim.C, 2)
        .temporal(Dim.Q, 2)
        .order(Dim.Q, Dim.C, Dim.M)
        .level("glb")
        .temporal(Dim.M, 2)
        .temporal(Dim.C, 4)
        .temporal(Dim.P, 28)
        .order(Dim.M, Dim.C, Dim.P)
        .keep(Role.INPUTS, Role.OUTPUTS)
        .level("array")
        .spatial(Axis.COLS, Dim.Q, 14)
        .spatial(Axis.ROWS, Dim.M, 4)
        .spatial(Axis.ROWS, Dim.S, 3)
        .level("rf.inputs")
        .level("rf.weights")
        .temporal(Dim.R, 3)
        .temporal(Dim.C, 8)
        .order(Dim.R, Dim.C)
        .level("rf.outputs")
        .temporal(Dim.M, 8);
  }

  private static List<String> reasons(Hierarchy h, Mapping m) {
    return MappingCheck.check(CONV, h, m).reasons();
  }

  private static Mapping.Builder allAtDram() {
    return Mapping.builder()
        .level("dram")
        .temporal(Dim.M, 128)
        .temporal(Dim.C, 64)
        .temporal(Dim.P, 28)
        .temporal(Dim.Q, 28)
        .temporal(Dim.R, 3)
        .temporal(Dim.S, 3);
  }

  @Test
  void acceptsTheDesignExampleOnEyeriss() {
    MappingResult r = MappingCheck.check(CONV, eyeriss(1 << 20, false), designExample().build());

    assertTrue(r.isFeasible(), r::toString);
  }

  @Test
  void reportsADimensionWhoseFactorsFallShort() {
    Mapping m = designExample().level("rf.outputs").temporal(Dim.M, 2).build();
    Mapping single = allAtDram().temporal(Dim.C, 32).build();

    assertEquals(
        List.of("level rf.outputs: written twice", "dim M: factors multiply to 256, layer has 128"),
        reasons(eyeriss(1 << 20, false), m));
    assertEquals(
        List.of("dim C: factors multiply to 32, layer has 64"),
        reasons(eyeriss(1 << 20, false), single));
  }

  @Test
  void reportsSpatialFactorsExceedingTheArray() {
    Mapping m =
        allAtDram()
            .temporal(Dim.M, 8)
            .temporal(Dim.Q, 1)
            .level("array")
            .spatial(Axis.ROWS, Dim.M, 16)
            .spatial(Axis.COLS, Dim.Q, 28)
            .build();

    assertEquals(
        List.of(
            "array rows: spatial factors multiply to 16, the array has 12 rows",
            "array cols: spatial factors multiply to 28, the array has 14 cols"),
        reasons(eyeriss(1 << 20, false), m));
  }

  @Test
  void reportsTilesOverflowingPerOperandScratchPads() {
    // rf.outputs holds M32 (24 words); rf.weights R3 x S3 x C8 x M32 = 2304 (224 words);
    // rf.inputs C8 x rows 3 x cols 3 = 72 (24 words).
    Mapping m =
        Mapping.builder()
            .level("dram")
            .temporal(Dim.C, 8)
            .temporal(Dim.P, 28)
            .temporal(Dim.Q, 28)
            .level("glb")
            .temporal(Dim.M, 4)
            .level("rf.weights")
            .temporal(Dim.R, 3)
            .temporal(Dim.S, 3)
            .temporal(Dim.C, 8)
            .level("rf.outputs")
            .temporal(Dim.M, 32)
            .build();

    assertEquals(
        List.of(
            "level rf.outputs: tiles need 32 words (outputs 32), usable capacity is 24",
            "level rf.weights: tiles need 2304 words (weights 2304), usable capacity is 224",
            "level rf.inputs: tiles need 72 words (inputs 72), usable capacity is 24"),
        reasons(eyeriss(1 << 20, false), m));
  }

  @Test
  void halvesTheUsableCapacityOfADoubleBufferedLevel() {
    // GLB tiles: inputs C32 x rows (28-1)+(3-1)+1 x cols (14-1)+(3-1)+1 = 32 x 30 x 16 = 15360,
    // outputs M64 x P28 x Q14 = 25088; weights bypass the GLB.
    Mapping m = designExample().build();

    assertTrue(MappingCheck.check(CONV, eyeriss(40448, false), m).isFeasible());
    assertEquals(
        List.of(
            "level glb: tiles need 40448 words (inputs 15360 + outputs 25088), usable capacity is"
                + " 20224 (double-buffered: half of 40448 words)"),
        reasons(eyeriss(40448, true), m));
  }

  @Test
  void reportsUnknownLevelsListingTheKnownOnes() {
    Mapping m = designExample().level("rf.psums").build();

    assertEquals(
        List.of(
            "unknown level 'rf.psums'; levels are dram, glb, array, rf.inputs, rf.weights,"
                + " rf.outputs"),
        reasons(eyeriss(1 << 20, false), m));
  }

  @Test
  void reportsAnOperandKeptNowhereAtTheOutermostLevel() {
    Mapping m = allAtDram().keep(Role.WEIGHTS, Role.INPUTS).build();

    assertEquals(
        List.of(
            "level dram (outermost) must keep outputs, or the operand is kept nowhere it can come"
                + " from"),
        reasons(eyeriss(1 << 20, false), m));
  }

  @Test
  void reportsAKeepListNamingAnOperandTheLevelCannotHold() {
    Mapping m = allAtDram().level("rf.weights").keep(Role.WEIGHTS, Role.INPUTS).build();

    assertEquals(
        List.of("level rf.weights: cannot keep inputs; it holds only [weights]"),
        reasons(eyeriss(1 << 20, false), m));
  }

  @Test
  void reportsLevelsWrittenOutOfNestingOrder() {
    Mapping m = Mapping.builder().level("rf.weights").build();
    Mapping swapped = allAtDram().level("rf.outputs").level("rf.inputs").build();

    assertEquals(List.of(), reasons(eyeriss(1 << 20, false), allAtDram().build()));
    assertTrue(
        reasons(eyeriss(1 << 20, false), m)
            .contains("dim M: factors multiply to 1, layer has 128"));
    assertEquals(
        List.of(
            "level rf.inputs: written inside rf.outputs, but the hierarchy nests it outside"
                + " (outermost first: dram, glb, array, rf.inputs, rf.weights, rf.outputs)"),
        reasons(eyeriss(1 << 20, false), swapped));
  }

  @Test
  void reportsBadFactorsAndOrders() {
    Mapping m =
        allAtDram().temporal(Dim.N, 0).order(Dim.M, Dim.C, Dim.M, Dim.P, Dim.Q, Dim.R).build();

    assertEquals(
        List.of(
            "level dram: factor of N must be >= 1, was 0",
            "level dram: order [M, C, M, P, Q, R] names M twice",
            "level dram: order [M, C, M, P, Q, R] omits S, which has factor 3"),
        reasons(eyeriss(1 << 20, false), m));
  }

  @Test
  void rejectsTemporalFactorsOnTheArray() {
    Mapping m = allAtDram().level("array").temporal(Dim.M, 1).keep(Role.WEIGHTS).build();

    assertEquals(
        List.of(
            "level array: takes spatial factors only (rows, cols), not temporal factors or keep"),
        reasons(eyeriss(1 << 20, false), m));
  }
}
