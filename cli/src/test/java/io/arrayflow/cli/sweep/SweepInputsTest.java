package io.arrayflow.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.arrayflow.cli.SweepFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's inputs travel as text and rebuild the same task wherever they are read back. */
class SweepInputsTest {
  private static SweepInputs copy(SweepInputs in) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(in);
    }
    try (ObjectInputStream back =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (SweepInputs) back.readObject();
    }
  }

  private static List<PointResult> runAll(SweepInputs in) {
    PointTask task = in.task();
    List<PointResult> out = new ArrayList<>();
    for (Point p : Expansion.of(task.spec(), in.arch().root()).points()) {
      out.add(task.run(task.point(p.index())));
    }
    return out;
  }

  @Test
  void aSerializedCopyGivesTheRowsOfTheOriginalWithoutReadingAFile(@TempDir Path dir)
      throws Exception {
    Path work = Files.createDirectories(dir.resolve("sweeps"));
    Files.copy(Path.of("src/test/resources/sweeps/small.yaml"), work.resolve("small.yaml"));
    Files.createDirectories(dir.resolve("workloads"));
    Files.copy(
        Path.of("src/test/resources/workloads/tiny.yaml"), dir.resolve("workloads/tiny.yaml"));
    SweepInputs original = SweepFiles.read(work.resolve("small.yaml").toString());
    SweepInputs copy = copy(original);
    Files.delete(dir.resolve("workloads/tiny.yaml"));
    Files.delete(work.resolve("small.yaml"));
    assertEquals(runAll(original), runAll(copy));
  }

  @Test
  void anEnergyTableFileThatChangedIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("table.yaml"), io.arrayflow.energy.EnergyTables.builtInYaml("eyeriss-65nm"));
    Files.writeString(
        dir.resolve("arch.yaml"),
        Files.readString(Path.of("../configs/arch/eyeriss.yaml"))
            .replace("energy_table: eyeriss-65nm", "energy_table: table.yaml"));
    Files.writeString(
        dir.resolve("sweep.yaml"),
        "name: t\narch: arch.yaml\nworkloads: [alexnet]\naxes: {glb.size_kib: [64]}\n");
    SweepInputs in = SweepFiles.read(dir.resolve("sweep.yaml").toString());
    in.checkEnergyTables();
    Files.writeString(dir.resolve("table.yaml"), "# changed\n", StandardOpenOption.APPEND);
    IllegalStateException e = assertThrows(IllegalStateException.class, in::checkEnergyTables);
    assertEquals(
        "energy table "
            + dir.resolve("table.yaml")
            + " differs from the file the sweep started with on this machine; put the same file"
            + " at that path on every executor, or use a built-in table (docs/scale-out.md)",
        e.getMessage());
  }
}
