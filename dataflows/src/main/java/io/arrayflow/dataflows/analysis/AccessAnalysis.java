package io.arrayflow.dataflows.analysis;

import io.arrayflow.dataflows.mapping.Bandwidth;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LoopNest;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapping.MappingResult;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.dataflows.mapping.TileUnion;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed-form access counts of a feasible mapping, in Timeloop's conventions (Parashar et al.,
 * "Timeloop: A Systematic Approach to DNN Accelerator Evaluation", ISPASS 2019) as written up in
 * docs/counting.md. Tiles are hyper-rectangles in each operand's data space; only what changes
 * moves: the words entering a level are the first tile plus, for every temporal loop above it, how
 * often that loop increments times the size of the new tile minus the previous one. A parent across
 * the array reads the union of what its PEs need at each step and the network multicasts it;
 * partial sums of several PEs for one output are added on the network. The cost is a few operations
 * per loop pair and per spatial offset, never per MAC or per iteration.
 */
public final class AccessAnalysis {
  private static final Role[] ROLES = Role.values();

  private AccessAnalysis() {}

  /**
   * Counts for {@code mapping}; an infeasible mapping is a programming error here (check first).
   */
  public static AccessCounts count(OpSpec spec, Hierarchy hierarchy, Mapping mapping) {
    MappingResult result = MappingCheck.check(spec, hierarchy, mapping);
    if (!result.isFeasible()) {
      throw new IllegalArgumentException(
          "cannot count an infeasible mapping of " + spec.name() + ": " + result);
    }
    return count(LoopNest.of(spec, hierarchy, mapping));
  }

  /** Counts for a nest built from a mapping that {@link MappingCheck} found feasible. */
  public static AccessCounts count(LoopNest nest) {
    Hierarchy h = nest.hierarchy();
    int levels = h.size();
    long[] counts = new long[levels * ROLES.length * AccessCounts.ACTIONS.size()];
    long[] deliveries = new long[ROLES.length];
    long[] reductions = new long[ROLES.length];
    long pes = nest.utilisedPes();
    long macs = 1;
    for (int l = 0; l < nest.loops(); l++) {
      macs *= nest.factor(l);
    }
    long reductionFactor = nest.reductionGroup();
    for (Role role : ROLES) {
      int[] keepers = nest.keepers(role);
      int m = keepers.length;
      long[] entries = new long[m];
      long[] instances = new long[m];
      for (int j = 0; j < m; j++) {
        entries[j] = entries(nest, keepers[j], role);
        instances[j] = h.isPeLocal(keepers[j]) ? pes : 1;
      }
      int k0 = keepers[0];
      if (role != Role.OUTPUTS) {
        for (int j = 0; j < m - 1; j++) {
          add(counts, keepers[j], role, AccessAction.FILL, entries[j] * instances[j]);
        }
        for (int j = 1; j < m; j++) {
          long childFills = entries[j - 1] * instances[j - 1];
          if (crosses(h, keepers[j - 1], keepers[j])) {
            add(
                counts,
                keepers[j],
                role,
                AccessAction.READ,
                unionReads(nest, keepers[j - 1], role));
            deliveries[role.ordinal()] += childFills;
          } else {
            add(counts, keepers[j], role, AccessAction.READ, childFills);
          }
        }
        if (h.isPeLocal(k0)) {
          add(counts, k0, role, AccessAction.READ, macs);
        } else {
          add(counts, k0, role, AccessAction.READ, macs / pes * nest.spatialPoints(role));
          deliveries[role.ordinal()] += macs;
        }
      } else {
        long[] fills = new long[m];
        for (int j = 0; j < m - 1; j++) {
          long returns = entries[j] - distinctOutputs(nest, keepers[j]);
          // Across the array only one PE of a reduction group gets the returning partial sum.
          long receivers =
              crosses(h, keepers[j], keepers[j + 1])
                  ? instances[j] / reductionFactor
                  : instances[j];
          fills[j] = returns * receivers;
          add(counts, keepers[j], role, AccessAction.FILL, fills[j]);
        }
        for (int j = 1; j < m; j++) {
          long exits = entries[j - 1] * instances[j - 1];
          boolean crossing = crosses(h, keepers[j - 1], keepers[j]);
          long arriving = crossing ? exits / reductionFactor : exits;
          add(counts, keepers[j], role, AccessAction.UPDATE, arriving);
          add(counts, keepers[j], role, AccessAction.READ, fills[j - 1]);
          reductions[role.ordinal()] += exits - arriving;
          if (crossing) {
            deliveries[role.ordinal()] += fills[j - 1];
          }
        }
        long arriving = h.isPeLocal(k0) ? macs : macs / reductionFactor;
        long zeroStarts = entries[0] * instances[0] - fills[0];
        add(counts, k0, role, AccessAction.UPDATE, arriving);
        add(counts, k0, role, AccessAction.READ, arriving - zeroStarts);
        reductions[role.ordinal()] += macs - arriving;
      }
    }
    long computeCycles = macs / pes;
    double worst = computeCycles;
    String boundBy = "compute";
    for (int lv = 0; lv < levels; lv++) {
      double t = trafficCycles(counts, h, lv, pes);
      if (t > worst) {
        worst = t;
        boundBy = h.level(lv).name();
      }
    }
    List<String> names = new ArrayList<>();
    for (StorageLevel l : h.levels()) {
      names.add(l.name());
    }
    return new AccessCounts(
        names,
        counts,
        deliveries,
        reductions,
        macs,
        pes,
        computeCycles,
        (long) Math.ceil(worst),
        boundBy);
  }

