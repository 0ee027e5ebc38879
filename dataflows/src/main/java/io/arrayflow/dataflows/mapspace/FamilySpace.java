package io.arrayflow.dataflows.mapspace;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.List;

/**
 * The mapping space of a dataflow family, as Timeloop's mapspace constraints state one (Parashar et
 * al., ISPASS 2019): which dimensions may be unrolled over the array's rows and columns, and which
 * operand stays in the PE. Everything else is free: tiling factors at every level, loop orders, and
 * which levels each operand bypasses. The stationary operand pins two things: at every PE-local
 * level the loops over dimensions that do not index it run innermost (so its tile stays while they
 * turn), and it is kept by a PE-local level whenever one can hold it.
 *
 * @param name the family's name ({@code WS}, {@code OS}, {@code IS})
 * @param stationary the operand that stays in the PE
 * @param rowDims dimensions that may be spread over the rows
 * @param colDims dimensions that may be spread over the columns
 */
public record FamilySpace(String name, Role stationary, List<Dim> rowDims, List<Dim> colDims) {

  /** Copies the lists. */
  public FamilySpace {
    rowDims = List.copyOf(rowDims);
    colDims = List.copyOf(colDims);
  }

  /** The dimensions that may be spread over {@code axis}. */
  public List<Dim> dims(Axis axis) {
    return axis == Axis.ROWS ? rowDims : colDims;
  }

  /** Whether loops over {@code d} run inside the stationary operand's loops at PE-local levels. */
  public boolean innerAtPe(Dim d) {
    return !OpSpec.indexes(stationary, d);
  }
}
