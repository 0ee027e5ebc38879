package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.run.LayerRunner;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.reports.results.ResultTables;
import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.zoo.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Layers run on several threads give the rows of a single-threaded run, byte for byte. */
class RunsTest {
  private static String csv(LayerRunner runner, String arch, Path workload, int threads) {
    Workload w = Workloads.resolve(workload.toString());
    Runs runs =
        new Runs(
            runner,
            w,
            w.layers(),
            List.of(Dataflow.WS, Dataflow.OS, Dataflow.IS),
            Fidelity.CYCLE,
            null,
            arch,
            new PrintWriter(new StringWriter()),
            threads);
    return ReportFormat.CSV.render(ResultTables.full(runs.rows()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"eyeriss", "systolic-32"})
  void fourThreadsGiveTheBytesOfOne(String arch, @TempDir Path dir) throws IOException {
    Path small = dir.resolve("small.yaml");
    Files.writeString(
        small,
        String.join(
            "\n",
            "name: small",
            "layers:",
            "  - {name: c1, type: conv, C: 3, H: 10, M: 8, R: 3, padding: 1}",
            "  - {name: c1.relu, type: relu, elements: 800}",
            "  - {name: c2, type: conv, C: 8, H: 10, M: 8, R: 3, stride: 2, groups: 2}",
            "  - {name: fc, type: fc, C: 128, M: 10}",
            "  - {name: qk, type: matmul, batch: 2, M: 6, K: 8, N: 6, weights: dynamic}",
            ""));
    ArchSpec spec = Archs.resolve(arch, List.of());
    LayerRunner runner = new LayerRunner(spec, EnergyTables.named(spec.energyTable()));
    String one = csv(runner, arch, small, 1);
    assertEquals(one, csv(runner, arch, small, 4));
    assertTrue(one.lines().count() > 10, one);
  }

  @Test
  void resultsComeInOrderWhateverFinishesFirst() {
    List<Callable<Integer>> work = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      work.add(
          () -> {
            Thread.sleep(8 - n);
            return n;
          });
    }
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), Runs.inOrder(work, 3));
  }

  @Test
  void theFirstFailureInOrderIsRethrownAsItWasThrown() {
    List<Callable<Integer>> work =
        List.of(
            () -> 1,
            () -> {
              Thread.sleep(20);
              throw new ArithmeticException("second");
            },
            () -> {
              throw new IllegalArgumentException("third");
            });
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> Runs.inOrder(work, 3));
    assertEquals("second", e.getMessage());
  }
}
