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

  @Option(names = "--batch", description = "Batch size of a built-in model (default 1).")
  Integer batch;

  @Option(
      names = "--seq",
      description =
          "Sequence length of bert-base and the gpt2 models (default " + Model.DEFAULT_SEQ + ").")
  Integer seq;

  /** The options that name this workload again ({@code --batch}/{@code --seq} if not default). */
  String options() {
    return "--workload "
        + workload
        + (batch == null ? "" : " --batch " + batch)
        + (seq == null ? "" : " --seq " + seq);
  }

  /** The workload. */
  Workload get() {
    return Workloads.resolve(workload, batch, seq);
  }
}
