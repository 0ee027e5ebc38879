/**
 * Off-chip DRAM behind one interface, {@link io.arrayflow.memory.dram.Dram}: the {@code simple}
 * model (a bandwidth, fractional bytes per core cycle allowed, and a fixed latency, requests served
 * in order) and a timing model of channels, banks and row buffers with tRCD/tCL/tRP/tRAS, bursts
 * and all-bank refresh, in the spirit of DRAMSim and Ramulator, converted exactly to core cycles.
 */
package io.arrayflow.memory.dram;
