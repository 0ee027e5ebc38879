/**
 * The discrete-event kernel: a priority queue of {@link io.arrayflow.sim.kernel.Event}s ordered by
 * cycle, then by insertion sequence number, so that events of one cycle fire in the order they were
 * scheduled (as CloudSim Plus breaks ties by a serial). Actions are typed lambdas, never tags with
 * payloads; scheduling into the past throws; a run reports how it ended as a {@link
 * io.arrayflow.sim.kernel.RunOutcome}.
 */
package io.arrayflow.sim.kernel;
