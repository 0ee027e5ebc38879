package io.arrayflow.energy;

/** How a compute energy grows with bit width, when a table says so (its {@code scaling} map). */
enum Scaling {
  /** No scaling: a width missing from the table is an error. */
  NONE("none", 0),
  /** Energy proportional to bits (adders, per-element ops). */
  LINEAR("linear", 1),
  /** Energy proportional to bits squared (array multipliers). */
  QUADRATIC("quadratic", 2);

  private final String key;
  private final int exponent;

  Scaling(String key, int exponent) {
    this.key = key;
    this.exponent = exponent;
  }

  String key() {
    return key;
  }

  /** The energy at {@code bits}, given {@code energy} at {@code baseBits}. */
  double scale(double energy, int baseBits, int bits) {
    return energy * Math.pow((double) bits / baseBits, exponent);
  }
}
