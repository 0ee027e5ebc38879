package io.arrayflow.dataflows.exec;

/**
 * A cycle-fidelity run that carried real values: its {@link Execution} and the output tensor it
 * produced ({@code IntTensor} or {@code FloatTensor}, layout {@code [N][G*M][P][Q]}), to be
 * compared with the reference engine's.
 *
 * @param <T> the output tensor type
 */
public record ValueRun<T>(Execution execution, T output) {}
