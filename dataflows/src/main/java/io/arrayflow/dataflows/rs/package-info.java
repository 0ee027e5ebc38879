/**
 * The row-stationary dataflow of the Eyeriss papers on the multicast NoC: filter rows over the
 * array's rows, output rows over its columns, each PE sliding an ifmap row past a filter row and
 * accumulating a psum row, psums reduced vertically ({@code RowStationary}).
 */
package io.arrayflow.dataflows.rs;
