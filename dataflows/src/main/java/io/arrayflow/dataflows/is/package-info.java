/**
 * The input-stationary dataflow on the multicast NoC: each PE keeps a tile of inputs while the
 * filters stream past it ({@code InputStationary}).
 */
package io.arrayflow.dataflows.is;
