package io.arrayflow.dataflows.mapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every member of a small {@link Space}, for exhaustive search: each spatial assignment (a task of
 * its own, so tasks run in parallel and merge in order), each ordered factorisation of what is left
 * of every dimension over the levels where the family lets it loop, each keep assignment, and each
 * loop order of the levels' factors above 1 (only their relative order changes a count). Pruning: a
 * factor and keep assignment whose tiles overflow is judged once, not once per loop order.
 */
final class Enumeration {
  private final Space s;
  private final List<int[][]> spatials = new ArrayList<>();
  private final Map<Integer, int[][]> chains = new HashMap<>();
  private final List<int[]> keeps = new ArrayList<>();
  private final boolean complete;

  /** Lists the spatial assignments and keep lists, giving up beyond {@code cap} of either. */
  Enumeration(Space s, long cap) {
    this.s = s;
    int[][] ones = new int[2][Space.DIMS];
    java.util.Arrays.fill(ones[0], 1);
    java.util.Arrays.fill(ones[1], 1);
    boolean ok = spatial(0, 0, 1, ones, cap);
    int[] keep = new int[s.levels];
    keep[s.dram] = s.canKeep[s.dram];
    ok &= keeps(0, keep, cap);
    complete = ok;
  }

  private boolean spatial(int a, int d, int product, int[][] f, long cap) {
    if (a == 2) {
      int[][] copy = {f[0].clone(), f[1].clone()};
      Candidate probe = new Candidate(s.levels);
      probe.spatial[0] = copy[0];
      probe.spatial[1] = copy[1];
      if (s.leadsSpread(probe)) {
        spatials.add(copy);
      }
      return spatials.size() <= cap;
    }
    if (d == Space.DIMS) {
      return spatial(a + 1, 0, 1, f, cap);
    }
    if (!s.allowed[a][d]) {
      return spatial(a, d + 1, product, f, cap);
    }
    int left = s.size[d] / (a == 1 ? f[0][d] : 1);
    for (int k = 1; k <= left && (long) product * k <= s.limit[a]; k++) {
      if (left % k == 0) {
        f[a][d] = k;
        if (!spatial(a, d + 1, product * k, f, cap)) {
          f[a][d] = 1;
          return false;
        }
      }
    }
    f[a][d] = 1;
    return true;
  }

