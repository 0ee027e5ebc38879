/**
 * The discrete-event timing engine every fidelity above analytical runs on (docs/execution.md). A
 * planner (multicast segments, systolic folds) describes a layer as a {@link
 * io.arrayflow.engine.Schedule} of {@link io.arrayflow.engine.Pass}es: what each pass moves to and
 * from off-chip memory, what it reads and writes in the GLB, what it moves on the NoC, and — asked
 * when the pass starts — how long its compute takes and in which phases. The {@link
 * io.arrayflow.engine.TimingEngine} runs the passes on a {@link io.arrayflow.sim.kernel.Kernel}
 * with the memory components (one {@code Dram} per off-chip memory, the {@code GlobalBuffer} with
 * its bank ports and its tile buffers, a weight FIFO), decides when each transfer is issued (as far
 * ahead as the operand's buffers allow), when each pass starts (its data arrived, the array free),
 * and attributes every cycle the array is not doing MACs to one stall cause. Fidelity only changes
 * where a pass's compute time comes from: a closed form, or the PE array stepped with real values.
 */
package io.arrayflow.engine;