  private static void add(long[] counts, int level, Role role, AccessAction action, long value) {
    counts[AccessCounts.index(level, role, action)] += value;
  }

  /** Cycles one instance of level {@code lv} needs to move its words at its bandwidth. */
  private static double trafficCycles(long[] counts, Hierarchy h, int lv, long pes) {
    Bandwidth bw = h.level(lv).bandwidth();
    double perInstance = h.isPeLocal(lv) ? pes : 1;
    double shared = 0;
    double worst = 0;
    for (Role r : ROLES) {
      long words = 0;
      for (AccessAction a : AccessCounts.ACTIONS) {
        words += counts[AccessCounts.index(lv, r, a)];
      }
      double w = words / perInstance;
      if (bw.isPerRole()) {
        worst = Math.max(worst, w / bw.wordsPerCycle(r));
      } else {
        shared += w;
      }
    }
    return bw.isPerRole() ? worst : shared / bw.sharedWordsPerCycle();
  }

  private static boolean crosses(Hierarchy h, int child, int parent) {
    return h.isPeLocal(child) && !h.isPeLocal(parent);
  }

  /** Distinct outputs one instance of {@code level} ever holds (spatial loops above it fixed). */
  private static long distinctOutputs(LoopNest nest, int level) {
    boolean peLocal = nest.hierarchy().isPeLocal(level);
    long d = 1;
    for (int l = 0; l < nest.loops(); l++) {
      boolean fixed = peLocal && nest.isSpatial(l);
      if (!fixed && OpSpec.indexes(Role.OUTPUTS, nest.dim(l))) {
        d *= nest.factor(l);
      }
    }
    return d;
  }

  /**
   * Words entering one instance of {@code level}: the first tile plus, per temporal loop k above
   * the level, increments(k) × |tile after k steps \ tile before|.
   */
  static long entries(LoopNest nest, int level, Role role) {
    long total = nest.tileWords(level, role);
    long outer = 1;
    for (int k = 0; k < nest.start(level); k++) {
      if (nest.isSpatial(k)) {
        continue;
      }
      long inner = outer * nest.factor(k);
      total += (inner - outer) * nest.tileDelta(level, role, k);
      outer = inner;
    }
    return total;
  }

  /**
   * Reads at a parent above the array serving the fills of PE-local level {@code child}: per step
   * the union over PEs of what they newly need ({@link TileUnion}), increments(k) times per
   * temporal loop k above the level.
   */
  private static long unionReads(LoopNest nest, int child, Role role) {
    TileUnion union = TileUnion.of(nest, child, role);
    long total = union.words();
    long outer = 1;
    for (int k = 0; k < nest.start(child); k++) {
      if (nest.isSpatial(k)) {
        continue;
      }
      long inner = outer * nest.factor(k);
      total += (inner - outer) * union.newWords(k);
      outer = inner;
    }
    return total;
  }
}
