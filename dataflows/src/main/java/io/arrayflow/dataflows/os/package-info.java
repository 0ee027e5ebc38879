/**
 * The output-stationary dataflow on the multicast NoC: each PE keeps a tile of partial sums and
 * accumulates them in place while weights and inputs stream in ({@code OutputStationary}).
 */
package io.arrayflow.dataflows.os;
