package io.arrayflow.dataflows.analysis;

import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Test-only oracle: walks the loop nest iteration by iteration, keeps the explicit set of data
 * resident in every instance of every level that keeps an operand, and counts what moves. It takes
 * from {@link LoopNest} only the list of loops, where each level's loops start and what each level
 * keeps; strides, tiles, unions and counts are all recomputed here from scratch.
 */
final class BruteForceOracle {
  private static final int DIMS = Dim.values().length;
  private static final int N = Dim.N.ordinal();
  private static final int G = Dim.G.ordinal();
  private static final int M = Dim.M.ordinal();
  private static final int C = Dim.C.ordinal();
  private static final int P = Dim.P.ordinal();
  private static final int Q = Dim.Q.ordinal();
  private static final int R = Dim.R.ordinal();
  private static final int S = Dim.S.ordinal();

  private final OpSpec spec;
  private final Hierarchy h;
  private final LoopNest nest;
  private final int loops;
  private final long[] stride;
  private final int[] temporal;
  private final int pes;
  private final int[][] peIndex;
  private final long[] counts;
  private final long[] deliveries = new long[3];
  private final long[] reductions = new long[3];

  private BruteForceOracle(OpSpec spec, Hierarchy h, Mapping m) {
    this.spec = spec;
    this.h = h;
    this.nest = LoopNest.of(spec, h, m);
    this.loops = nest.loops();
    this.counts = new long[h.size() * 9];
    stride = new long[loops];
    long[] below = new long[DIMS];
    java.util.Arrays.fill(below, 1);
    for (int l = loops - 1; l >= 0; l--) {
      int d = nest.dim(l).ordinal();
      stride[l] = below[d];
      below[d] *= nest.factor(l);
    }
    List<Integer> t = new ArrayList<>();
    List<Integer> sp = new ArrayList<>();
    for (int l = 0; l < loops; l++) {
      (nest.isSpatial(l) ? sp : t).add(l);
    }
    temporal = t.stream().mapToInt(Integer::intValue).toArray();
    int count = 1;
    for (int l : sp) {
      count *= nest.factor(l);
    }
    pes = count;
    peIndex = new int[pes][loops];
    for (int pe = 0; pe < pes; pe++) {
      int rest = pe;
      for (int k = sp.size() - 1; k >= 0; k--) {
        int l = sp.get(k);
        peIndex[pe][l] = rest % nest.factor(l);
        rest /= nest.factor(l);
      }
    }
  }

  /** Exact counts by walking every iteration; slow, for small shapes only. */
  static AccessCounts count(OpSpec spec, Hierarchy h, Mapping m) {
    return new BruteForceOracle(spec, h, m).run();
  }

  private void add(int level, Role role, AccessAction action, long v) {
    counts[(level * 3 + role.ordinal()) * 3 + action.ordinal()] += v;
  }

  private AccessCounts run() {
    long steps = 1;
    for (int l : temporal) {
      steps *= nest.factor(l);
    }
    List<RoleState> states = new ArrayList<>();
    for (Role role : Role.values()) {
      states.add(new RoleState(role));
    }
    int[] idx = new int[loops];
    for (long step = 0; step < steps; step++) {
      long rest = step;
      for (int k = temporal.length - 1; k >= 0; k--) {
        int l = temporal[k];
        idx[l] = (int) (rest % nest.factor(l));
        rest /= nest.factor(l);
      }
      for (RoleState s : states) {
        s.step(idx);
      }
    }
    for (RoleState s : states) {
      s.flush();
    }
    List<String> names = new ArrayList<>();
    for (int lv = 0; lv < h.size(); lv++) {
      names.add(h.level(lv).name());
    }
    return new AccessCounts(
        names, counts, deliveries, reductions, steps * pes, pes, steps, steps, "compute");
  }

  /** Loop-dimension values of instance {@code pe} counting only loops before {@code end}. */
  private long[] base(int[] idx, int pe, int end) {
    long[] b = new long[DIMS];
    for (int l = 0; l < end; l++) {
      int i = nest.isSpatial(l) ? peIndex[pe][l] : idx[l];
      b[nest.dim(l).ordinal()] += i * stride[l];
    }
    return b;
  }

  private long[] extents(int from) {
    long[] e = new long[DIMS];
    java.util.Arrays.fill(e, 1);
    for (int l = from; l < loops; l++) {
      e[nest.dim(l).ordinal()] *= nest.factor(l);
    }
    return e;
  }

