package io.arrayflow.dataflows.ws;

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
 * Weight-stationary (Chen et al., ISCA 2016, Section IV-A; the WS of NeuFlow and of the TPU's
 * array): each PE keeps a tile of weights that the innermost loops, over the dimensions that do not
 * index weights ({@code N, P, Q}), reuse. Rules ({@link StationaryHeuristic} runs them):
 *
 * <ul>
 *   <li>spatial: rows take {@code C}, then {@code S}, {@code R} (the PEs of a column hold partial
 *       sums of the same outputs, reduced on the network); columns take {@code M}, then {@code G}
 *       (an input is multicast along a row to every filter);
 *   <li>PE-local: the weight tile grows in {@code S, R, C, M}, then the reuse loops {@code Q, P, N}
 *       as far as the input and output files still hold their footprints;
 *   <li>GLB: {@code Q, P, N} first (the PE's weights stay while the whole output plane passes),
 *       then {@code S, R, C, M, G}; the rest at DRAM;
 *   <li>loop order at every level: {@code G, M, C, R, S} outside, {@code N, P, Q} innermost.
 * </ul>
 */
public final class WeightStationary {
  /** Weight-stationary mappings: the family, its space and its fixed rule. */
  public static final MappingFamily FAMILY =
      new StationaryHeuristic(
          "WS",
          Role.WEIGHTS,
          List.of(C, S, R),
          List.of(M, G),
          List.of(S, R, C, M, Q, P, N),
          List.of(Q, P, N, S, R, C, M, G),
          List.of(G, M, C, R, S, N, P, Q));

  private WeightStationary() {}
}
