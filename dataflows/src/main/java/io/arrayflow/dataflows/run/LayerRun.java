package io.arrayflow.dataflows.run;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.mapper.LayerPlan;
import io.arrayflow.sim.result.LayerResult;
import java.util.List;

/**
 * One layer under one dataflow: its result and the mapping or fold schedule that produced it, or,
 * when no mapping of the dataflow fits the architecture, the reasons (a value, not an exception).
 *
 * @param layer the layer's name
 * @param dataflow the dataflow asked for
 * @param result the result; {@code null} when unmapped
 * @param mapping a one-line description of what ran; empty when unmapped
 * @param plan the mapping or mappings that ran on a multicast NoC; null for a fold schedule, the
 *     vector unit, or when unmapped
 * @param reasons why nothing could run; empty when mapped
 */
public record LayerRun(
    String layer,
    Dataflow dataflow,
    LayerResult result,
    String mapping,
    LayerPlan plan,
    List<String> reasons) {

  /** Copies the reasons; exactly one of result and reasons is present. */
  public LayerRun {
    reasons = List.copyOf(reasons);
    if ((result == null) == reasons.isEmpty()) {
      throw new IllegalArgumentException("a layer run has a result or reasons, not both or none");
    }
  }

  /** A layer that ran as {@code plan} (null: a fold schedule or the vector unit). */
  public static LayerRun of(
      String layer, Dataflow dataflow, LayerResult result, String mapping, LayerPlan plan) {
    return new LayerRun(layer, dataflow, result, mapping, plan, List.of());
  }

  /** A layer no mapping of the dataflow fits. */
  public static LayerRun unmapped(String layer, Dataflow dataflow, List<String> reasons) {
    return new LayerRun(layer, dataflow, null, "", null, reasons);
  }

  /** Whether the layer ran. */
  public boolean mapped() {
    return result != null;
  }

  /** This run under the layer name {@code name}. */
  public LayerRun renamed(String name) {
    if (name.equals(layer)) {
      return this;
    }
    LayerResult r = result == null ? null : result.relabeled(result.arch(), name);
    return new LayerRun(name, dataflow, r, mapping, plan, reasons);
  }

  /** This run with {@code note} added to its result's note (after a "; "); unmapped: as it is. */
  public LayerRun withNote(String note) {
    if (result == null || note.isEmpty()) {
      return this;
    }
    String notes = result.note().isEmpty() ? note : result.note() + "; " + note;
    return new LayerRun(layer, dataflow, result.withNote(notes), mapping, plan, reasons);
  }
}
