package io.arrayflow.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.arrayflow.workloads.spec.CausalMask;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.zoo.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadLoaderTest {

  private static Workload load(String yaml) {
    return WorkloadLoader.load(YamlFiles.parse(yaml, "w.yaml"), "w.yaml");
  }

  private static List<String> problems(String yaml) {
    return assertThrows(ConfigException.class, () -> load(yaml)).problems();
  }

  @Test
  void anAttentionLayerStandsForItsScoresSoftmaxAndWeightedSum() {
    Workload w =
        load(
            "name: a\nlayers:\n  - {name: at, type: attention, batch: 2, heads: 4, kv_heads: 2,"
                + " queries: 8, head_dim: 16, causal: true, fuse: true}\n");
    assertEquals(
        List.of("at.qk", "at.softmax", "at.av"), w.layers().stream().map(l -> l.name()).toList());
    assertEquals(4, w.layer("at.qk").mac().g()); // batch × kv heads
    assertEquals(16, w.layer("at.qk").mac().p()); // 2 query heads × 8 queries
    assertEquals(new CausalMask(8, 8, Dim.C), w.layer("at.av").causal());
    assertEquals(8, w.layer("at.softmax").vector().causalQueries());
    assertEquals(0.25f, w.layer("at.softmax").vector().scale());
    assertEquals("at.qk", w.layer("at.softmax").fusedInto());
  }

  @Test
  void vectorLayersTakeARowLengthAFuseMarkAndRopeItsHeads() {
    Workload w =
        load(
            "name: v\nlayers:\n  - {name: fc, type: fc, N: 4, C: 8, M: 32}\n"
                + "  - {name: r, type: rope, elements: 128, row_length: 8, heads: 4, fuse: true}\n"
                + "  - {name: n, type: rmsnorm, elements: 128, row_length: 32}\n");
    assertEquals(VectorKind.ROPE, w.layer("r").vector().kind());
    assertEquals(32, w.layer("r").vector().tableElements()); // 4 positions × 8
    assertEquals("fc", w.layer("r").fusedInto());
    assertEquals(4, w.layer("n").vector().rows());
    assertNull(w.layer("n").fusedInto());
  }

  @Test
  void namesEveryProblemOfTheNewKeysAtItsPlace() {
    assertEquals(
        List.of(
            "w.yaml:3:57: layers[0].row_length: must be >= 1 and divide elements (100), was 7",
            "w.yaml:3:66: layers[0].fuse: needs a MAC layer right before it to fuse into; it is"
                + " the first layer",
            "w.yaml:4:52: layers[1].kv_heads: must divide heads (4), was 3",
            "w.yaml:4:73: layers[1].keys: causal attention needs keys >= queries (8), was 4"),
        problems(
            "name: p\nlayers:\n"
                + "  - {name: s, type: softmax, elements: 100, row_length: 7, fuse: true}\n"
                + "  - {name: a, type: attention, heads: 4, kv_heads: 3, queries: 8, keys: 4,"
                + " head_dim: 8, causal: true}\n"));
  }
}
