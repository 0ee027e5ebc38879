/**
 * Mapping spaces: a dataflow is a family of mappings (which operand stays in the PE, which
 * dimensions are spatial). A {@code MappingFamily} gives its space ({@code FamilySpace}), which the
 * mapper of {@code dataflows.mapper} searches, and a fixed rule that picks one member for an op on
 * a storage hierarchy, or says as a value why it cannot; the search starts from it. {@code
 * StationaryHeuristic} is the shared greedy rule behind the weight-, output- and input-stationary
 * families of {@code dataflows.ws}, {@code .os} and {@code .is}.
 */
package io.arrayflow.dataflows.mapspace;
