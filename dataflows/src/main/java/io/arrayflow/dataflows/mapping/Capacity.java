package io.arrayflow.dataflows.mapping;

import io.arrayflow.workloads.spec.Role;
import java.util.Arrays;

/**
 * How many words a storage level holds: either one pool shared by every operand it keeps, or a
 * separate allotment per operand (a partitioned buffer), or unbounded (DRAM). Words are operand
 * words; converting bytes or banks to words is the loader's job.
 */
public final class Capacity {
  private final boolean perRole;
  private final long sharedWords;
  private final long[] roleWords;

  private Capacity(boolean perRole, long sharedWords, long[] roleWords) {
    this.perRole = perRole;
    this.sharedWords = sharedWords;
    this.roleWords = roleWords;
  }

  /** One pool of {@code words} shared by all kept operands. */
  public static Capacity shared(long words) {
    if (words < 0) {
      throw new IllegalArgumentException("capacity must be >= 0 words, was " + words);
    }
    return new Capacity(false, words, new long[0]);
  }

  /** A separate allotment per operand, in words. */
  public static Capacity perRole(long weightsWords, long inputsWords, long outputsWords) {
    long[] words = {weightsWords, inputsWords, outputsWords};
    for (long w : words) {
      if (w < 0) {
        throw new IllegalArgumentException("capacity must be >= 0 words, was " + w);
      }
    }
    return new Capacity(true, 0, words);
  }

  /** No limit (DRAM, or an idealised level). */
  public static Capacity unbounded() {
    return new Capacity(false, Long.MAX_VALUE, new long[0]);
  }

  /** Whether each operand has its own allotment. */
  public boolean isPerRole() {
    return perRole;
  }

  /** Whether the level has no limit. */
  public boolean isUnbounded() {
    return !perRole && sharedWords == Long.MAX_VALUE;
  }

  /** Words of the shared pool; meaningful only when not per role. */
  public long sharedWords() {
    return sharedWords;
  }

  /** Words allotted to {@code role}; meaningful only when per role. */
  public long words(Role role) {
    return roleWords[role.ordinal()];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capacity c
        && c.perRole == perRole
        && c.sharedWords == sharedWords
        && Arrays.equals(c.roleWords, roleWords);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sharedWords) * 31 + Arrays.hashCode(roleWords) + (perRole ? 1 : 0);
  }

  @Override
  public String toString() {
    if (perRole) {
      return "{weights: "
          + roleWords[0]
          + ", inputs: "
          + roleWords[1]
          + ", outputs: "
          + roleWords[2]
          + "} words";
    }
    return isUnbounded() ? "unbounded" : sharedWords + " words";
  }
}
