package io.arrayflow.sim.result;

import java.util.Objects;

/**
 * Energy of one result split by where it was spent (MAC, RF, NoC, GLB, DRAM, vector unit), in the
 * energy table's {@code unit} (e.g. {@code pJ}, or {@code MAC} for the normalised Eyeriss table).
 */
public record EnergyBreakdown(
    double mac, double rf, double noc, double glb, double dram, double vector, String unit) {

  /** Checks every part is finite and non-negative and the unit is named. */
  public EnergyBreakdown {
    Objects.requireNonNull(unit, "unit");
    double[] parts = {mac, rf, noc, glb, dram, vector};
    for (double part : parts) {
      if (!(part >= 0) || Double.isInfinite(part)) {
        throw new IllegalArgumentException("energy parts must be finite and >= 0, was " + part);
      }
    }
  }

  /** No energy, in {@code unit}. */
  public static EnergyBreakdown zero(String unit) {
    return new EnergyBreakdown(0, 0, 0, 0, 0, 0, unit);
  }

  /** Sum of all parts. */
  public double total() {
    return mac + rf + noc + glb + dram + vector;
  }

  /** The part-wise sum; both must share a unit. */
  public EnergyBreakdown plus(EnergyBreakdown other) {
    if (!unit.equals(other.unit)) {
      throw new IllegalArgumentException(
          "cannot add energy in " + other.unit + " to energy in " + unit);
    }
    return new EnergyBreakdown(
        mac + other.mac,
        rf + other.rf,
        noc + other.noc,
        glb + other.glb,
        dram + other.dram,
        vector + other.vector,
        unit);
  }
}
