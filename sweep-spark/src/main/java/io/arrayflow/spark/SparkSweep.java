package io.arrayflow.spark;

import io.arrayflow.cli.Main;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code spark-submit} entry point: {@code spark-submit --class io.arrayflow.spark.SparkSweep
 * arrayflow-spark.jar SWEEP.yaml --out DIR [--resume]} is {@code arrayflow sweep SWEEP.yaml --out
 * DIR --engine spark} on the master spark-submit was given.
 */
public final class SparkSweep {
  private SparkSweep() {}

  /** Runs {@code arrayflow sweep ARGS --engine spark} and exits with its status. */
  public static void main(String[] args) {
    List<String> full = new ArrayList<>(List.of("sweep"));
    full.addAll(List.of(args));
    full.addAll(List.of("--engine", "spark"));
    Main.main(full.toArray(new String[0]));
  }
}
