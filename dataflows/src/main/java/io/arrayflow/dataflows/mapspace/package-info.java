/**
 * Mapping spaces: a dataflow is a family of mappings (which operand stays in the PE, which
 * dimensions are spatial), and a {@code MappingFamily} picks one member for an op on a storage
 * hierarchy, or says as a value why no member fits. {@code StationaryHeuristic} is the shared
 * greedy procedure behind the weight-, output- and input-stationary families of {@code
 * dataflows.ws}, {@code .os} and {@code .is}.
 */
package io.arrayflow.dataflows.mapspace;
