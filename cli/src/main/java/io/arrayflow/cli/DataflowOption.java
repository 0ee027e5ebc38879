package io.arrayflow.cli;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.sim.spec.ArchSpec;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --dataflow} (also spelt {@code --dataflows}) of every command that runs dataflows: one
 * key, a comma list, or {@code all}; duplicates are dropped, the first mention fixes the order.
 */
final class DataflowOption {
  @Option(
      names = {"--dataflow", "--dataflows"},
      paramLabel = "DATAFLOWS",
      defaultValue = "all",
      description = "A dataflow, a comma list (ws,os) or all (default ${DEFAULT-VALUE}).")
  String value;

  /** The dataflows asked for on {@code arch}, each once. */
  List<Dataflow> get(ArchSpec arch) {
    return Target.dataflows("--dataflow", value, arch);
  }
}
