/**
 * Dense tensors for the reference engine: {@link io.arrayflow.workloads.tensor.FloatTensor}
 * (float32) and {@link io.arrayflow.workloads.tensor.IntTensor} (int operands in an int8/int16
 * range, int32 accumulation), each a shape plus one flat row-major primitive array (NCHW for
 * activations), with deterministic seeded initialisation from {@link java.util.SplittableRandom} so
 * that every run, test and simulator check sees the same values.
 */
package io.arrayflow.workloads.tensor;
