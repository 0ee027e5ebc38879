package io.arrayflow.sim.spec;

/** The PE array's shape ({@code pe_array:} in YAML): rows and columns, each at least one. */
public record PeArraySpec(int rows, int cols) {

  /** Validates both dimensions. */
  public PeArraySpec {
    Violations v = new Violations();
    v.atLeast("rows", rows, 1);
    v.atLeast("cols", cols, 1);
    v.check(
        (long) rows * cols <= Integer.MAX_VALUE,
        "cols",
        cols,
        "rows × cols must be <= " + Integer.MAX_VALUE + " PEs (rows is " + rows + ")");
    v.throwIfAny();
  }

  /** Number of PEs, {@code rows * cols}. */
  public int peCount() {
    return rows * cols;
  }
}
