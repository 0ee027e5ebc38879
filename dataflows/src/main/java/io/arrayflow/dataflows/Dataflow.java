package io.arrayflow.dataflows;

import io.arrayflow.dataflows.is.InputStationary;
import io.arrayflow.dataflows.mapspace.MappingFamily;
import io.arrayflow.dataflows.os.OutputStationary;
import io.arrayflow.dataflows.ws.WeightStationary;
import io.arrayflow.sim.spec.Keyed;
import java.util.function.Supplier;

/**
 * The named dataflows, each a family of mappings defined by which operand stays in the PE and which
 * dimensions may be spatial (Chen et al., "Eyeriss: A Spatial Architecture for Energy-Efficient
 * Dataflow for Convolutional Neural Networks", ISCA 2016, Section IV): weight-, output- and
 * input-stationary. Each constant carries the factory of its {@link MappingFamily}. Row-stationary
 * joins with its own issue.
 */
public enum Dataflow implements Keyed {
  /** Weight-stationary: a weight stays in the PE while inputs stream past it. */
  WS(WeightStationary::new),
  /** Output-stationary: a partial sum stays in the PE until its output is complete. */
  OS(OutputStationary::new),
  /** Input-stationary: an input stays in the PE while the filters stream past it. */
  IS(InputStationary::new);

  private final Supplier<MappingFamily> family;

  Dataflow(Supplier<MappingFamily> family) {
    this.family = family;
  }

  /** The dataflow whose key is {@code key} ({@code ws}, {@code os}, {@code is}). */
  public static Dataflow named(String key) {
    return Keyed.named(Dataflow.class, key);
  }

  /** A new instance of this dataflow's mapping family. */
  public MappingFamily family() {
    return family.get();
  }
}
