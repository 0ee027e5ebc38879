/**
 * Statistics: access counts keyed by ({@link io.arrayflow.sim.stats.Level}, operand or none, {@link
 * io.arrayflow.sim.stats.AccessAction}), busy cycles per component, stall cycles by {@link
 * io.arrayflow.sim.stats.StallCause} and component {@link io.arrayflow.sim.stats.Metric}s. A
 * component counts into its private mutable {@link io.arrayflow.sim.stats.Counters} (primitive
 * arrays indexed by ordinals) and hands out immutable, mergeable {@link
 * io.arrayflow.sim.stats.Stats} snapshots. Counting follows Timeloop: reads, fills (writes from the
 * parent level) and updates (partial-sum writes from below), one count per access block.
 */
package io.arrayflow.sim.stats;
