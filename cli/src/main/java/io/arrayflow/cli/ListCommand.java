package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.energy.EnergyTables;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arrayflow list archs|workloads|dataflows|energy-tables|sweeps}: the built-in names, one
 * per line.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List built-in archs, workloads, dataflows, energy-tables or sweeps.")
final class ListCommand implements Callable<Integer> {
  private static final List<String> WHAT =
      List.of("archs", "workloads", "dataflows", "energy-tables", "sweeps");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "WHAT",
      description = "archs, workloads, dataflows, energy-tables or sweeps")
  String what;

  @Override
  public Integer call() {
    List<String> names =
        switch (what) {
          case "archs" -> Archs.names();
          case "workloads" -> Workloads.names();
          case "dataflows" -> dataflowKeys();
          case "energy-tables" -> EnergyTables.builtInNames();
          case "sweeps" -> Catalog.builtIns("sweeps");
          default ->
              throw new ConfigException(
                  "list: unknown kind '" + what + "'; expected one of " + String.join(", ", WHAT));
        };
    PrintWriter out = spec.commandLine().getOut();
    for (String n : names) {
      out.println(n);
    }
    return 0;
  }

  private static List<String> dataflowKeys() {
    List<String> keys = new java.util.ArrayList<>();
    for (io.arrayflow.dataflows.Dataflow d : io.arrayflow.dataflows.Dataflow.values()) {
      keys.add(d.key());
    }
    return keys;
  }
}
