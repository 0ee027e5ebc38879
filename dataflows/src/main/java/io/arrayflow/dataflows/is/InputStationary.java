package io.arrayflow.dataflows.is;

import static io.arrayflow.workloads.spec.Dim.C;
import static io.arrayflow.workloads.spec.Dim.G;
import static io.arrayflow.workloads.spec.Dim.M;
import static io.arrayflow.workloads.spec.Dim.N;
import static io.arrayflow.workloads.spec.Dim.P;
import static io.arrayflow.workloads.spec.Dim.Q;
import static io.arrayflow.workloads.spec.Dim.R;
import static io.arrayflow.workloads.spec.Dim.S;

import io.arrayflow.dataflows.mapspace.MappingFamily;
import io.arrayflow.dataflows.mapspace.StationaryHeuristic;
import io.arrayflow.workloads.spec.Role;
import java.util.List;

/**
 * Input-stationary (the dual of weight-stationary; SCALE-Sim's IS, Samajdar et al., ISPASS 2020):
 * each PE keeps a tile of inputs while the innermost loop, over the one dimension that does not
 * index inputs ({@code M}), streams the filters past it. Rules ({@link StationaryHeuristic} runs
 * them):
 *
 * <ul>
 *   <li>spatial: rows take {@code C}, then {@code S, R} (partial sums reduced on the network);
 *       columns take {@code Q}, then {@code P, N, G} (weights multicast along a row to every
 *       pixel), and {@code M} as a last resort;
 *   <li>PE-local: the input tile grows in {@code S, R, Q, P, C, N}, then the reuse loop {@code M}
 *       as far as the weight and output files hold their footprints;
 *   <li>GLB: {@code M} first (the PE's inputs stay while every filter passes), then {@code Q, P, N,
 *       C, R, S, G}; the rest at DRAM;
 *   <li>loop order at every level: {@code G, N, C, P, Q, R, S} outside, {@code M} innermost.
 * </ul>
 */
public final class InputStationary {
  /** Input-stationary mappings: the family, its space and its fixed rule. */
  public static final MappingFamily FAMILY =
      new StationaryHeuristic(
          "IS",
          Role.INPUTS,
          List.of(C, S, R),
          List.of(Q, P, N, G, M),
          List.of(S, R, Q, P, C, N, M),
          List.of(M, Q, P, N, C, R, S, G),
          List.of(G, N, C, P, Q, R, S, M));

  private InputStationary() {}
}
