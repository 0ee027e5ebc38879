package io.arrayflow.cli.fuzz;

import io.arrayflow.cli.Catalog;
import io.arrayflow.cli.config.ArchLoader;
import io.arrayflow.cli.config.ArchWriter;
import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.cli.config.WorkloadLoader;
import io.arrayflow.cli.config.YamlFiles;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The YAML inputs the fuzzer mutates: for each, the files a mutation starts from and the command
 * that reads the mutated file. Adding an input kind is one constant, e.g. a sweep: {@code
 * SWEEP(builtIns("sweeps"), (dir, file, rnd) -> List.of("sweep", file.toString(), "--out",
 * dir.resolve("out").toString()))}.
 */
enum InputKind {
  /**
   * Architectures: every built-in as written and as {@code show arch} prints it (every field with
   * its value, so that a mutation can reach each one), run on verify-small at each fidelity and
   * shown.
   */
  ARCH(
      archs(),
      (dir, file, rnd) ->
          rnd.nextInt(8) == 0
              ? List.of("show", "arch", file.toString())
              : rnd.nextInt(8) == 0
                  ? List.of(
                      "verify",
                      "--arch",
                      file.toString(),
                      "--workload",
                      "verify-small",
                      "--layer",
                      pick(rnd, "conv", "strided", "fc", "matmul", "depthwise"),
                      "--dataflow",
                      pick(rnd, "ws", "os", "is"),
                      "--format",
                      "csv")
                  : List.of(
                      "run",
                      "--arch",
                      file.toString(),
                      "--workload",
                      "verify-small",
                      "--fidelity",
                      pick(rnd, "analytical", "event", "event"),
                      "--dataflow",
                      pick(rnd, "ws", "os", "is", "all"),
                      "--format",
                      "csv")),

  /** Workloads: verify-small and the README's tiny example, listed and run on both NoC kinds. */
  WORKLOAD(
      List.of(builtIn("workloads", "verify-small"), resource("workloads/tiny.yaml")),
      (dir, file, rnd) -> {
        if (rnd.nextInt(4) == 0) {
          return List.of("layers", "--workload", file.toString(), "--format", "csv");
        }
        // Event fidelity's time grows with the layer (it is not estimated up front): only small
        // workloads run at event, every one at analytical.
        String fidelity = smallWorkload(file) && rnd.nextBoolean() ? "event" : "analytical";
        return List.of(
            "run",
            "--arch",
            pick(rnd, "eyeriss", "systolic-32", "tpu-v1", "edge-int8"),
            "--workload",
            file.toString(),
            "--fidelity",
            fidelity,
            "--dataflow",
            pick(rnd, "ws", "os", "is", "all"),
            "--format",
            "csv");
      }),

  /** Explicit mappings of verify-small's conv onto eyeriss. */
  MAPPING(
      List.of(resource("fuzz/mapping-conv.yaml"), resource("fuzz/mapping-block.yaml")),
      (dir, file, rnd) ->
          List.of(
              "run",
              "--arch",
              "eyeriss",
              "--workload",
              "verify-small",
              "--layer",
              "conv",
              "--dataflow",
              "ws",
              "--mapping",
              file.toString(),
              "--fidelity",
              pick(rnd, "analytical", "event"),
              "--format",
              "csv")),

  /** Energy tables: every built-in, named by an architecture file beside it. */
  ENERGY_TABLE(
      energyTables(),
      (dir, file, rnd) -> {
        String arch = pick(rnd, "eyeriss", "systolic-32");
        String text =
            Catalog.builtInText("arch", arch)
                .replaceFirst("(?m)^energy_table:.*$", "energy_table: " + file.getFileName());
        Path archFile = dir.resolve("arch.yaml");
        write(archFile, text);
        return List.of(
            "run",
            "--arch",
            archFile.toString(),
            "--workload",
            "verify-small",
            "--layer",
            pick(rnd, "conv", "fc", "relu"),
            "--format",
            "csv");
      });

  /** One document a mutation starts from. */
  record Base(String name, String text) {}

  /** The command that reads a mutated file; it may write helper files into {@code dir}. */
  interface Command {
    List<String> args(Path dir, Path file, Random rnd);
  }

  private final List<Base> bases;
  private final Command command;

  InputKind(List<Base> bases, Command command) {
    this.bases = List.copyOf(bases);
    this.command = command;
  }

  List<Base> bases() {
    return bases;
  }

  List<String> args(Path dir, Path file, Random rnd) {
    return command.args(dir, file, rnd);
  }

  static List<Base> builtIns(String kind) {
    List<Base> out = new ArrayList<>();
    for (String name : Catalog.builtIns(kind)) {
      out.add(builtIn(kind, name));
    }
    return out;
  }

  private static List<Base> archs() {
    List<Base> out = new ArrayList<>(builtIns("arch"));
    out.add(builtIn("arch", "reference"));
    for (String name : Catalog.builtIns("arch")) {
      String label = "arch/" + name + " (resolved)";
      ArchSpec spec =
          ArchLoader.load(YamlFiles.parse(Catalog.builtInText("arch", name), label), label, null);
      out.add(new Base(label, ArchWriter.toYaml(spec)));
    }
    return out;
  }

  private static Base builtIn(String kind, String name) {
    return new Base(kind + "/" + name, Catalog.builtInText(kind, name));
  }

  private static Base resource(String path) {
    try {
      return new Base(path, Files.readString(Path.of("src/test/resources", path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Base> energyTables() {
    List<Base> out = new ArrayList<>();
    for (String name : EnergyTables.builtInNames()) {
      out.add(new Base("energy/" + name, EnergyTables.builtInYaml(name)));
    }
    return out;
  }

  private static String pick(Random rnd, String... options) {
    return options[rnd.nextInt(options.length)];
  }

  /** Whether {@code file} is a valid workload of at most 10^8 MACs. */
  private static boolean smallWorkload(Path file) {
    try {
      return WorkloadLoader.load(YamlFiles.read(file, "w"), "w").totalMacs() <= 100_000_000L;
    } catch (ConfigException e) {
      return false;
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
