/**
 * Running layers end to end: {@link io.arrayflow.dataflows.run.LayerRunner} picks the executor for
 * the architecture's NoC kind and the dataflow's mapping, runs it at the asked fidelity, costs the
 * counts with the energy table, and verifies cycle-level outputs against the reference engine
 * ({@link io.arrayflow.dataflows.run.ScaleDown} shrinks layers too large for that).
 */
package io.arrayflow.dataflows.run;
