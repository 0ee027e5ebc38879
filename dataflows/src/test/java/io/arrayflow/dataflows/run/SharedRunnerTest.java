package io.arrayflow.dataflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.zoo.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One runner shared by the threads that run a workload's layers (cli's Runs) gives one answer. */
class SharedRunnerTest {

  @Test
  void identicalLayersRunFromManyThreadsGiveTheSingleThreadedResult() throws Exception {
    ArchSpec arch = TestArchs.eyeriss();
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      // Three shapes, each eight times under different names, as a network's repeated blocks.
      layers.add(Layer.of(OpSpec.conv("l" + i, 1, 1, 8 + 4 * (i % 3), 8, 10, 10, 3, 3, 1, 1, 1)));
    }
    LayerRunner alone = new LayerRunner(arch, EnergyTables.named(arch.energyTable()));
    List<String> expected = new ArrayList<>();
    for (Layer l : layers) {
      expected.add(alone.run("w", l, Dataflow.WS, Fidelity.EVENT, null).result().toString());
    }

    LayerRunner shared = new LayerRunner(arch, EnergyTables.named(arch.energyTable()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> got = new ArrayList<>();
      for (Layer l : layers) {
        got.add(
            pool.submit(
                () -> shared.run("w", l, Dataflow.WS, Fidelity.EVENT, null).result().toString()));
      }
      for (int i = 0; i < layers.size(); i++) {
        assertEquals(expected.get(i), got.get(i).get(), layers.get(i).name());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLayerRunAgainIsSimulatedAgainWithTheSameResult() {
    ArchSpec arch = TestArchs.eyeriss();
    LayerRunner runner = new LayerRunner(arch, EnergyTables.named(arch.energyTable()));
    Layer l = Layer.of(OpSpec.conv("c", 1, 1, 8, 8, 10, 10, 3, 3, 1, 1, 1));
    LayerRun first = runner.run("w", l, Dataflow.WS, Fidelity.CYCLE, null);
    LayerRun again = runner.runAgain("w", l, Dataflow.WS, Fidelity.CYCLE);
    assertEquals(first.result(), again.result());
    assertNotSame(first.result(), again.result(), "simulated again, not remembered");
  }
}
