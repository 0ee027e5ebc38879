package io.arrayflow.dataflows.exec;

/**
 * A fault injected into the PE array at cycle fidelity, to show that verification catches wrong
 * values: in pass {@code pass} (a multicast segment, a systolic fold), PE {@code pe} (row-major
 * over the array) adds one to the first MAC it does. A fault on a PE that does no MAC in that pass
 * has no effect.
 *
 * @param pe the PE, {@code row * cols + col} on a systolic array, the PE index of the mapping's
 *     spatial loops on a multicast one
 * @param pass the pass
 */
public record Fault(long pe, long pass) {

  /** Checks that both are >= 0. */
  public Fault {
    if (pe < 0 || pass < 0) {
      throw new IllegalArgumentException(
          "a fault needs pe >= 0 and pass >= 0, was " + pe + ", " + pass);
    }
  }
}
