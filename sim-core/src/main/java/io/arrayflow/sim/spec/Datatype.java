package io.arrayflow.sim.spec;

/**
 * The numeric type of the datapath: {@code int} operands accumulate bit-exactly in an integer
 * accumulator of at most 32 bits; {@code fp} computes in float32 while the precision bits still
 * size storage and energy.
 */
public enum Datatype implements Keyed {
  INT,
  FP;

  /** The datatype whose key is {@code key} ({@code int}, {@code fp}). */
  public static Datatype named(String key) {
    return Keyed.named(Datatype.class, key);
  }
}
