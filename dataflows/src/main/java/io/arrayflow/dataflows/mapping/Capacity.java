package io.arrayflow.dataflows.mapping;

import io.arrayflow.workloads.spec.Role;
import java.util.Arrays;
import java.util.Map;

/**
 * How much a storage level holds: one pool shared by every operand it keeps, a separate allotment
 * per operand, a mix of the two (some operands own a partition, the others share the rest, as in
 * Eyeriss's global buffer with its filter partition), or unbounded (DRAM). The word forms ({@link
 * #shared}, {@link #perRole}) count operand words; the partitioned form ({@link #partitioned})
 * counts bits and knows each operand's word width, so that int8 inputs and 32-bit partial sums can
 * share one pool.
 */
public final class Capacity {
  private static final long POOL = -1;
  private static final Role[] ROLES = Role.values();

  private final boolean inBits;
  private final long[] own;
  private final long pool;
  private final int[] bitsPerWord;

  private Capacity(boolean inBits, long[] own, long pool, int[] bitsPerWord) {
    this.inBits = inBits;
    this.own = own;
    this.pool = pool;
    this.bitsPerWord = bitsPerWord;
  }

  /** One pool of {@code words} shared by all kept operands. */
  public static Capacity shared(long words) {
    check(words, "words");
    return new Capacity(false, new long[] {POOL, POOL, POOL}, words, new int[] {1, 1, 1});
  }

  /** A separate allotment per operand, in words. */
  public static Capacity perRole(long weightsWords, long inputsWords, long outputsWords) {
    long[] words = {weightsWords, inputsWords, outputsWords};
    for (long w : words) {
      check(w, "words");
    }
    return new Capacity(false, words, 0, new int[] {1, 1, 1});
  }

  /**
   * Dedicated allotments in bits for the operands in {@code ownBits}, one pool of {@code poolBits}
   * shared by the others; an operand's word is {@code bitsPerWord} bits (weights, inputs, outputs).
   */
  public static Capacity partitioned(
      Map<Role, Long> ownBits,
      long poolBits,
      int weightsBitsPerWord,
      int inputsBitsPerWord,
      int outputsBitsPerWord) {
    long[] own = {POOL, POOL, POOL};
    for (Map.Entry<Role, Long> e : ownBits.entrySet()) {
      check(e.getValue(), "bits");
      own[e.getKey().ordinal()] = e.getValue();
    }
    check(poolBits, "bits");
    int[] widths = {weightsBitsPerWord, inputsBitsPerWord, outputsBitsPerWord};
    for (int w : widths) {
      if (w < 1) {
        throw new IllegalArgumentException("a word must be >= 1 bit, was " + w);
      }
    }
    return new Capacity(true, own, poolBits, widths);
  }

  /** No limit (DRAM, or an idealised level). */
  public static Capacity unbounded() {
    return new Capacity(false, new long[] {POOL, POOL, POOL}, Long.MAX_VALUE, new int[] {1, 1, 1});
  }

  private static void check(long amount, String unit) {
    if (amount < 0) {
      throw new IllegalArgumentException("capacity must be >= 0 " + unit + ", was " + amount);
    }
  }

  /** Whether the level has no limit. */
  public boolean isUnbounded() {
    return pool == Long.MAX_VALUE
        && !hasOwn(Role.WEIGHTS)
        && !hasOwn(Role.INPUTS)
        && !hasOwn(Role.OUTPUTS);
  }

  /** Whether amounts are bits (the partitioned form) rather than operand words. */
  public boolean isInBits() {
    return inBits;
  }

  /** The unit of {@link #own} and {@link #pool}: {@code bits} or {@code words}. */
  public String unit() {
    return inBits ? "bits" : "words";
  }

  /** Whether every operand has its own allotment. */
  public boolean isPerRole() {
    return hasOwn(Role.WEIGHTS) && hasOwn(Role.INPUTS) && hasOwn(Role.OUTPUTS);
  }

  /** Whether {@code role} has its own allotment (otherwise it uses the shared pool). */
  public boolean hasOwn(Role role) {
    return own[role.ordinal()] != POOL;
  }

  /** {@code role}'s own allotment in {@link #unit()}s; meaningful only when {@link #hasOwn}. */
  public long own(Role role) {
    return own[role.ordinal()];
  }

  /** The shared pool in {@link #unit()}s, for the operands without their own allotment. */
  public long pool() {
    return pool;
  }

  /** Units one word of {@code role} takes: its bits in the partitioned form, else 1. */
  public int unitsPerWord(Role role) {
    return bitsPerWord[role.ordinal()];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capacity c
        && c.inBits == inBits
        && c.pool == pool
        && Arrays.equals(c.own, own)
        && Arrays.equals(c.bitsPerWord, bitsPerWord);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(pool) * 31 + Arrays.hashCode(own)) * 31
        + Arrays.hashCode(bitsPerWord)
        + (inBits ? 1 : 0);
  }

  @Override
  public String toString() {
    if (isUnbounded()) {
      return "unbounded";
    }
    if (!inBits) {
      if (isPerRole()) {
        return "{weights: " + own[0] + ", inputs: " + own[1] + ", outputs: " + own[2] + "} words";
      }
      return pool + " words";
    }
    StringBuilder b = new StringBuilder("{");
    String shared = "";
    for (Role r : ROLES) {
      if (hasOwn(r)) {
        b.append(r.key()).append(": ").append(own[r.ordinal()]).append(", ");
      } else {
        shared += (shared.isEmpty() ? "" : " + ") + r.key();
      }
    }
    if (!shared.isEmpty()) {
      b.append(shared).append(": ").append(pool).append(", ");
    }
    b.append("bits per word: ")
        .append(bitsPerWord[0])
        .append('/')
        .append(bitsPerWord[1])
        .append('/')
        .append(bitsPerWord[2]);
    return b.append("} bits").toString();
  }
}