  /** The data box of {@code role} spanned by loop values [b, b + e): {lo..., size...}. */
  private long[] box(Role role, long[] b, long[] e) {
    long sh = spec.strideH();
    long sw = spec.strideW();
    long dh = spec.dilationH();
    long dw = spec.dilationW();
    return switch (role) {
      case WEIGHTS -> new long[] {b[G], b[M], b[C], b[R], b[S], e[G], e[M], e[C], e[R], e[S]};
      case INPUTS ->
          new long[] {
            b[N],
            b[G],
            b[C],
            b[P] * sh + b[R] * dh,
            b[Q] * sw + b[S] * dw,
            e[N],
            e[G],
            e[C],
            (e[P] - 1) * sh + (e[R] - 1) * dh + 1,
            (e[Q] - 1) * sw + (e[S] - 1) * dw + 1
          };
      case OUTPUTS -> new long[] {b[N], b[G], b[M], b[P], b[Q], e[N], e[G], e[M], e[P], e[Q]};
    };
  }

  private static Set<Long> points(long[] box) {
    Set<Long> out = new HashSet<>();
    long[] x = new long[5];
    collect(box, 0, x, out);
    return out;
  }

  private static void collect(long[] box, int i, long[] x, Set<Long> out) {
    if (i == 5) {
      long key = 0;
      for (int k = 0; k < 5; k++) {
        key = key * 1024 + x[k];
      }
      out.add(key);
      return;
    }
    for (long v = box[i]; v < box[i] + box[5 + i]; v++) {
      x[i] = v;
      collect(box, i + 1, x, out);
    }
  }

  private Set<Long> macPoint(Role role, int[] idx, int pe) {
    long[] b = base(idx, pe, loops);
    long[] one = new long[DIMS];
    java.util.Arrays.fill(one, 1);
    return points(box(role, b, one));
  }

  /** Residency of one operand in every instance of every level keeping it. */
  private final class RoleState {
    final Role role;
    final int[] keepers;
    final int[] instances;
    final long[][][] boxes;
    final List<List<Set<Long>>> resident = new ArrayList<>();
    final List<List<Set<Long>>> seen = new ArrayList<>();
    final List<Set<Long>> seenGlobal = new ArrayList<>();
    final List<Set<Long>> hasValue = new ArrayList<>();

    RoleState(Role role) {
      this.role = role;
      List<Integer> k = new ArrayList<>();
      for (int lv = 0; lv < h.size(); lv++) {
        if (nest.keeps(lv, role)) {
          k.add(lv);
        }
      }
      keepers = k.stream().mapToInt(Integer::intValue).toArray();
      instances = new int[keepers.length];
      boxes = new long[keepers.length][][];
      for (int j = 0; j < keepers.length; j++) {
        instances[j] = h.isPeLocal(keepers[j]) ? pes : 1;
        boxes[j] = new long[instances[j]][];
        List<Set<Long>> r = new ArrayList<>();
        List<Set<Long>> sn = new ArrayList<>();
        for (int i = 0; i < instances[j]; i++) {
          r.add(new HashSet<>());
          sn.add(new HashSet<>());
        }
        resident.add(r);
        seen.add(sn);
        seenGlobal.add(new HashSet<>());
      }
      for (int i = 0; i < instances[0]; i++) {
        hasValue.add(new HashSet<>());
      }
    }

    boolean crossing(int j) {
      return h.isPeLocal(keepers[j]) && !h.isPeLocal(keepers[j + 1]);
    }

    void step(int[] idx) {
      int m = keepers.length;
      List<List<Set<Long>>> entered = new ArrayList<>();
      List<List<Set<Long>>> exited = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        int lv = keepers[j];
        long[] e = extents(nest.start(lv));
        List<Set<Long>> en = new ArrayList<>();
        List<Set<Long>> ex = new ArrayList<>();
        for (int i = 0; i < instances[j]; i++) {
          long[] box = box(role, base(idx, i, nest.start(lv)), e);
          Set<Long> in = new HashSet<>();
          Set<Long> out = new HashSet<>();
          if (!java.util.Arrays.equals(box, boxes[j][i])) {
            Set<Long> now = points(box);
            Set<Long> before = resident.get(j).get(i);
            for (long x : now) {
              if (!before.contains(x)) {
                in.add(x);
              }
            }
            for (long x : before) {
              if (!now.contains(x)) {
                out.add(x);
              }
            }
            boxes[j][i] = box;
            resident.get(j).set(i, now);
          }
          en.add(in);
          ex.add(out);
        }
        entered.add(en);
        exited.add(ex);
      }
      if (role == Role.OUTPUTS) {
        outputsMove(entered, exited);
      } else {
        inputsMove(entered);
      }
      compute(idx);
    }

