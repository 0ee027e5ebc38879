/**
 * The weight-stationary dataflow on the multicast NoC: each PE keeps a tile of weights while the
 * inputs stream past it and partial sums are reduced across the rows ({@code WeightStationary}).
 */
package io.arrayflow.dataflows.ws;
