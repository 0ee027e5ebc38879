package io.arrayflow.workloads.spec;

import java.util.Locale;

/**
 * The largest count of anything a layer or a workload may have — MACs, operand elements, vector
 * ops: 2^53 (about 9.0·10^15). Every such count, and every sum of them over a workload, is then
 * exact in a {@code double} (energy, utilization and JSON readers all go through doubles), and the
 * simulator's products of a count with small factors (accesses per MAC, bytes per word, several
 * dataflows' totals) stay far below {@code Long.MAX_VALUE}, so no count can wrap around silently.
 * Sizes are checked when a spec is built; the checks compute the product without overflowing.
 */
public final class CountLimit {
  /** The largest allowed count: 2^53. */
  public static final long MAX = 1L << 53;

  private CountLimit() {}

  /**
   * Null if the product of {@code factors} (each {@code >= 1}) is at most {@link #MAX}, else a
   * problem naming {@code quantity}, e.g. {@code "MACs = 1.55e+19 is above the limit 2^53 =
   * 9007199254740992"}.
   */
  public static String checkProduct(String quantity, long... factors) {
    long exact = 1;
    double approx = 1;
    boolean over = false;
    for (long f : factors) {
      approx *= f;
      if (!over) {
        long hi = Math.multiplyHigh(exact, f);
        exact *= f;
        over = hi != 0 || exact < 0 || exact > MAX;
      }
    }
    return over ? tooLarge(quantity, approx) : null;
  }

  /** Null if {@code value <= MAX}, else the problem naming {@code quantity}. */
  public static String check(String quantity, double value) {
    return value <= MAX ? null : tooLarge(quantity, value);
  }

  private static String tooLarge(String quantity, double value) {
    return quantity
        + " = "
        + String.format(Locale.ROOT, "%.3g", value)
        + " is above the limit 2^53 = "
        + MAX;
  }
}
