package io.arrayflow.energy;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A memory energy by memory size: either one value for every size ({@code points} empty) or values
 * at listed sizes in bytes, interpolated linearly in log2(size) between neighbours and held at the
 * end value outside the listed range (no extrapolation).
 */
record SizeCurve(double constant, NavigableMap<Long, Double> points) {

  SizeCurve {
    points = new TreeMap<>(points);
  }

  static SizeCurve constant(double value) {
    return new SizeCurve(value, new TreeMap<>());
  }

  static SizeCurve of(Map<Long, Double> points) {
    return new SizeCurve(Double.NaN, new TreeMap<>(points));
  }

  @Override
  public NavigableMap<Long, Double> points() {
    return new TreeMap<>(points);
  }

  /** The energy for a memory of {@code bytes}, in the table's unit and per. */
  double at(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("memory size must be >= 1 byte, was " + bytes);
    }
    if (points.isEmpty()) {
      return constant;
    }
    Map.Entry<Long, Double> below = points.floorEntry(bytes);
    Map.Entry<Long, Double> above = points.ceilingEntry(bytes);
    if (below == null) {
      return above.getValue();
    }
    if (above == null || below.getKey().equals(above.getKey())) {
      return below.getValue();
    }
    double t = (log2(bytes) - log2(below.getKey())) / (log2(above.getKey()) - log2(below.getKey()));
    return below.getValue() + t * (above.getValue() - below.getValue());
  }

  private static double log2(long x) {
    return Math.log(x) / Math.log(2);
  }
}
