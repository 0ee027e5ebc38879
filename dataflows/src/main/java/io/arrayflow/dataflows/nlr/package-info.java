/**
 * The no-local-reuse baseline of the Eyeriss dataflow comparison on the multicast NoC: nothing
 * stays in the PEs; reuse comes only from multicast and from partial sums added across the array
 * ({@code NoLocalReuse}).
 */
package io.arrayflow.dataflows.nlr;
