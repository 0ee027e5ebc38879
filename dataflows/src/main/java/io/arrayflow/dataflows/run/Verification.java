package io.arrayflow.dataflows.run;

import io.arrayflow.dataflows.Dataflow;

/**
 * The verdict of running one layer at cycle fidelity with real values and comparing its outputs
 * with the reference engine's: integer datapaths must match bit for bit, float ones within {@code
 * 1e-4} of the reference tensor's largest magnitude.
 *
 * @param layer the layer's name (with {@code @scaled} when a scaled-down copy ran)
 * @param dataflow the dataflow
 * @param pass whether the outputs matched
 * @param maxAbsError the largest absolute difference from the reference
 * @param tolerance the largest difference allowed (0 for integers)
 * @param macs MACs of the op that ran
 * @param cycles cycles the cycle-level run took
 * @param note what else the user must know (scaled down from which shape), or empty
 */
public record Verification(
    String layer,
    Dataflow dataflow,
    boolean pass,
    double maxAbsError,
    double tolerance,
    long macs,
    long cycles,
    String note) {}
