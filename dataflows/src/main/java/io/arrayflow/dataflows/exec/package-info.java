/**
 * What the three executors (analytical, event, cycle) hand back, independent of the NoC kind: an
 * {@link io.arrayflow.dataflows.exec.Execution} of counts, cycles and stalls, and for cycle
 * fidelity a {@link io.arrayflow.dataflows.exec.ValueRun} with the real output tensor.
 */
package io.arrayflow.dataflows.exec;
