package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.multicast.MulticastExecutor;
import io.arrayflow.sim.spec.ArchSpec;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * Remembers a DRAM timing term (the analytical bound's fill or drain) per triple of words per
 * operand, so that the evaluator asks the memory model once per distinct transfer rather than once
 * per candidate: many candidates of a search share their GLB tiles and so their first reads and
 * last write-backs. Open addressing over primitive arrays; when it is full it starts over.
 */
final class DramTermCache {
  private static final int SLOTS = 1 << 10;
  private static final int MAX_USED = SLOTS / 2;

  private final ToLongFunction<long[]> term;
  private final long[] keys = new long[SLOTS * 3];
  private final long[] values = new long[SLOTS];
  private final boolean[] used = new boolean[SLOTS];
  private final long[] probe = new long[3];
  private int size;

  /** A cache in front of {@code term}, which must not keep or change its argument. */
  DramTermCache(ToLongFunction<long[]> term) {
    this.term = term;
  }

  /** The time {@code words} per operand take on an idle memory of {@code arch}: the fill term. */
  static DramTermCache fill(ArchSpec arch) {
    return new DramTermCache(w -> MulticastExecutor.fillCycles(arch, w));
  }

  /** The fewest cycles {@code words} per operand can take on {@code arch}: the drain term. */
  static DramTermCache least(ArchSpec arch) {
    return new DramTermCache(w -> MulticastExecutor.drainCycles(arch, w));
  }

  /** The fewest cycles reads of {@code words} per operand can take: the serial-wait term. */
  static DramTermCache leastRead(ArchSpec arch) {
    return new DramTermCache(w -> MulticastExecutor.readCycles(arch, w));
  }

  /**
   * The analytical bound's three DRAM terms for one arch, each cached: one set per thread.
   *
   * @param fill the first segment's reads on idle memories
   * @param drain the last write-back's least time
   * @param serial a serial read's least time
   */
  record Terms(DramTermCache fill, DramTermCache drain, DramTermCache serial) {
    /** Fresh caches of {@code arch}'s terms. */
    static Terms of(ArchSpec arch) {
      return new Terms(
          DramTermCache.fill(arch), DramTermCache.least(arch), DramTermCache.leastRead(arch));
    }
  }

  /**
   * The term for {@code words} (three operands' words), computed at most once per distinct value.
   */
  long cycles(long[] words) {
    long h = words[0] * 0x9E3779B97F4A7C15L + words[1] * 0xC2B2AE3D27D4EB4FL + words[2];
    int slot = (int) ((h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L >>> 52) & (SLOTS - 1);
    while (used[slot]) {
      int at = slot * 3;
      if (keys[at] == words[0] && keys[at + 1] == words[1] && keys[at + 2] == words[2]) {
        return values[slot];
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
    System.arraycopy(words, 0, probe, 0, 3);
    long v = term.applyAsLong(probe);
    if (size == MAX_USED) {
      Arrays.fill(used, false);
      size = 0;
      return v;
    }
    used[slot] = true;
    System.arraycopy(words, 0, keys, slot * 3, 3);
    values[slot] = v;
    size++;
    return v;
  }
}
