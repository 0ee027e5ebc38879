/**
 * Analytical access counting in Timeloop's conventions (Parashar et al., ISPASS 2019): for a
 * feasible mapping, closed-form reads, fills and updates per storage level and operand, multicast
 * deliveries and spatial reductions on the array's network, MACs and a bandwidth-bound cycle
 * estimate ({@link io.arrayflow.dataflows.analysis.AccessAnalysis}, {@link
 * io.arrayflow.dataflows.analysis.AccessCounts}). The conventions are written up in
 * docs/counting.md.
 */
package io.arrayflow.dataflows.analysis;
