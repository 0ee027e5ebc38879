package io.arrayflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.cli.SweepFiles;
import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.sweep.Expansion;
import io.arrayflow.cli.sweep.LocalEngine;
import io.arrayflow.cli.sweep.Point;
import io.arrayflow.cli.sweep.PointResult;
import io.arrayflow.cli.sweep.PointTask;
import io.arrayflow.cli.sweep.SweepEngine;
import io.arrayflow.cli.sweep.SweepInputs;
import io.arrayflow.energy.EnergyTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine on its own: each point once, whatever Spark retries; inputs checked. */
class SparkEngineTest {
  /**
   * Every result {@code engine} hands over, in the order it did, for the first {@code n} points.
   */
  private static List<PointResult> run(SweepEngine engine, SweepInputs in, int n)
      throws InterruptedException {
    PointTask task = in.task();
    List<Point> points = Expansion.of(task.spec(), in.arch().root()).points().subList(0, n);
    List<PointResult> out = new ArrayList<>();
    engine.run(points, task, out::add);
    return out;
  }

  private static Map<Long, PointResult> byPoint(List<PointResult> results) {
    Map<Long, PointResult> out = new TreeMap<>();
    results.forEach(r -> out.put(r.point(), r));
    return out;
  }

  @Test
  void aTaskThatSparkRetriesStillGivesEachPointOnce() throws Exception {
    SweepInputs in = SweepFiles.read(Sweeps.HUNDRED);
    long[] flaky = {0, 13, 27};
    // local[2, 3]: two cores, a task may fail three times. Its first attempts of the tasks holding
    // points 0, 13 and 27 fail after running their points.
    List<PointResult> spark = run(new SparkEngine("local[2,3]", flaky), in, 30);
    List<PointResult> local = run(new LocalEngine(2), in, 30);
    assertEquals(30, spark.size(), "each point handed over once");
    assertEquals(byPoint(local), byPoint(spark));
  }

  @Test
  void withoutRetriesTheSameFailureEndsTheJob() {
    SweepInputs in = SweepFiles.read(Sweeps.HUNDRED);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> run(new SparkEngine("local[2]", new long[] {3}), in, 6));
    assertEquals("the Spark job of the sweep failed", e.getMessage());
    assertTrue(
        String.valueOf(e.getCause().getMessage())
            .contains("a test asked this first attempt to fail"),
        e.getCause().getMessage());
  }

  @Test
  void tasksPerCoreMustBeAWholeNumberOfAtLeastOne() {
    assertEquals(8, SparkEngine.tasksPerCore(" 8"));
    for (String bad : List.of("0", "-3", "lots")) {
      ConfigException e = assertThrows(ConfigException.class, () -> SparkEngine.tasksPerCore(bad));
      assertEquals(
          List.of(
              "spark.arrayflow.tasksPerCore: must be a whole number >= 1 (tasks per core), was "
                  + bad),
          e.problems());
    }
  }

  @Test
  void anExecutorWhoseEnergyTableFileDiffersIsBadInputNamingTheFile(@TempDir Path dir)
      throws Exception {
    Path table = dir.resolve("table.yaml");
    Files.writeString(table, EnergyTables.builtInYaml("eyeriss-65nm"));
    Files.writeString(
        dir.resolve("arch.yaml"),
        Files.readString(Path.of("../configs/arch/eyeriss.yaml"))
            .replace("energy_table: eyeriss-65nm", "energy_table: table.yaml"));
    Files.writeString(
        dir.resolve("sweep.yaml"),
        "name: t\narch: arch.yaml\nworkloads: ["
            + Path.of("src/test/resources/workloads/tiny.yaml").toAbsolutePath()
            + "]\nfidelity: analytical\naxes: {glb.size_kib: [64, 108]}\n");
    SweepInputs in = SweepFiles.read(dir.resolve("sweep.yaml").toString());
    Files.writeString(table, "# edited while the sweep ran\n", StandardOpenOption.APPEND);
    ConfigException e =
        assertThrows(ConfigException.class, () -> run(new SparkEngine("local[1]"), in, 2));
    assertEquals(
        List.of(
            "--engine spark: energy table "
                + table
                + " differs from the file the sweep started with on this machine; put the same"
                + " file at that path on every executor, or use a built-in table"
                + " (docs/scale-out.md)"),
        e.problems());
  }
}
