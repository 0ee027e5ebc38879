package io.arrayflow.dataflows.mapping;

import io.arrayflow.workloads.spec.Role;
import java.util.Arrays;

/**
 * How many words per cycle one instance of a storage level moves (reads + fills + updates): either
 * one port shared by every operand or a port per operand. Fractional values are allowed (DRAM at 8
 * bytes per cycle with 16-bit words is 4; at 3 bytes it is 1.5).
 */
public final class Bandwidth {
  private final boolean perRole;
  private final double sharedWordsPerCycle;
  private final double[] roleWordsPerCycle;

  private Bandwidth(boolean perRole, double shared, double[] perRoleWords) {
    this.perRole = perRole;
    this.sharedWordsPerCycle = shared;
    this.roleWordsPerCycle = perRoleWords;
  }

  /** One port of {@code wordsPerCycle} shared by all operands. */
  public static Bandwidth shared(double wordsPerCycle) {
    check(wordsPerCycle);
    return new Bandwidth(false, wordsPerCycle, new double[0]);
  }

  /** A port per operand, in words per cycle. */
  public static Bandwidth perRole(double weights, double inputs, double outputs) {
    check(weights);
    check(inputs);
    check(outputs);
    return new Bandwidth(true, 0, new double[] {weights, inputs, outputs});
  }

  /** No limit: the level never bounds the cycle estimate. */
  public static Bandwidth unbounded() {
    return new Bandwidth(false, Double.POSITIVE_INFINITY, new double[0]);
  }

  private static void check(double w) {
    if (!(w > 0)) {
      throw new IllegalArgumentException("bandwidth must be > 0 words per cycle, was " + w);
    }
  }

  /** Whether each operand has its own port. */
  public boolean isPerRole() {
    return perRole;
  }

  /** Words per cycle of the shared port; meaningful only when not per role. */
  public double sharedWordsPerCycle() {
    return sharedWordsPerCycle;
  }

  /** Words per cycle of {@code role}'s port; meaningful only when per role. */
  public double wordsPerCycle(Role role) {
    return roleWordsPerCycle[role.ordinal()];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bandwidth b
        && b.perRole == perRole
        && Double.compare(b.sharedWordsPerCycle, sharedWordsPerCycle) == 0
        && Arrays.equals(b.roleWordsPerCycle, roleWordsPerCycle);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(sharedWordsPerCycle) * 31 + Arrays.hashCode(roleWordsPerCycle);
  }

  @Override
  public String toString() {
    if (perRole) {
      return "{weights: "
          + roleWordsPerCycle[0]
          + ", inputs: "
          + roleWordsPerCycle[1]
          + ", outputs: "
          + roleWordsPerCycle[2]
          + "} words/cycle";
    }
    return sharedWordsPerCycle + " words/cycle";
  }
}
