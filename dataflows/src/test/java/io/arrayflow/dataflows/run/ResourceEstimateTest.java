package io.arrayflow.dataflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.workloads.spec.OpSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceEstimateTest {
  /** verify-small's conv: C=8, M=16, 14×14, 3×3, padding 1. */
  private static final OpSpec CONV = OpSpec.conv("conv", 1, 1, 16, 8, 14, 14, 3, 3, 1, 1, 1);

  private static ArchSpec systolic(int rows, int cols) {
    return ArchSpec.builder("s", 500, "eyeriss-65nm", new PeArraySpec(rows, cols))
        .noc(NocSpec.builder().kind(NocKind.SYSTOLIC).build())
        .build();
  }

  @Test
  void cycleHeapOfAHugeSystolicArrayIsItsPerPeRegisters() {
    // The case: verify on a 20000×20000 array died with an OutOfMemoryError.
    long bytes =
        ResourceEstimate.heapBytes(systolic(20_000, 20_000), CONV, Dataflow.WS, Fidelity.CYCLE);
    assertEquals(4e8 * 28, bytes, 1e8, "seven int registers per PE dominate");
    assertEquals("10.4 GiB", ResourceEstimate.describeBytes(bytes));
  }

  @Test
  void multicastCycleHeapCountsEveryRegisterFileWordOfEveryPe() {
    ArchSpec eyeriss = TestArchs.eyeriss();
    long bytes = ResourceEstimate.heapBytes(eyeriss, CONV, Dataflow.OS, Fidelity.CYCLE);
    long perPe = 160 + 8 * (224 + 12 + 24);
    assertTrue(bytes >= 168 * perPe && bytes < 168 * perPe + 200_000, "" + bytes);
  }

  @Test
  void analyticalNeedsNoHeapAndEventOnlyTheFoldSchedule() {
    ArchSpec tiny = systolic(1, 1);
    assertEquals(0, ResourceEstimate.heapBytes(tiny, CONV, Dataflow.WS, Fidelity.ANALYTICAL));
    // WS folds: K = 8·9 = 72 rows × M = 16 columns on a 1×1 array, 56 bytes each.
    assertEquals(72 * 16 * 56, ResourceEstimate.heapBytes(tiny, CONV, Dataflow.WS, Fidelity.EVENT));
    assertEquals(
        0, ResourceEstimate.heapBytes(TestArchs.eyeriss(), CONV, Dataflow.WS, Fidelity.EVENT));
  }

  @Test
  void foldsBeyondAnIntAreALimitAtEveryFidelity() {
    OpSpec fc = OpSpec.fc("fc", 1, 1 << 16, 1 << 16);
    assertEquals(
        List.of(
            "layer fc (ws, analytical): 4.29e+09 folds on the 1×1 array, more than the 2147483647"
                + " the fold schedule can number; use a larger array or a smaller layer"),
        ResourceEstimate.limitProblems(systolic(1, 1), fc, Dataflow.WS, Fidelity.ANALYTICAL));
    assertEquals(
        List.of(),
        ResourceEstimate.limitProblems(systolic(256, 256), fc, Dataflow.WS, Fidelity.ANALYTICAL));
  }

  @Test
  void aGemmDimensionBeyondAnIntIsALimitOfTheFoldModel() {
    OpSpec wide = OpSpec.conv("wide", 1 << 16, 1, 1, 1, 256, 256, 1, 1, 1, 0, 1);
    assertEquals(
        List.of(
            "layer wide (os, event): the GEMM dimension EF = 4294967296 is too large for the"
                + " systolic fold model, which needs it + the array side - 1 <= 2147483647"),
        ResourceEstimate.limitProblems(systolic(32, 32), wide, Dataflow.OS, Fidelity.EVENT));
    assertEquals(
        List.of(),
        ResourceEstimate.limitProblems(TestArchs.eyeriss(), wide, Dataflow.OS, Fidelity.EVENT));
  }

  @Test
  void cycleFidelityNeedsEveryTensorInOneJavaArray() {
    OpSpec fc = OpSpec.fc("fc", 1 << 16, 1 << 16, 4);
    assertEquals(
        List.of(
            "layer fc (ws, cycle): inputs = 4.29e+09 values, more than the 2147483639 one Java"
                + " array holds; cycle fidelity needs every value (use --fidelity event, or"
                + " verify with --scale-down)"),
        ResourceEstimate.limitProblems(TestArchs.eyeriss(), fc, Dataflow.WS, Fidelity.CYCLE));
    assertEquals(
        List.of(),
        ResourceEstimate.limitProblems(TestArchs.eyeriss(), fc, Dataflow.WS, Fidelity.EVENT));
  }
}
