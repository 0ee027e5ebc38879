package io.arrayflow.energy;

/**
 * The number format of a MAC or vector datapath: integer (a table's {@code mac} section) or
 * floating point (its optional {@code fp_mac} section). Mirrors the architecture's {@code datatype:
 * int | fp}.
 */
public enum Arithmetic {
  /** Integer operands accumulated in an integer accumulator. */
  INT,
  /** Floating-point operands and accumulator. */
  FP
}
