package io.arrayflow.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A compute energy by bit width: either one value for every width ({@code points} empty) or a value
 * per listed width, scaled from the nearest listed width below only if {@code scaling} says so.
 */
record BitsCurve(
    String entry, double constant, NavigableMap<Integer, Double> points, Scaling scaling) {

  BitsCurve {
    points = new TreeMap<>(points);
  }

  static BitsCurve constant(String entry, double value) {
    return new BitsCurve(entry, value, new TreeMap<>(), Scaling.NONE);
  }

  static BitsCurve of(String entry, Map<Integer, Double> points, Scaling scaling) {
    return new BitsCurve(entry, Double.NaN, new TreeMap<>(points), scaling);
  }

  @Override
  public NavigableMap<Integer, Double> points() {
    return new TreeMap<>(points);
  }

  /**
   * The energy at {@code bits}. A listed width returns its value exactly; otherwise the value at
   * the largest listed width below {@code bits} (the smallest listed width if none is below) is
   * scaled by the table's rule, and without a rule the lookup fails naming the listed widths.
   */
  double at(int bits, String table) {
    if (bits < 1) {
      throw new IllegalArgumentException(entry + ": bits must be >= 1, was " + bits);
    }
    if (points.isEmpty()) {
      return constant;
    }
    Double exact = points.get(bits);
    if (exact != null) {
      return exact;
    }
    if (scaling == Scaling.NONE) {
      List<Integer> widths = new ArrayList<>(points.keySet());
      throw new IllegalArgumentException(
          "energy table "
              + table
              + ": "
              + entry
              + " has no value for "
              + bits
              + " bits and the table states no scaling for it; widths given: "
              + widths);
    }
    Map.Entry<Integer, Double> base = points.floorEntry(bits);
    if (base == null) {
      base = points.firstEntry();
    }
    return scaling.scale(base.getValue(), base.getKey(), bits);
  }
}