  private boolean keeps(int lv, int[] keep, long cap) {
    if (lv == s.dram) {
      Candidate probe = new Candidate(s.levels);
      System.arraycopy(keep, 0, probe.keep, 0, s.levels);
      if (s.keepsValid(probe)) {
        keeps.add(keep.clone());
      }
      return keeps.size() <= cap;
    }
    for (int m = 0; m < 8; m++) {
      if ((m & ~s.canKeep[lv]) == 0) {
        keep[lv] = m;
        if (!keeps(lv + 1, keep, cap)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The ordered factorisations of {@code n} into one factor per level, innermost level first. */
  private int[][] chains(int n) {
    return chains.computeIfAbsent(
        n,
        v -> {
          List<int[]> out = new ArrayList<>();
          chain(v, 0, new int[s.levels], out);
          return out.toArray(new int[0][]);
        });
  }

  private void chain(int n, int lv, int[] f, List<int[]> out) {
    if (lv == s.levels - 1) {
      f[lv] = n;
      out.add(f.clone());
      return;
    }
    for (int k = 1; k <= n; k++) {
      if (n % k == 0) {
        f[lv] = k;
        chain(n / k, lv + 1, f, out);
      }
    }
  }

  /** Independent tasks: one per spatial assignment. */
  int tasks() {
    return spatials.size();
  }

  /** The number of members, or {@code cap + 1} if there are more than {@code cap}. */
  long count(long cap) {
    if (!complete) {
      return cap + 1;
    }
    Candidate c = new Candidate(s.levels);
    long[] total = {0};
    for (int t = 0; t < spatials.size(); t++) {
      if (!temporal(t, 0, c, null, null, total, cap)) {
        return cap + 1;
      }
    }
    return total[0];
  }

  /** Scores every member of task {@code t} into {@code front}; counts {valid, invalid}. */
  void run(int t, Evaluator ev, Front front, long[] validInvalid) {
    Candidate c = new Candidate(s.levels);
    temporal(t, 0, c, ev, front, validInvalid, Long.MAX_VALUE);
  }

  /**
   * Fills dimension {@code d}'s temporal factors in every way, then the keep lists and orders. In
   * counting mode ({@code ev} null) adds the members to {@code acc[0]}, false once above {@code
   * cap}.
   */
  private boolean temporal(
      int t, int d, Candidate c, Evaluator ev, Front front, long[] acc, long cap) {
    int[][] sp = spatials.get(t);
    if (d == Space.DIMS) {
      long orders = 1;
      for (int lv = 0; lv < s.levels; lv++) {
        orders *= orderCount(c, lv);
      }
      if (ev == null) {
        acc[0] += orders * keeps.size();
        return acc[0] <= cap;
      }
      for (int[] keep : keeps) {
        System.arraycopy(keep, 0, c.keep, 0, s.levels);
        if (!ev.fits(c)) {
          acc[1] += orders;
          continue;
        }
        orders(c, 0, ev, front, acc);
      }
      return true;
    }
    System.arraycopy(sp[0], 0, c.spatial[0], 0, Space.DIMS);
    System.arraycopy(sp[1], 0, c.spatial[1], 0, Space.DIMS);
    for (int[] chain : chains(s.size[d] / (sp[0][d] * sp[1][d]))) {
      if (!allowed(chain, d)) {
        continue;
      }
      for (int lv = 0; lv < s.levels; lv++) {
        c.temporal[lv][d] = chain[lv];
      }
      if (!temporal(t, d + 1, c, ev, front, acc, cap)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code chain} puts factors of {@code d} only at levels where the family lets it loop.
   */
  private boolean allowed(int[] chain, int d) {
    for (int lv = 0; lv < s.levels; lv++) {
      if (chain[lv] > 1 && (s.levelsOf[d] & (1 << lv)) == 0) {
        return false;
      }
    }
    return true;
  }

  private long orderCount(Candidate c, int lv) {
    int outside = 0;
    int inside = 0;
    for (int d = 0; d < Space.DIMS; d++) {
      if (c.temporal[lv][d] > 1) {
        if (lv < s.peLevels && s.innerAtPe[d]) {
          inside++;
        } else {
          outside++;
        }
      }
    }
    return factorial(outside) * factorial(inside);
  }

  private static long factorial(int n) {
    long f = 1;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }

  /** Every order of level {@code lv} and the levels outside it, then scores the candidate. */
  private void orders(Candidate c, int lv, Evaluator ev, Front front, long[] acc) {
    if (lv == s.levels) {
      if (ev.bound(c)) {
        acc[0]++;
        if (!front.covers(ev.energy(), ev.cycles())) {
          ev.finish();
          front.offer(ev.energy(), ev.cycles(), c);
        }
      } else {
        acc[1]++;
      }
      return;
    }
    // Factors above 1 first (the stationary operand's dimensions outside at PE-local levels),
    // then the rest; the permutations of each group.
    int[] o = c.order[lv];
    int n = 0;
    int outside = 0;
    for (int pass = 0; pass < 3; pass++) {
      for (int d = 0; d < Space.DIMS; d++) {
        boolean big = c.temporal[lv][d] > 1;
        boolean in = lv < s.peLevels && s.innerAtPe[d];
        if ((pass == 0 && big && !in) || (pass == 1 && big && in) || (pass == 2 && !big)) {
          o[n++] = d;
        }
      }
      if (pass == 0) {
        outside = n;
      }
    }
    int nontrivial = 0;
    for (int d = 0; d < Space.DIMS; d++) {
      nontrivial += c.temporal[lv][d] > 1 ? 1 : 0;
    }
    permute(c, lv, 0, outside, nontrivial, ev, front, acc);
  }

  private void permute(
      Candidate c, int lv, int i, int outside, int end, Evaluator ev, Front front, long[] acc) {
    int[] o = c.order[lv];
    if (i == end) {
      orders(c, lv + 1, ev, front, acc);
      return;
    }
    int groupEnd = i < outside ? outside : end;
    for (int j = i; j < groupEnd; j++) {
      swap(o, i, j);
      permute(c, lv, i + 1, outside, end, ev, front, acc);
      swap(o, i, j);
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
