/**
 * Memory components on the sim-core kernel: the global buffer ({@code glb}) with its tile buffers
 * and DRAM ({@code dram}), each built from its spec record, driven by calls made in non-decreasing
 * cycle order, returning completion cycles (exclusive: an access served in cycle {@code c}
 * completes at {@code c + 1}) and counting every access block per operand and action into a {@link
 * io.arrayflow.sim.stats.Stats} snapshot. This package holds what they share: {@link
 * io.arrayflow.memory.PortSchedule}.
 */
package io.arrayflow.memory;
