package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapspace.FamilySpace;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import java.util.List;
import java.util.Random;

/**
 * The mapping space of one op on one hierarchy for one dataflow family ({@link FamilySpace}): every
 * {@link Candidate} whose temporal and spatial factors multiply exactly to the op's dimensions,
 * whose spatial factors use only the family's dimensions of each axis and fit it, whose temporal
 * factors sit only where the family lets each dimension loop (row-stationary: only {@code S, C, M}
 * in the PE, {@code S} only there), whose loop orders put the family's inner dimensions innermost
 * at PE-local levels, and whose keep lists are subsets of what each level can keep, with everything
 * kept at the outermost level, the family's PE operands kept in the PE whenever a PE-local level
 * can hold them and its barred operands kept by no PE-local level. Capacity is not a rule of the
 * space: the {@link Evaluator} judges it. This class draws random members and neighbours of a
 * member for the search; {@link Enumeration} lists them all when there are few.
 */
final class Space {
  static final int DIMS = Candidate.DIMS;

  final int levels;
  final int peLevels;
  final int dram;
  final int[] size = new int[DIMS];
  final int[][] primes = new int[DIMS][];
  final int[] canKeep;
  final int[] limit = new int[2];
  final boolean[][] allowed = new boolean[2][DIMS];
  final boolean[] innerAtPe = new boolean[DIMS];

  /** Per dimension, a bit per level where its temporal factor may exceed 1. */
  final int[] levelsOf = new int[DIMS];

  /** The operands kept in the PE (a bit per role) that some PE-local level can hold. */
  final int inPeBits;

  /** The operands no PE-local level may keep. */
  final int notInPeBits;

  /** The dimensions the family holds whole in the PE; a fresh member has them at level 0. */
  private final int[] wholeAtPe;

  /** Per axis, the dimension that must spread over it ({@code -1}: none) and its least factor. */
  private final int[] lead = {-1, -1};

  private final int[] leadMin = {1, 1};

  private final int[] movable;
  private final int[] scratch = new int[64];
  private final int[] divisors;
  private final int[] instances;

  Space(OpSpec spec, Hierarchy h, FamilySpace family) {
    levels = h.size();
    peLevels = h.peLevels();
    dram = h.outermost();
    canKeep = new int[levels];
    int peCan = 0;
    for (int lv = 0; lv < levels; lv++) {
      canKeep[lv] = Candidate.mask(h.level(lv).canKeep());
      peCan |= lv < peLevels ? canKeep[lv] : 0;
    }
    inPeBits = Candidate.mask(family.inPe()) & peCan;
    notInPeBits = Candidate.mask(family.notInPe());
    int shared = ((1 << levels) - 1) & ~((1 << peLevels) - 1);
    int[] whole = new int[DIMS];
    int nWhole = 0;
    limit[0] = h.rows();
    limit[1] = h.cols();
    int n = 0;
    int[] mov = new int[DIMS];
    int total = 0;
    for (Dim d : Dim.values()) {
      int i = d.ordinal();
      size[i] = spec.size(d);
      primes[i] = distinctPrimes(size[i]);
      innerAtPe[i] = family.innerAtPe(d);
      boolean pinned = peLevels > 0 && family.wholeAtPe().contains(d);
      levelsOf[i] =
          pinned ? (1 << peLevels) - 1 : family.atPe().contains(d) ? (1 << levels) - 1 : shared;
      if (pinned) {
        whole[nWhole++] = i;
      }
      if (size[i] > 1) {
        mov[n++] = i;
      }
      for (int s = size[i]; s > 1; s /= smallestPrime(s)) {
        total++;
      }
    }
    movable = java.util.Arrays.copyOf(mov, n);
    wholeAtPe = java.util.Arrays.copyOf(whole, nWhole);
    instances = new int[2 * Math.max(1, total)];
    divisors = new int[Math.max(limit[0], limit[1]) + 1];
    for (Axis a : Axis.values()) {
      for (Dim d : family.dims(a)) {
        allowed[a.ordinal()][d.ordinal()] = true;
      }
      List<Dim> dims = family.dims(a);
      if (family.leadsSpread() && !dims.isEmpty()) {
        int d = dims.get(0).ordinal();
        int p = size[d] > 1 ? smallestPrime(size[d]) : 1;
        if (p > 1 && p <= limit[a.ordinal()]) {
          lead[a.ordinal()] = d;
          leadMin[a.ordinal()] = p;
        }
      }
    }
  }

