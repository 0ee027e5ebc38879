package io.arrayflow.dataflows.os;

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
 * Output-stationary (Chen et al., ISCA 2016, Section IV-B; ShiDianNao's dataflow): each PE keeps a
 * tile of partial sums and accumulates them in place while the reduction loops ({@code C, R, S})
 * run innermost. Rules ({@link StationaryHeuristic} runs them):
 *
 * <ul>
 *   <li>spatial: rows take {@code P}, then {@code N, G, M}; columns take {@code Q}, then {@code M,
 *       G} (each PE owns distinct outputs, so nothing is reduced on the network; weights are
 *       multicast to the PEs of different pixels);
 *   <li>PE-local: the output tile grows in {@code Q, P, M, N}, then the reduction loops {@code S,
 *       R, C} as far as the weight and input files hold their footprints;
 *   <li>GLB: {@code C, R, S} first (a partial sum completes before it leaves the PE), then {@code
 *       Q, P, M, N, G}; the rest at DRAM;
 *   <li>loop order at every level: {@code G, N, M, P, Q} outside, {@code C, R, S} innermost.
 * </ul>
 */
public final class OutputStationary {
  /** Output-stationary mappings: the family, its space and its fixed rule. */
  public static final MappingFamily FAMILY =
      new StationaryHeuristic(
          "OS",
          Role.OUTPUTS,
          List.of(P, N, G, M),
          List.of(Q, M, G),
          List.of(Q, P, M, N, S, R, C),
          List.of(C, R, S, Q, P, M, N, G),
          List.of(G, N, M, P, Q, C, R, S));

  private OutputStationary() {}
}
