package io.arrayflow.dataflows.rs;

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
 * Row-stationary (Chen, Emer, Sze, "Eyeriss: A Spatial Architecture for Energy-Efficient Dataflow
 * for Convolutional Neural Networks", ISCA 2016, Sec. V; Chen et al., JSSC 2017), as a family of
 * loop-nest mappings. The 1-D row primitive: a PE keeps a filter row ({@code S} weights) in its
 * filter pad, slides an ifmap row through its ifmap pad and accumulates a psum row in its psum pad.
 * A logical PE set of {@code R × E} PEs (filter rows over the array's rows, output rows {@code P =
 * E} over its columns) computes a 2-D convolution: a filter row is reused along a row of PEs, an
 * ifmap row along a diagonal ({@code p·stride + r·dilation} is the same; one GLB read is multicast
 * to every PE that needs the word), and the psums of a column are accumulated vertically (a spatial
 * reduction over {@code R}, one PE-to-PE link per partial sum: docs/counting.md).
 *
 * <p>In loop-nest terms the space is: rows take {@code R}, then {@code C}, {@code M}, {@code P},
 * {@code G} (the paper's {@code r} sets of different channels and {@code t} of different filters,
 * and strips of a folded set stacked vertically); columns take {@code P}, then {@code M}, {@code
 * N}, {@code G}; {@code R} and {@code P} are each spread by a factor above 1 whenever one fits (the
 * set is two-dimensional), and a set larger than the array is folded (the rest of {@code R} and
 * {@code P} loops above the array). In the PE only {@code S} (whole: the filter row), {@code C}
 * ({@code q} channels) and {@code M} ({@code p} filters) loop, so the pads hold {@code S·q·p}
 * weights, an {@code S·q} ifmap window and {@code p} psums, within the arch's pad sizes; the
 * sliding of the window ({@code Q}) and the ifmap rows of {@code n} images ({@code N}) loop at the
 * shared levels with the filter row resident. All three operands stay in the PE's pads.
 *
 * <p>The fixed rule: filter rows take the rows whole when they fit (else their largest divisor that
 * fits), output rows take their largest divisor that fits the columns, replications fill what is
 * left; {@code p} then {@code q} grow while the pads hold them; the GLB holds the sliding ({@code
 * Q}) innermost, then images and channels; loops over what indexes weights run outside.
 */
public final class RowStationary {
  /** The family's space. */
  public static final FamilySpace SPACE =
      new FamilySpace(
          "RS",
          EnumSet.allOf(Role.class),
          Set.of(),
          List.of(R, C, M, P, G),
          List.of(P, M, N, G),
          Set.of(),
          Set.of(S, C, M),
          Set.of(S),
          true);

  /** Row-stationary mappings: the family, its space and its fixed rule. */
  public static final MappingFamily FAMILY =
      new StationaryHeuristic(
          SPACE, List.of(M, C), List.of(Q, N, C, P, M, R, G), List.of(G, M, C, R, S, N, P, Q));

  private RowStationary() {}
}
