package io.arrayflow.dataflows.analysis;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpKind;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded random small ops, hierarchies and valid mappings for the property and oracle tests. */
public final class RandomCases {
  private RandomCases() {}

  /** One random case. */
  public record Case(long seed, OpSpec spec, Hierarchy hierarchy, Mapping mapping) {
    @Override
    public String toString() {
      return "seed "
          + seed
          + ": "
          + spec
          + "\nlevels "
          + hierarchy.namesOutermostFirst()
          + " "
          + hierarchy.rows()
          + "x"
          + hierarchy.cols()
          + "\n"
          + mapping;
    }
  }

  /** A small conv with stride, dilation, padding, groups and batch, at most {@code maxMacs}. */
  public static OpSpec spec(Random rnd, long maxMacs) {
    while (true) {
      int n = 1 + rnd.nextInt(2);
      int g = 1 + rnd.nextInt(2);
      int m = 1 + rnd.nextInt(4);
      int c = 1 + rnd.nextInt(4);
      int r = 1 + rnd.nextInt(3);
      int s = 1 + rnd.nextInt(3);
      int strideH = 1 + rnd.nextInt(2);
      int strideW = 1 + rnd.nextInt(2);
      int dilH = 1 + rnd.nextInt(2);
      int dilW = 1 + rnd.nextInt(2);
      int padH = rnd.nextInt(2);
      int padW = rnd.nextInt(2);
      int p = 1 + rnd.nextInt(4);
      int q = 1 + rnd.nextInt(4);
      int hIn = (p - 1) * strideH + (r - 1) * dilH + 1 - 2 * padH + rnd.nextInt(strideH);
      int wIn = (q - 1) * strideW + (s - 1) * dilW + 1 - 2 * padW + rnd.nextInt(strideW);
      if (!OpSpec.problems(n, g, m, c, hIn, wIn, r, s, strideH, strideW, dilH, dilW, padH, padW)
          .isEmpty()) {
        continue;
      }
      OpSpec spec =
          new OpSpec(
              "random",
              OpKind.CONV,
              n,
              g,
              m,
              c,
              hIn,
              wIn,
              r,
              s,
              strideH,
              strideW,
              dilH,
              dilW,
              padH,
              padW,
              true);
      if (spec.macs() <= maxMacs) {
        return spec;
      }
    }
  }

  private static StorageLevel level(String name, Set<Role> roles) {
    return StorageLevel.of(name, Capacity.unbounded(), false).keeping(roles);
  }

  /** One of: shared RF + GLB + DRAM; nested per-operand RFs + GLB + DRAM; GLB + DRAM; RF + DRAM. */
  public static Hierarchy hierarchy(Random rnd) {
    int rows = 1 + rnd.nextInt(3);
    int cols = 1 + rnd.nextInt(3);
    Set<Role> all = EnumSet.allOf(Role.class);
    List<StorageLevel> shared = List.of(level("glb", all), level("dram", all));
    return switch (rnd.nextInt(4)) {
      case 0 -> Hierarchy.of(List.of(level("rf", all)), rows, cols, shared);
      case 1 -> {
        List<StorageLevel> pads =
            new ArrayList<>(
                List.of(
                    level("rf.outputs", EnumSet.of(Role.OUTPUTS)),
                    level("rf.weights", EnumSet.of(Role.WEIGHTS)),
                    level("rf.inputs", EnumSet.of(Role.INPUTS))));
        Collections.shuffle(pads, rnd);
        yield Hierarchy.of(pads, rows, cols, shared);
      }
      case 2 -> Hierarchy.of(List.of(), rows, cols, shared);
      default -> Hierarchy.of(List.of(level("rf", all)), rows, cols, List.of(level("dram", all)));
    };
  }

  /** A random valid mapping: every prime factor of every dimension goes to a random slot. */
  public static Mapping mapping(Random rnd, OpSpec spec, Hierarchy h) {
    int levels = h.size();
    int[][] temporal = new int[levels][Dim.values().length];
    int[][] spatial = new int[2][Dim.values().length];
    for (int[] t : temporal) {
      java.util.Arrays.fill(t, 1);
    }
    java.util.Arrays.fill(spatial[0], 1);
    java.util.Arrays.fill(spatial[1], 1);
    long[] used = {1, 1};
    int[] limit = {h.rows(), h.cols()};
    for (Dim d : Dim.values()) {
      for (int prime : primes(spec.size(d))) {
        int slot = rnd.nextInt(levels + 2);
        if (slot >= levels) {
          int axis = slot - levels;
          if (used[axis] * prime <= limit[axis]) {
            used[axis] *= prime;
            spatial[axis][d.ordinal()] *= prime;
            continue;
          }
          slot = rnd.nextInt(levels);
        }
        temporal[slot][d.ordinal()] *= prime;
      }
    }
    Mapping.Builder b = Mapping.builder();
    for (int lv = levels - 1; lv >= 0; lv--) {
      StorageLevel level = h.level(lv);
      b.level(level.name());
      for (Dim d : Dim.values()) {
        b.temporal(d, temporal[lv][d.ordinal()]);
      }
      List<Dim> order = new ArrayList<>(List.of(Dim.values()));
      Collections.shuffle(order, rnd);
      b.order(order);
      if (lv < levels - 1 && rnd.nextInt(3) == 0) {
        List<Role> keep = new ArrayList<>();
        for (Role r : level.canKeep()) {
          if (rnd.nextBoolean()) {
            keep.add(r);
          }
        }
        b.keep(keep.toArray(new Role[0]));
      }
      if (lv == h.peLevels()) {
        b.level("array");
        for (Axis a : Axis.values()) {
          for (Dim d : Dim.values()) {
            b.spatial(a, d, spatial[a.ordinal()][d.ordinal()]);
          }
        }
      }
    }
    return b.build();
  }

  private static List<Integer> primes(int n) {
    List<Integer> out = new ArrayList<>();
    for (int p = 2; n > 1; p++) {
      while (n % p == 0) {
        out.add(p);
        n /= p;
      }
    }
    return out;
  }

  /** The case for {@code seed}. */
  public static Case of(long seed, long maxMacs) {
    Random rnd = new Random(seed);
    OpSpec spec = spec(rnd, maxMacs);
    Hierarchy h = hierarchy(rnd);
    return new Case(seed, spec, h, mapping(rnd, spec, h));
  }
}
