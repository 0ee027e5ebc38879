package io.arrayflow.dataflows.mapspace;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The mapping space of a dataflow family, as Timeloop's mapspace constraints state one (Parashar et
 * al., ISPASS 2019): which dimensions may be unrolled over the array's rows and columns, which
 * operands a PE-local level must keep (or may not keep), which dimensions may loop at the PE-local
 * levels, which must sit there whole, and which loops run innermost there. Everything else is free:
 * tiling factors at every level, loop orders, and which levels each operand bypasses.
 *
 * <p>A stationary family ({@link #stationary}: WS, OS, IS) keeps its operand in the PE and runs the
 * loops over the dimensions that do not index it innermost at every PE-local level, so its tile
 * stays while they turn. Row-stationary (Chen et al., ISCA 2016, Sec. V) keeps all three operands
 * in the PE's pads, loops only over filter columns, channels and filters there ({@code S, C, M}),
 * holds a whole filter row ({@code S}) in each PE, and spreads its logical PE set over the array:
 * filter rows ({@code R}) over the rows and output rows ({@code P}) over the columns, each by a
 * factor above 1 whenever one fits ({@code leadsSpread}). No-local-reuse keeps nothing in the PE.
 *
 * @param name the family's name ({@code WS}, {@code OS}, {@code IS}, {@code RS}, {@code NLR})
 * @param inPe operands a PE-local level keeps whenever one can hold them
 * @param notInPe operands no PE-local level may keep
 * @param rowDims dimensions that may be spread over the rows
 * @param colDims dimensions that may be spread over the columns
 * @param innerAtPe dimensions whose loops run inside all others at PE-local levels
 * @param atPe dimensions that may have temporal factors above 1 at PE-local levels
 * @param wholeAtPe dimensions whose every factor sits at PE-local levels (never shared, never
 *     spatial)
 * @param leadsSpread whether the first dimension of each axis's list must be spread over that axis
 *     (a spatial factor above 1) whenever a divisor above 1 of its size fits the axis
 */
public record FamilySpace(
    String name,
    Set<Role> inPe,
    Set<Role> notInPe,
    List<Dim> rowDims,
    List<Dim> colDims,
    Set<Dim> innerAtPe,
    Set<Dim> atPe,
    Set<Dim> wholeAtPe,
    boolean leadsSpread) {

  /** Copies the collections; a dimension held whole at the PE may loop there and is not spatial. */
  public FamilySpace {
    inPe = Set.copyOf(inPe);
    notInPe = Set.copyOf(notInPe);
    rowDims = List.copyOf(rowDims);
    colDims = List.copyOf(colDims);
    innerAtPe = Set.copyOf(innerAtPe);
    atPe = Set.copyOf(atPe);
    wholeAtPe = Set.copyOf(wholeAtPe);
    for (Dim d : wholeAtPe) {
      if (!atPe.contains(d) || rowDims.contains(d) || colDims.contains(d)) {
        throw new IllegalArgumentException(
            name + ": " + d + " sits whole at the PE, so it must loop there and not be spatial");
      }
    }
    for (Role r : inPe) {
      if (notInPe.contains(r)) {
        throw new IllegalArgumentException(name + ": " + r + " both required and barred in the PE");
      }
    }
  }

  /**
   * A stationary family: {@code stationary} stays in the PE, any dimension may loop there, and the
   * loops over dimensions that do not index it run innermost.
   */
  public static FamilySpace stationary(
      String name, Role stationary, List<Dim> rowDims, List<Dim> colDims) {
    Set<Dim> inner = EnumSet.noneOf(Dim.class);
    for (Dim d : Dim.values()) {
      if (!OpSpec.indexes(stationary, d)) {
        inner.add(d);
      }
    }
    return new FamilySpace(
        name,
        Set.of(stationary),
        Set.of(),
        rowDims,
        colDims,
        inner,
        EnumSet.allOf(Dim.class),
        Set.of(),
        false);
  }

  /** The dimensions that may be spread over {@code axis}. */
  public List<Dim> dims(Axis axis) {
    return axis == Axis.ROWS ? rowDims : colDims;
  }

  /** Whether loops over {@code d} run inside the others at PE-local levels. */
  public boolean innerAtPe(Dim d) {
    return innerAtPe.contains(d);
  }
}
