package io.arrayflow.spark;

import io.arrayflow.cli.sweep.SweepEngine;

/**
 * Makes {@code arrayflow sweep --engine spark} find {@link SparkEngine} (a ServiceLoader entry).
 */
public final class SparkEngineProvider implements SweepEngine.Provider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public SweepEngine open(String master) {
    return new SparkEngine(master);
  }
}
