/**
 * The model zoo: each built-in network written once against a small graph builder that either
 * traces shapes (to list the network's layers as {@link io.arrayflow.workloads.spec.OpSpec}s and
 * {@link io.arrayflow.workloads.spec.VectorOpSpec}s, in execution order) or executes them in the
 * reference engine with seeded weights (a float forward pass), so the layer list the simulator runs
 * and the forward pass its outputs are checked against cannot drift apart. {@link
 * io.arrayflow.workloads.zoo.ModelZoo} is the registry; {@link io.arrayflow.workloads.zoo.Model} is
 * the closed set of networks.
 */
package io.arrayflow.workloads.zoo;