  /** Whether {@code c} spreads each axis's lead dimension as the family requires. */
  boolean leadsSpread(Candidate c) {
    for (int a = 0; a < 2; a++) {
      if (lead[a] >= 0 && c.spatial[a][lead[a]] == 1) {
        return false;
      }
    }
    return true;
  }

  static int smallestPrime(int n) {
    for (int p = 2; (long) p * p <= n; p++) {
      if (n % p == 0) {
        return p;
      }
    }
    return n;
  }

  private static int[] distinctPrimes(int n) {
    int[] out = new int[32];
    int k = 0;
    while (n > 1) {
      int p = smallestPrime(n);
      out[k++] = p;
      while (n % p == 0) {
        n /= p;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /**
   * A lower bound on the members, cheap to compute: the ways to spread every dimension's prime
   * factors over the levels with nothing spatial (one loop order each), saturating at {@code
   * Long.MAX_VALUE}. A space above the budget by this bound is not listed.
   */
  long atLeastMembers() {
    double ways = 1;
    for (int d = 0; d < DIMS; d++) {
      int n = size[d] / (d == lead[0] ? leadMin[0] : 1) / (d == lead[1] ? leadMin[1] : 1);
      int slots = Integer.bitCount(levelsOf[d]);
      for (int p : primes[d]) {
        int e = 0;
        while (n % p == 0) {
          n /= p;
          e++;
        }
        // Ordered ways to split p^e over the levels it may use: C(e + slots - 1, slots - 1).
        double c = 1;
        for (int i = 1; i < slots; i++) {
          c = c * (e + i) / i;
        }
        ways *= c;
      }
    }
    return ways >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(ways);
  }

  /** The keep mask every level takes when nothing is bypassed that the family lets a level keep. */
  void keepAll(Candidate c) {
    for (int lv = 0; lv < levels; lv++) {
      c.keep[lv] = canKeep[lv] & (lv < peLevels ? ~notInPeBits : ~0);
    }
  }

  /**
   * The smallest member: every factor at the outermost level but those the family holds whole in
   * the PE (at the innermost level), nothing spatial but each lead dimension's smallest prime on
   * its axis when the family must spread it, nothing kept below the outermost level except each of
   * the family's PE operands at the innermost PE-local level that can hold it. If this does not
   * fit, no member does (tiles only grow with factors and keeps).
   */
  void smallest(Candidate c) {
    reset(c);
    smallestKeeps(c);
    defaultOrders(c);
  }

  private void smallestKeeps(Candidate c) {
    for (int lv = 0; lv < dram; lv++) {
      c.keep[lv] = 0;
    }
    c.keep[dram] = canKeep[dram];
    int missing = inPeBits;
    for (int lv = 0; lv < peLevels && missing != 0; lv++) {
      c.keep[lv] = canKeep[lv] & missing;
      missing &= ~canKeep[lv];
    }
  }

  private void reset(Candidate c) {
    for (int lv = 0; lv < levels; lv++) {
      java.util.Arrays.fill(c.temporal[lv], 1);
    }
    java.util.Arrays.fill(c.spatial[0], 1);
    java.util.Arrays.fill(c.spatial[1], 1);
    System.arraycopy(size, 0, c.temporal[dram], 0, DIMS);
    for (int d : wholeAtPe) {
      c.temporal[dram][d] = 1;
      c.temporal[0][d] = size[d];
    }
    for (int a = 0; a < 2; a++) {
      if (lead[a] >= 0) {
        c.spatial[a][lead[a]] = leadMin[a];
        c.temporal[dram][lead[a]] /= leadMin[a];
      }
    }
  }

  /** Orders that satisfy the PE-local rule: the stationary operand's dimensions outside. */
  private void defaultOrders(Candidate c) {
    for (int lv = 0; lv < levels; lv++) {
      int n = 0;
      for (int pass = 0; pass < 2; pass++) {
        for (int d = 0; d < DIMS; d++) {
          if (innerAtPe[d] == (pass == 1)) {
            c.order[lv][n++] = d;
          }
        }
      }
    }
  }

  /**
   * A random member grown as the fixed rules grow one, but with random choices, so that it fits:
   * random spatial factors (kept only if the smallest tiles still fit), random orders and keep
   * lists, then every prime factor in random order moved from the outermost level to a random level
   * if the tiles still fit there. Returns false when not even the smallest tiles fit.
   */
  boolean sample(Random rnd, Candidate c, Evaluator ev) {
    reset(c);
    randomOrders(rnd, c);
    if (rnd.nextInt(4) == 0) {
      randomKeeps(rnd, c);
    } else {
      keepAll(c);
    }
    for (int a = 0; a < 2; a++) {
      int product = axisProduct(c, a);
      int n = 0;
      for (int d = 0; d < DIMS; d++) {
        if (allowed[a][d] && size[d] > 1) {
          scratch[n++] = d;
        }
      }
      shuffle(rnd, scratch, n);
      for (int i = 0; i < n; i++) {
        int d = scratch[i];
        int k = randomDivisor(rnd, c.temporal[dram][d], limit[a] / product);
        c.spatial[a][d] *= k;
        c.temporal[dram][d] /= k;
        product *= k;
      }
    }
    if (!ev.fits(c)) {
      reset(c);
      if (!ev.fits(c)) {
        smallestKeeps(c);
        if (!ev.fits(c)) {
          return false;
        }
      }
    }
    int n = 0;
    for (int d = 0; d < DIMS; d++) {
      for (int s = c.temporal[dram][d]; s > 1; ) {
        int p = smallestPrime(s);
        instances[n++] = d;
        instances[n++] = p;
        s /= p;
      }
    }
    for (int i = n / 2 - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      swap(instances, 2 * i, 2 * j);
      swap(instances, 2 * i + 1, 2 * j + 1);
    }
    for (int i = 0; i < n; i += 2) {
      int d = instances[i];
      int p = instances[i + 1];
      int lv = rnd.nextInt(levels);
      if (lv == dram || (levelsOf[d] & (1 << lv)) == 0) {
        continue;
      }
      c.temporal[dram][d] /= p;
      c.temporal[lv][d] *= p;
      if (!ev.fits(c)) {
        c.temporal[lv][d] /= p;
        c.temporal[dram][d] *= p;
      }
    }
    return true;
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  private static void shuffle(Random rnd, int[] a, int n) {
    for (int i = n - 1; i > 0; i--) {
      swap(a, i, rnd.nextInt(i + 1));
    }
  }

  /** A uniformly random divisor of {@code n} that is at most {@code max}. */
  private int randomDivisor(Random rnd, int n, int max) {
    int count = 0;
    for (int k = 1; k <= max && k <= n; k++) {
      if (n % k == 0) {
        divisors[count++] = k;
      }
    }
    return divisors[rnd.nextInt(count)];
  }

  private void randomOrders(Random rnd, Candidate c) {
    defaultOrders(c);
    for (int lv = 0; lv < levels; lv++) {
      int[] o = c.order[lv];
      if (lv < peLevels) {
        int outside = 0;
        while (outside < DIMS && !innerAtPe[o[outside]]) {
          outside++;
        }
        shuffleRange(rnd, o, 0, outside);
        shuffleRange(rnd, o, outside, DIMS);
      } else {
        shuffleRange(rnd, o, 0, DIMS);
      }
    }
  }

  private static void shuffleRange(Random rnd, int[] a, int from, int to) {
    for (int i = to - 1; i > from; i--) {
      swap(a, i, from + rnd.nextInt(i - from + 1));
    }
  }

  private void randomKeeps(Random rnd, Candidate c) {
    do {
      for (int lv = 0; lv < dram; lv++) {
        c.keep[lv] = canKeep[lv] & rnd.nextInt(8) & (lv < peLevels ? ~notInPeBits : ~0);
      }
      c.keep[dram] = canKeep[dram];
    } while (!keepsValid(c));
  }

  /**
   * Whether every PE operand of the family that a PE-local level can hold is kept by one, and no
   * barred operand is.
   */
  boolean keepsValid(Candidate c) {
    int kept = 0;
    for (int lv = 0; lv < peLevels; lv++) {
      kept |= c.keep[lv];
    }
    return (kept & inPeBits) == inPeBits && (kept & notInPeBits) == 0;
  }

  /**
   * Changes {@code c} into a random neighbour: a prime factor (or a whole factor) of one dimension
   * moved between two levels or an array axis, two loops of one level swapped, or one operand's
   * keep at one level toggled. Returns false if no move was found in a few tries.
   */
  boolean mutate(Random rnd, Candidate c) {
    for (int tries = 0; tries < 8; tries++) {
      int kind = rnd.nextInt(8);
      boolean moved =
          kind < 5 ? moveFactor(rnd, c) : kind < 7 ? swapLoops(rnd, c) : toggleKeep(rnd, c);
      if (moved) {
        return true;
      }
    }
    return false;
  }

  private boolean moveFactor(Random rnd, Candidate c) {
    if (movable.length == 0) {
      return false;
    }
    int d = movable[rnd.nextInt(movable.length)];
    int slots = levels + 2;
    int sources = 0;
    for (int s = 0; s < slots; s++) {
      if (factor(c, s, d) > 1) {
        scratch[sources++] = s;
      }
    }
    int src = scratch[rnd.nextInt(sources)];
    int f = factor(c, src, d);
    int amount = f;
    if (rnd.nextInt(4) != 0) {
      int p;
      do {
        p = primes[d][rnd.nextInt(primes[d].length)];
      } while (f % p != 0);
      amount = p;
    }
    if (src >= levels && lead[src - levels] == d && f == amount) {
      return false;
    }
    int dst = rnd.nextInt(slots - 1);
    if (dst >= src) {
      dst++;
    }
    if (dst >= levels) {
      int a = dst - levels;
      if (!allowed[a][d] || (long) axisProduct(c, a) * amount > limit[a]) {
        return false;
      }
    } else if ((levelsOf[d] & (1 << dst)) == 0) {
      return false;
    }
    setFactor(c, src, d, f / amount);
    setFactor(c, dst, d, factor(c, dst, d) * amount);
    return true;
  }

  private int factor(Candidate c, int slot, int d) {
    return slot < levels ? c.temporal[slot][d] : c.spatial[slot - levels][d];
  }

  private void setFactor(Candidate c, int slot, int d, int f) {
    if (slot < levels) {
      c.temporal[slot][d] = f;
    } else {
      c.spatial[slot - levels][d] = f;
    }
  }

  static int axisProduct(Candidate c, int a) {
    int p = 1;
    for (int d = 0; d < DIMS; d++) {
      p *= c.spatial[a][d];
    }
    return p;
  }

  private boolean swapLoops(Random rnd, Candidate c) {
    int lv = rnd.nextInt(levels);
    int[] o = c.order[lv];
    int n = 0;
    for (int i = 0; i < DIMS; i++) {
      if (c.temporal[lv][o[i]] > 1) {
        scratch[n++] = i;
      }
    }
    if (n < 2) {
      return false;
    }
    int i = scratch[rnd.nextInt(n)];
    int j = scratch[rnd.nextInt(n)];
    if (i == j || (lv < peLevels && innerAtPe[o[i]] != innerAtPe[o[j]])) {
      return false;
    }
    swap(o, i, j);
    return true;
  }

  private boolean toggleKeep(Random rnd, Candidate c) {
    if (dram == 0) {
      return false;
    }
    int lv = rnd.nextInt(dram);
    int bit = 1 << rnd.nextInt(3);
    if ((canKeep[lv] & bit) == 0) {
      return false;
    }
    c.keep[lv] ^= bit;
    if (!keepsValid(c)) {
      c.keep[lv] ^= bit;
      return false;
    }
    return true;
  }

  /** Whether {@code c} is a member (capacity aside): for tests and for seeds from outside. */
  boolean contains(Candidate c) {
    for (int d = 0; d < DIMS; d++) {
      long product = (long) c.spatial[0][d] * c.spatial[1][d];
      for (int lv = 0; lv < levels; lv++) {
        product *= c.temporal[lv][d];
      }
      if (product != size[d]) {
        return false;
      }
    }
    for (int a = 0; a < 2; a++) {
      for (int d = 0; d < DIMS; d++) {
        if (c.spatial[a][d] > 1 && !allowed[a][d]) {
          return false;
        }
      }
      if (axisProduct(c, a) > limit[a]) {
        return false;
      }
    }
    if (!leadsSpread(c)) {
      return false;
    }
    for (int lv = 0; lv < levels; lv++) {
      int seen = 0;
      boolean inside = false;
      for (int i = 0; i < DIMS; i++) {
        int d = c.order[lv][i];
        seen |= 1 << d;
        if (lv < peLevels && c.temporal[lv][d] > 1) {
          if (inside && !innerAtPe[d]) {
            return false;
          }
          inside |= innerAtPe[d];
        }
      }
      if (seen != (1 << DIMS) - 1 || (c.keep[lv] & ~canKeep[lv]) != 0) {
        return false;
      }
      for (int d = 0; d < DIMS; d++) {
        if (c.temporal[lv][d] > 1 && (levelsOf[d] & (1 << lv)) == 0) {
          return false;
        }
      }
    }
    return c.keep[dram] == canKeep[dram] && keepsValid(c);
  }
}
