package io.arrayflow.dataflows.mapping;

import java.util.List;

/**
 * The verdict of {@link MappingCheck}: feasible, or infeasible with every reason found, each naming
 * the level, the operand or dimension and the sizes involved (after Timeloop's evaluation status,
 * returned as a value rather than thrown).
 *
 * @param reasons why the mapping cannot run; empty when it can
 */
public record MappingResult(List<String> reasons) {

  private static final MappingResult FEASIBLE = new MappingResult(List.of());

  /** Copies the reasons. */
  public MappingResult {
    reasons = List.copyOf(reasons);
  }

  /** A feasible mapping. */
  public static MappingResult feasible() {
    return FEASIBLE;
  }

  /** An infeasible mapping; {@code reasons} must not be empty. */
  public static MappingResult infeasible(List<String> reasons) {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("an infeasible mapping needs at least one reason");
    }
    return new MappingResult(reasons);
  }

  /** Whether the mapping can run. */
  public boolean isFeasible() {
    return reasons.isEmpty();
  }

  @Override
  public String toString() {
    return isFeasible() ? "feasible" : "infeasible: " + String.join("; ", reasons);
  }
}
