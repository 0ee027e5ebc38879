package io.arrayflow.cli;

import io.arrayflow.workloads.zoo.Model;
import io.arrayflow.workloads.zoo.Workload;
import picocli.CommandLine.Option;

/** {@code --workload} with the zoo's {@code --batch} and {@code --seq}. */
final class WorkloadOption {
  @Option(
      names = "--workload",
      required = true,
      description = "A built-in workload (arrayflow list workloads) or a YAML file.")
  String workload;

  @Option(names = "--batch", defaultValue = "1", description = "Batch size for built-in models.")
  int batch;

  @Option(
      names = "--seq",
      defaultValue = "" + Model.DEFAULT_SEQ,
      description = "Sequence length for transformer models (default ${DEFAULT-VALUE}).")
  int seq;

  /** The options that name this workload again ({@code --batch}/{@code --seq} if not default). */
  String options() {
    return "--workload "
        + workload
        + (batch == 1 ? "" : " --batch " + batch)
        + (seq == Model.DEFAULT_SEQ ? "" : " --seq " + seq);
  }

  /** The workload. */
  Workload get() {
    return Workloads.resolve(workload, batch, seq);
  }
}
