package io.arrayflow.sim.result;

import io.arrayflow.sim.stats.Stats;
import java.util.Objects;

/**
 * The result of running one layer of one workload with one dataflow on one architecture at one
 * fidelity: MACs, cycles and the stall cycles among them, utilization (MACs over PE-cycles, 0..1),
 * latency in milliseconds, energy by component and the access counts per level × operand × action,
 * and a note on how it ran when that needs saying (a vector layer fused into the one before it,
 * where a KV cache was read from, the MACs a causal mask let the array skip; empty otherwise). The
 * dataflow is its key ({@code ws}, {@code os}, …) since dataflows live in a module above this one.
 */
public record LayerResult(
    String arch,
    String workload,
    String layer,
    String dataflow,
    Fidelity fidelity,
    long macs,
    long cycles,
    long stallCycles,
    double utilization,
    double latencyMs,
    EnergyBreakdown energy,
    Stats accesses,
    String note) {

  /** Checks the invariants every result holds. */
  public LayerResult {
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(dataflow, "dataflow");
    Objects.requireNonNull(fidelity, "fidelity");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(accesses, "accesses");
    Objects.requireNonNull(note, "note");
    if (macs < 0 || cycles < 0 || stallCycles < 0 || stallCycles > cycles) {
      throw new IllegalArgumentException(
          "need 0 <= macs, 0 <= stallCycles <= cycles; was macs="
              + macs
              + " cycles="
              + cycles
              + " stallCycles="
              + stallCycles);
    }
    if (!(utilization >= 0 && utilization <= 1)) {
      throw new IllegalArgumentException("utilization must be in 0..1, was " + utilization);
    }
    if (!(latencyMs >= 0)) {
      throw new IllegalArgumentException("latencyMs must be >= 0, was " + latencyMs);
    }
  }

  /** A result without a note. */
  public LayerResult(
      String arch,
      String workload,
      String layer,
      String dataflow,
      Fidelity fidelity,
      long macs,
      long cycles,
      long stallCycles,
      double utilization,
      double latencyMs,
      EnergyBreakdown energy,
      Stats accesses) {
    this(
        arch,
        workload,
        layer,
        dataflow,
        fidelity,
        macs,
        cycles,
        stallCycles,
        utilization,
        latencyMs,
        energy,
        accesses,
        "");
  }

  /** This result with the arch column {@code newArch} and the layer column {@code newLayer}. */
  public LayerResult relabeled(String newArch, String newLayer) {
    return with(newArch, newLayer, note);
  }

  /** This result with {@code newNote}. */
  public LayerResult withNote(String newNote) {
    return with(arch, layer, newNote);
  }

  private LayerResult with(String newArch, String newLayer, String newNote) {
    return new LayerResult(
        newArch,
        workload,
        newLayer,
        dataflow,
        fidelity,
        macs,
        cycles,
        stallCycles,
        utilization,
        latencyMs,
        energy,
        accesses,
        newNote);
  }
}
