package io.arrayflow.dataflows.mapspace;

import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.workloads.spec.OpSpec;

/**
 * A dataflow as a family of mappings (Chen et al., ISCA 2016, Section IV: a dataflow fixes which
 * operand stays in the PE and which dimensions are spread over the array; the tiling is free):
 * {@link #choose} picks one member that fits a hierarchy, deterministically, or returns why none
 * fits. {@link #space} is the whole family, which the mapper searches; {@link #choose} is the
 * family's fixed rule, one member of it that the search starts from.
 */
public interface MappingFamily {
  /**
   * A member of the family for {@code spec} on {@code h} that MappingCheck accepts, or why none.
   */
  MappingChoice choose(OpSpec spec, Hierarchy h);

  /** The family as a mapping space: spatial dimensions per axis and the stationary operand. */
  FamilySpace space();
}
