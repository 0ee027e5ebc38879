/**
 * Per-action energy: the built-in tables (eyeriss-65nm after Chen et al., ISCA 2016; horowitz-45nm
 * after Horowitz, ISSCC 2014; accelergy-like after Wu et al., ICCAD 2019), user tables loaded from
 * YAML and validated with every error collected ({@link io.arrayflow.energy.EnergyTables}), and the
 * lookups the simulator multiplies its access counts by ({@link io.arrayflow.energy.EnergyModel}):
 * MAC by operand and accumulator bits, RF and GLB by size and access width, NoC per delivery and
 * hop, DRAM per block and technology, vector ops and leakage. Bit-width scaling and size
 * interpolation happen only where a table states them; see docs/energy.md.
 */
package io.arrayflow.energy;
