/**
 * The mapping model: a storage {@link io.arrayflow.dataflows.mapping.Hierarchy} (levels innermost
 * to outermost around a PE array, independent of any config format), an immutable {@link
 * io.arrayflow.dataflows.mapping.Mapping} of one op onto it (temporal factors and loop order per
 * level, spatial factors on array rows and columns, keep/bypass per operand), its validation as a
 * value ({@link io.arrayflow.dataflows.mapping.MappingCheck}, {@link
 * io.arrayflow.dataflows.mapping.MappingResult}), the flattened {@link
 * io.arrayflow.dataflows.mapping.LoopNest} that the analyses and executors walk, and the tile
 * geometry they share (a tile's new words per loop step, and the union of the PEs' tiles, {@link
 * io.arrayflow.dataflows.mapping.TileUnion}).
 */
package io.arrayflow.dataflows.mapping;
