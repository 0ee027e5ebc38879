package io.arrayflow.dataflows.systolic;

import io.arrayflow.sim.stats.Stats;

/**
 * The result of stepping one layer through a {@link SystolicArray} (SCALE-Sim v2 timing, Samajdar
 * et al., ISPASS 2020): the full output tensor ({@code IntTensor} or {@code FloatTensor}, layout
 * {@code [N][G*M][P][Q]}), the stepped cycle count, the real MACs performed, the utilisation {@code
 * macs / (cycles · rows · cols)} and the access counts as an immutable {@link Stats}.
 *
 * @param <T> the output tensor type
 */
public record SystolicRun<T>(
    SystolicDataflow dataflow, T output, long cycles, long macs, double utilization, Stats stats) {}
