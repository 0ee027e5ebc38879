/**
 * The three executors of the multicast NoC (Eyeriss-style row and column buses, Chen et al., JSSC
 * 2017) for a mapping from {@code dataflows.mapping}: analytical (closed-form counts and a cycle
 * bound), event (segments of GLB tiles on the DRAM component, step costs in closed form) and cycle
 * (every PE stepped with real values in its register files), all timed as docs/execution.md says.
 */
package io.arrayflow.dataflows.multicast;
