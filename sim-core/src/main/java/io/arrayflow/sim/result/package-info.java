/**
 * Result records that the executors fill and the reports write: one {@link
 * io.arrayflow.sim.result.LayerResult} per architecture × workload × layer × dataflow × {@link
 * io.arrayflow.sim.result.Fidelity}, with its {@link io.arrayflow.sim.result.EnergyBreakdown} and
 * the access counts as a {@link io.arrayflow.sim.stats.Stats} snapshot.
 */
package io.arrayflow.sim.result;
