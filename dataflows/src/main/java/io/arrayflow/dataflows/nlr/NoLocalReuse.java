package io.arrayflow.dataflows.nlr;

import static io.arrayflow.workloads.spec.Dim.C;
import static io.arrayflow.workloads.spec.Dim.G;
import static io.arrayflow.workloads.spec.Dim.M;
import static io.arrayflow.workloads.spec.Dim.N;
import static io.arrayflow.workloads.spec.Dim.P;
import static io.arrayflow.workloads.spec.Dim.Q;
import static io.arrayflow.workloads.spec.Dim.R;
import static io.arrayflow.workloads.spec.Dim.S;

import io.arrayflow.dataflows.mapspace.FamilySpace;
import io.arrayflow.dataflows.mapspace.MappingFamily;
import io.arrayflow.dataflows.mapspace.StationaryHeuristic;
import io.arrayflow.workloads.spec.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * No local reuse (Chen et al., ISCA 2016, Sec. IV-C; the dataflow of DianNao and DaDianNao): the
 * PEs keep nothing in register files, so every MAC takes its weight and input from the global
 * buffer over the NoC and every partial sum goes back there. Reuse happens only across the array:
 * an input is multicast to the PEs of a row that hold different filters ({@code M}, {@code G},
 * {@code N} on the columns) and the partial sums of the PEs of a column, which hold different
 * channels and filter taps ({@code C}, {@code S}, {@code R} on the rows), are added on the network.
 * No loop runs at the PE-local levels. The paper gives NLR's register-file area to a larger buffer;
 * a sweep does that with an arch whose register files are minimal
 * (configs/sweeps/eyeriss-isca2016.yaml).
 */
public final class NoLocalReuse {
  /** The family's space. */
  public static final FamilySpace SPACE =
      new FamilySpace(
          "NLR",
          Set.of(),
          EnumSet.allOf(Role.class),
          List.of(C, S, R),
          List.of(M, G, N),
          Set.of(),
          Set.of(),
          Set.of(),
          false);

  /** No-local-reuse mappings: the family, its space and its fixed rule. */
  public static final MappingFamily FAMILY =
      new StationaryHeuristic(
          SPACE, List.of(), List.of(Q, P, N, S, R, C, M, G), List.of(G, M, C, R, S, N, P, Q));

  private NoLocalReuse() {}
}
