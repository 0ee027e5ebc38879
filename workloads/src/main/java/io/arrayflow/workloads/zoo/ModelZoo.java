package io.arrayflow.workloads.zoo;

import java.util.List;

/**
 * The registry of built-in workloads the CLI and the simulator resolve names against: {@code
 * ModelZoo.named("resnet50", 1, 128)} is ResNet-50's layer list at batch 1. The set is closed (the
 * {@link Model} enum); an unknown name fails with the list of valid ones.
 */
public final class ModelZoo {
  private ModelZoo() {}

  /** The workload {@code name} at native image size, {@code batch} and {@code seq} tokens. */
  public static Workload named(String name, int batch, int seq) {
    return Model.named(name).workload(Model.named(name).input(batch, seq));
  }

  /** The workload {@code name} at batch 1 and the default sequence length. */
  public static Workload named(String name) {
    return named(name, 1, Model.DEFAULT_SEQ);
  }

  /** Every built-in workload name, in declaration order. */
  public static List<String> names() {
    return Model.names();
  }
}
