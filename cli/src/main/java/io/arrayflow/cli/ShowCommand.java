package io.arrayflow.cli;

import io.arrayflow.cli.config.ArchWriter;
import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.energy.EnergyTables;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow show arch|workload|energy-table NAME}: the resolved config after defaults and
 * {@code --set} overrides (an arch), the layer table (a workload) or the table's YAML.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show the resolved config of an arch, a workload's layers, or an energy table.")
final class ShowCommand implements Callable<Integer> {
  private static final List<String> WHAT = List.of("arch", "workload", "energy-table");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WHAT", description = "arch, workload or energy-table")
  String what;

  @Parameters(index = "1", paramLabel = "NAME", description = "A built-in name or a YAML file.")
  String name;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override an arch field, e.g. --set glb.size_kib=256 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() {
    String text =
        switch (what) {
          case "arch" -> ArchWriter.toYaml(Archs.resolve(name, sets));
          case "workload" ->
              io.arrayflow.reports.table.ReportFormat.TABLE.render(
                  LayersCommand.table(Workloads.resolve(name)));
          case "energy-table" -> energyTable();
          default ->
              throw new ConfigException(
                  "show: unknown kind '" + what + "'; expected one of " + String.join(", ", WHAT));
        };
    spec.commandLine().getOut().print(text);
    return 0;
  }

  /** A built-in table's YAML, or a user table file's text once it has been checked. */
  private String energyTable() {
    if (EnergyTables.builtInNames().contains(name)) {
      return EnergyTables.builtInYaml(name);
    }
    java.nio.file.Path file = java.nio.file.Path.of(name);
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new ConfigException(
          "show energy-table: unknown table '"
              + name
              + "'"
              + io.arrayflow.cli.config.Suggest.didYouMean(name, EnergyTables.builtInNames())
              + ": not a built-in ("
              + String.join(", ", EnergyTables.builtInNames())
              + ") and no such file");
    }
    try {
      EnergyTables.load(file);
      return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (io.arrayflow.energy.EnergyTableException e) {
      throw new ConfigException(e.messages());
    } catch (java.io.IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage());
    }
  }
}
