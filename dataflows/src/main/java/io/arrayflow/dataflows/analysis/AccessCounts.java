package io.arrayflow.dataflows.analysis;

import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.workloads.spec.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An immutable snapshot of access counts for one op under one mapping: per storage level (innermost
 * first), operand and action ({@link #ACTIONS}: read, fill, update); per operand, multicast
 * deliveries and spatial reductions on the array's network; MACs, utilised PEs and a
 * bandwidth-bound cycle estimate. Counts at a PE-local level are summed over all PEs.
 */
public final class AccessCounts {
  private static final int ROLES = Role.values().length;

  /** The actions counted per level and operand, in index order. */
  public static final List<AccessAction> ACTIONS =
      List.of(AccessAction.READ, AccessAction.FILL, AccessAction.UPDATE);

  private static final int ACTION_COUNT = ACTIONS.size();

  private final List<String> levels;
  private final long[] counts;
  private final long[] deliveries;
  private final long[] reductions;
  private final long macs;
  private final long utilisedPes;
  private final long computeCycles;
  private final long cycles;
  private final String boundBy;

  /**
   * Wraps counters (copied): {@code counts[(level * 3 + role) * 3 + action]}, per-role network
   * deliveries and reductions, and the cycle estimate with what bounds it.
   */
  public AccessCounts(
      List<String> levels,
      long[] counts,
      long[] deliveries,
      long[] reductions,
      long macs,
      long utilisedPes,
      long computeCycles,
      long cycles,
      String boundBy) {
    if (counts.length != levels.size() * ROLES * ACTION_COUNT
        || deliveries.length != ROLES
        || reductions.length != ROLES) {
      throw new IllegalArgumentException(
          "counter arrays do not match " + levels.size() + " levels");
    }
    this.levels = List.copyOf(levels);
    this.counts = counts.clone();
    this.deliveries = deliveries.clone();
    this.reductions = reductions.clone();
    this.macs = macs;
    this.utilisedPes = utilisedPes;
    this.computeCycles = computeCycles;
    this.cycles = cycles;
    this.boundBy = boundBy;
  }

  static int index(int level, Role role, AccessAction action) {
    if (action.ordinal() >= ACTION_COUNT) {
      throw new IllegalArgumentException(action + " is not counted per level: " + ACTIONS);
    }
    return (level * ROLES + role.ordinal()) * ACTION_COUNT + action.ordinal();
  }

  /** Storage level names, innermost first (the level indices of {@link #count}). */
  public List<String> levels() {
    return levels;
  }

  /** Accesses of {@code action} to {@code role} at level {@code level} (0 = innermost). */
  public long count(int level, Role role, AccessAction action) {
    return counts[index(level, role, action)];
  }

  /** Accesses of {@code action} to {@code role} at the level called {@code level}. */
  public long count(String level, Role role, AccessAction action) {
    return count(levelIndex(level), role, action);
  }

  /** Reads of {@code role} at the level called {@code level}. */
  public long reads(String level, Role role) {
    return count(level, role, AccessAction.READ);
  }

  /** Fills of {@code role} at the level called {@code level}. */
  public long fills(String level, Role role) {
    return count(level, role, AccessAction.FILL);
  }

  /** Updates of {@code role} at the level called {@code level}. */
  public long updates(String level, Role role) {
    return count(level, role, AccessAction.UPDATE);
  }

  /** Accesses of {@code action} at the level called {@code level}, summed over operands. */
  public long total(String level, AccessAction action) {
    int lv = levelIndex(level);
    long sum = 0;
    for (Role r : Role.values()) {
      sum += count(lv, r, action);
    }
    return sum;
  }

  private int levelIndex(String level) {
    int i = levels.indexOf(level);
    if (i < 0) {
      throw new IllegalArgumentException(
          "unknown level '" + level + "'; levels are " + String.join(", ", levels));
    }
    return i;
  }

  /**
   * Words delivered to PEs over the array's network for {@code role} (a multicast counts each
   * receiver).
   */
  public long deliveries(Role role) {
    return deliveries[role.ordinal()];
  }

  /** Additions done on the array's network for {@code role}: partial sums merged on the way up. */
  public long spatialReductions(Role role) {
    return reductions[role.ordinal()];
  }

  /** Multiply-accumulates. */
  public long macs() {
    return macs;
  }

  /** PEs that do work: the product of the spatial factors. */
  public long utilisedPes() {
    return utilisedPes;
  }

  /** Cycles if only the MACs bounded the run: MACs / utilised PEs. */
  public long computeCycles() {
    return computeCycles;
  }

  /** Bandwidth-bound cycle estimate: the max of compute cycles and each level's traffic time. */
  public long cycles() {
    return cycles;
  }

  /** What bounds {@link #cycles()}: {@code compute} or a level name. */
  public String boundBy() {
    return boundBy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessCounts a
        && a.levels.equals(levels)
        && Arrays.equals(a.counts, counts)
        && Arrays.equals(a.deliveries, deliveries)
        && Arrays.equals(a.reductions, reductions)
        && a.macs == macs
        && a.utilisedPes == utilisedPes
        && a.computeCycles == computeCycles
        && a.cycles == cycles
        && a.boundBy.equals(boundBy);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts) * 31 + Long.hashCode(macs);
  }

  /** A fixed-layout table: one row per level and operand, then the network and totals. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-12s %-8s %12s %12s %12s%n",
            "level",
            "operand",
            "reads",
            "fills",
            "updates"));
    for (int lv = levels.size() - 1; lv >= 0; lv--) {
      for (Role r : Role.values()) {
        b.append(
            String.format(
                Locale.ROOT,
                "%-12s %-8s %12d %12d %12d%n",
                levels.get(lv),
                r.key(),
                count(lv, r, AccessAction.READ),
                count(lv, r, AccessAction.FILL),
                count(lv, r, AccessAction.UPDATE)));
      }
    }
    for (Role r : Role.values()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-12s %-8s deliveries %d, reductions %d%n",
              "network",
              r.key(),
              deliveries(r),
              spatialReductions(r)));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "macs %d, utilised PEs %d, compute cycles %d, cycles %d " + "(bound by %s)",
            macs,
            utilisedPes,
            computeCycles,
            cycles,
            boundBy));
    return b.toString();
  }
}
