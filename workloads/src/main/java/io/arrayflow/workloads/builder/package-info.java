/**
 * User-written layers, as the YAML workload loader reads them: one record per layer type (conv, fc,
 * matmul, vector op) in the loader's own terms (total channels, groups, kernel size), each able to
 * list every problem with its values — field, bad value, what is allowed — instead of throwing, and
 * {@link io.arrayflow.workloads.builder.WorkloadBuilder} to validate a whole list at once and turn
 * it into a {@link io.arrayflow.workloads.zoo.Workload}.
 */
package io.arrayflow.workloads.builder;
