/**
 * Per-PE register files (scratch pads): capacity in words, read and write ports per cycle, and
 * exact counts of reads, fills and updates per operand, one per word, as in Eyeriss's RF level
 * (Chen et al., ISCA 2016).
 */
package io.arrayflow.memory.rf;
