/**
 * The global buffer: a banked SRAM (word-interleaved banks, a per-bank port limit, a conflict costs
 * a cycle), capacity per operand partition or shared, and double buffering modelled as two tile
 * buffers with ready and free cycles, so that the next tile fills while the current one is
 * consumed. One access moves one bank word, e.g. four 16-bit values in a 64-bit word.
 */
package io.arrayflow.memory.glb;