    void inputsMove(List<List<Set<Long>>> entered) {
      int m = keepers.length;
      for (int j = 0; j < m - 1; j++) {
        long sum = 0;
        Set<Long> union = new HashSet<>();
        for (Set<Long> s : entered.get(j)) {
          sum += s.size();
          union.addAll(s);
        }
        add(keepers[j], role, AccessAction.FILL, sum);
        if (crossing(j)) {
          add(keepers[j + 1], role, AccessAction.READ, union.size());
          deliveries[role.ordinal()] += sum;
        } else {
          add(keepers[j + 1], role, AccessAction.READ, sum);
        }
      }
    }

    void outputsMove(List<List<Set<Long>>> entered, List<List<Set<Long>>> exited) {
      int m = keepers.length;
      for (int j = 0; j < m - 1; j++) {
        writeBack(j, exited.get(j));
      }
      for (int j = 0; j < m; j++) {
        long fills = 0;
        if (j == m - 1) {
          if (j == 0) {
            for (Set<Long> s : entered.get(0)) {
              hasValue.get(0).removeAll(s);
            }
          }
          continue;
        }
        if (crossing(j)) {
          Set<Long> headTaken = new HashSet<>();
          for (int i = 0; i < instances[j]; i++) {
            for (long x : entered.get(j).get(i)) {
              boolean filled = seenGlobal.get(j).contains(x) && headTaken.add(x);
              fills += filled ? 1 : 0;
              mark(j, i, x, filled);
            }
          }
          for (Set<Long> s : entered.get(j)) {
            seenGlobal.get(j).addAll(s);
          }
        } else {
          for (int i = 0; i < instances[j]; i++) {
            for (long x : entered.get(j).get(i)) {
              boolean filled = !seen.get(j).get(i).add(x);
              fills += filled ? 1 : 0;
              mark(j, i, x, filled);
            }
          }
        }
        add(keepers[j], role, AccessAction.FILL, fills);
        add(keepers[j + 1], role, AccessAction.READ, fills);
        if (crossing(j)) {
          deliveries[role.ordinal()] += fills;
        }
      }
    }

    void mark(int j, int i, long x, boolean filled) {
      if (j == 0) {
        if (filled) {
          hasValue.get(i).add(x);
        } else {
          hasValue.get(i).remove(x);
        }
      }
    }

    void writeBack(int j, List<Set<Long>> exits) {
      long sum = 0;
      Set<Long> union = new HashSet<>();
      for (Set<Long> s : exits) {
        sum += s.size();
        union.addAll(s);
      }
      long arriving = crossing(j) ? union.size() : sum;
      add(keepers[j + 1], role, AccessAction.UPDATE, arriving);
      reductions[role.ordinal()] += sum - arriving;
    }

    void compute(int[] idx) {
      int k0 = keepers[0];
      if (role != Role.OUTPUTS) {
        if (h.isPeLocal(k0)) {
          add(k0, role, AccessAction.READ, pes);
        } else {
          Set<Long> distinct = new HashSet<>();
          for (int pe = 0; pe < pes; pe++) {
            distinct.addAll(macPoint(role, idx, pe));
          }
          add(k0, role, AccessAction.READ, distinct.size());
          deliveries[role.ordinal()] += pes;
        }
        return;
      }
      if (h.isPeLocal(k0)) {
        for (int pe = 0; pe < pes; pe++) {
          for (long x : macPoint(role, idx, pe)) {
            accumulate(pe, x);
          }
        }
      } else {
        Set<Long> distinct = new LinkedHashSet<>();
        for (int pe = 0; pe < pes; pe++) {
          distinct.addAll(macPoint(role, idx, pe));
        }
        for (long x : distinct) {
          accumulate(0, x);
        }
        reductions[role.ordinal()] += pes - distinct.size();
      }
    }

    void accumulate(int instance, long x) {
      if (!hasValue.get(instance).add(x)) {
        add(keepers[0], role, AccessAction.READ, 1);
      }
      add(keepers[0], role, AccessAction.UPDATE, 1);
    }

    void flush() {
      if (role != Role.OUTPUTS) {
        return;
      }
      for (int j = 0; j < keepers.length - 1; j++) {
        writeBack(j, resident.get(j));
      }
    }
  }
}
