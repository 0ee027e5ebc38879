/**
 * The mapper (docs/mapping.md, "The mapper"): for a layer and a dataflow on a multicast
 * architecture, {@code Mapper} searches the family's mapping space ({@code Space}, listed whole by
 * {@code Enumeration} when small, otherwise annealed in seeded chunks by {@code Search}) for the
 * lowest energy, cycles or EDP ({@code Objective}, {@code MapperOptions}) of the analytical model,
 * scored without allocation by {@code Evaluator}, which equals {@code MulticastExecutor.analytical}
 * and {@code EnergyCost} exactly. A layer with an awkward dimension may run as two slices ({@code
 * Slice}); {@code LayerPlan} runs a plan's parts on the executors at every fidelity.
 */
package io.arrayflow.dataflows.mapper;
