package io.arrayflow.cli.sweep;

import io.arrayflow.cli.config.Node;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.reports.results.Objective;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.NocKind;
import java.util.List;

/**
 * A sweep as its YAML says it ({@code docs/sweeps.md}): the base architecture every point starts
 * from, the workloads and dataflows each point runs, the axes (arch paths, as {@code --set} takes
 * them, each with its values), how points are drawn from the grid, the constraints a point must
 * meet, and the objective that ranks points.
 *
 * @param name the sweep's name
 * @param arch the base architecture: a built-in name or a path (relative to the sweep file)
 * @param workloads built-in names or paths, each run at {@code batch} and {@code seq}
 * @param batch batch size for zoo models, null if not given (1)
 * @param seq sequence length for transformer models, null if not given (the zoo's default)
 * @param dataflows the dataflows each point runs, each once
 * @param allDataflows whether they were asked for as {@code all}: then a point on a systolic NoC
 *     runs only those that have a fold schedule, as {@code --dataflow all} does there
 * @param fidelity the fidelity every point runs at
 * @param axes the axes in the order written
 * @param sampling grid, or a seeded random sample of it
 * @param where constraints a point must meet to run
 * @param objective what ranks points in the summary
 * @param text the sweep file's text, hashed into the journal so a resume runs the same sweep
 */
public record SweepSpec(
    String name,
    String arch,
    List<String> workloads,
    Integer batch,
    Integer seq,
    List<Dataflow> dataflows,
    boolean allDataflows,
    Fidelity fidelity,
    List<Axis> axes,
    Sampling sampling,
    List<Constraint> where,
    Objective objective,
    String text) {

  /** Copies the lists. */
  public SweepSpec {
    workloads = List.copyOf(workloads);
    dataflows = List.copyOf(dataflows);
    axes = List.copyOf(axes);
    where = List.copyOf(where);
  }

  /** The dataflows a point on {@code arch} runs. */
  public List<Dataflow> dataflowsOn(ArchSpec arch) {
    if (!allDataflows || arch.noc().kind() != NocKind.SYSTOLIC) {
      return dataflows;
    }
    return dataflows.stream().filter(Dataflow::runsOnSystolic).toList();
  }

  /** One axis: an arch path and the values it takes, in the order written. */
  public record Axis(String path, List<Node> values) {
    /** Copies the values. */
    public Axis {
      values = List.copyOf(values);
    }
  }

  /**
   * Which grid points run: every one ({@code random == 0}), or {@code random} of them drawn without
   * replacement with {@code seed}.
   */
  public record Sampling(int random, long seed) {
    /** Every grid point. */
    public static final Sampling GRID = new Sampling(0, 0);

    /** Whether every grid point runs. */
    public boolean grid() {
      return random == 0;
    }
  }
}
