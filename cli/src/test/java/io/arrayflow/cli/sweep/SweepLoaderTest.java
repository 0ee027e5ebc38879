package io.arrayflow.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.YamlFiles;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.reports.results.Objective;
import io.arrayflow.sim.result.Fidelity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepLoaderTest {
  private static SweepSpec load(String text) {
    return SweepLoader.load(YamlFiles.parse(text, "s.yaml"), "s.yaml", null, text);
  }

  @Test
  void readsEveryFieldWithItsDefaults() {
    SweepSpec s = load("name: s\narch: eyeriss\nworkloads: [alexnet]\n");
    assertEquals(Dataflow.all(false), s.dataflows());
    assertEquals(Fidelity.EVENT, s.fidelity());
    assertEquals(true, s.sampling().grid());
    assertEquals(Objective.ENERGY, s.objective());
    assertEquals(List.of(), s.axes());
  }

  @Test
  void reportsEveryProblemOfTheFileAtOnce() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    "name: s\narch: eyeriss\nworkloads: []\ndataflows: [ws, xs]\n"
                        + "axes: {glb.size_kib: [], pe_array.rows: [4, 4]}\n"
                        + "sample: {random: 0}\nwhere: [\"rows <\"]\nobjectiv: edp\n"));
    assertEquals(
        List.of(
            "s.yaml:3:12: workloads: must list at least one workload",
            "s.yaml:4:17: dataflows[1]: must be one of ws, os, is, rs, nlr, all, was text 'xs'",
            "s.yaml:5:22: axes.glb.size_kib: must list the values of the axis, was an empty list",
            "s.yaml:5:45: axes.pe_array.rows: lists the value 4 twice; each value once",
            "s.yaml:6:18: sample.random: must be >= 1, was 0",
            "s.yaml:7:9: where[0]: unexpected end at character 7 of 'rows <'",
            "s.yaml:8:11: objectiv: unknown key (did you mean 'objective'?); valid keys here: name,"
                + " arch, workloads, batch, seq, dataflows, fidelity, axes, sample, where, objective"),
        e.problems());
  }
}
