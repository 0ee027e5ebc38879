package io.arrayflow.cli;

import io.arrayflow.workloads.zoo.Model;
import io.arrayflow.workloads.zoo.Workload;
import picocli.CommandLine.Option;

/**
 * {@code --workload} with the zoo's {@code --batch}, {@code --seq} and {@code --decode}, and {@code
 * --fuse} for any workload.
 */
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

  @Option(
      names = "--decode",
      paramLabel = "N",
      description =
          "Decode steps of gpt2, gpt2-decode and the llamas after the prompt (default "
              + Model.DEFAULT_DECODE
              + "); the KV cache grows by one position a step.")
  Integer decode;

  @Option(
      names = "--fuse",
      paramLabel = "KINDS",
      description =
          "Fuse vector layers of these kinds into the MAC layer right before them (no traffic of"
              + " their own): a comma list of softmax, gelu, add, …, or all, or none (default: the"
              + " workload's own fuse marks).")
  String fuse;

  /** The options that name this workload again (sizes and fusion if given). */
  String options() {
    return "--workload "
        + workload
        + (batch == null ? "" : " --batch " + batch)
        + (seq == null ? "" : " --seq " + seq)
        + (decode == null ? "" : " --decode " + decode)
        + (fuse == null ? "" : " --fuse " + fuse);
  }

  /** The workload. */
  Workload get() {
    return Workloads.fuse(Workloads.resolve(workload, batch, seq, decode), fuse);
  }
}
