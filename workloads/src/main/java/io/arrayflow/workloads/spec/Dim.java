package io.arrayflow.workloads.spec;

/**
 * The loop dimensions of a MAC-bearing op, in the Eyeriss/Timeloop naming: batch {@code N}, output
 * channels per group {@code M}, input channels per group {@code C}, output rows {@code P} and
 * columns {@code Q}, filter rows {@code R} and columns {@code S}, and groups {@code G}.
 */
public enum Dim {
  N,
  G,
  M,
  C,
  P,
  Q,
  R,
  S;

  private static final Dim[] VALUES = values();

  /** The dimension called {@code name} (case-insensitive); fails listing the valid names. */
  public static Dim named(String name) {
    for (Dim d : VALUES) {
      if (d.name().equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown dimension '" + name + "'; expected one of N, G, M, C, P, Q, R, S");
  }
}
