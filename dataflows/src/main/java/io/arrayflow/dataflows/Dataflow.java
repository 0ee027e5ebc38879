package io.arrayflow.dataflows;

import io.arrayflow.dataflows.is.InputStationary;
import io.arrayflow.dataflows.mapspace.MappingFamily;
import io.arrayflow.dataflows.nlr.NoLocalReuse;
import io.arrayflow.dataflows.os.OutputStationary;
import io.arrayflow.dataflows.rs.RowStationary;
import io.arrayflow.dataflows.ws.WeightStationary;
import io.arrayflow.sim.spec.Keyed;
import java.util.ArrayList;
import java.util.List;

/**
 * The named dataflows, each a family of mappings defined by which operands stay in the PE and which
 * dimensions are spread over the array (Chen et al., "Eyeriss: A Spatial Architecture for
 * Energy-Efficient Dataflow for Convolutional Neural Networks", ISCA 2016, Sections IV and V):
 * weight-, output-, input- and row-stationary, and the no-local-reuse baseline. Each constant
 * carries the factory of its {@link MappingFamily}. A systolic NoC runs WS, OS and IS as fold
 * schedules; RS and NLR need a multicast NoC.
 */
public enum Dataflow implements Keyed {
  /** Weight-stationary: a weight stays in the PE while inputs stream past it. */
  WS(WeightStationary.FAMILY, true, true),
  /** Output-stationary: a partial sum stays in the PE until its output is complete. */
  OS(OutputStationary.FAMILY, true, true),
  /** Input-stationary: an input stays in the PE while the filters stream past it. */
  IS(InputStationary.FAMILY, true, true),
  /** Row-stationary: a filter row stays in the PE while an ifmap row slides past it. */
  RS(RowStationary.FAMILY, false, true),
  /** No local reuse: nothing stays in the PE (a baseline; not in {@code all}). */
  NLR(NoLocalReuse.FAMILY, false, false);

  private final MappingFamily family;
  private final boolean systolic;
  private final boolean inAll;

  Dataflow(MappingFamily family, boolean systolic, boolean inAll) {
    this.family = family;
    this.systolic = systolic;
    this.inAll = inAll;
  }

  /** The dataflow whose key is {@code key} ({@code ws}, {@code os}, {@code is}, {@code rs}, …). */
  public static Dataflow named(String key) {
    return Keyed.named(Dataflow.class, key);
  }

  /** This dataflow's mapping family (immutable, shared). */
  public MappingFamily family() {
    return family;
  }

  /** Whether a systolic NoC runs this dataflow (as a fold schedule). */
  public boolean runsOnSystolic() {
    return systolic;
  }

  /**
   * What {@code all} means on a NoC: WS, OS, IS and RS on a multicast NoC, WS, OS and IS on a
   * systolic one.
   */
  public static List<Dataflow> all(boolean systolicNoc) {
    List<Dataflow> out = new ArrayList<>();
    for (Dataflow d : values()) {
      if (d.inAll && (d.systolic || !systolicNoc)) {
        out.add(d);
      }
    }
    return out;
  }
}
