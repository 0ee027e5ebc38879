package io.arrayflow.reports.chart;

import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Operand;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The roofline of an architecture: peak compute (every PE one MAC per cycle at the clock) and peak
 * DRAM bandwidth (the DRAM model's peak in bytes per core cycle at the clock), plus each operand's
 * width, which turns the DRAM access counts of the results (values, docs/counting.md) into bytes.
 *
 * @param arch the architecture's name
 * @param peakMacsPerSecond PEs × clock
 * @param dramBytesPerSecond peak DRAM bytes per second
 * @param bitsPerOperand each operand's width by key ({@code weights}, …), bits
 */
public record Roof(
    String arch,
    double peakMacsPerSecond,
    double dramBytesPerSecond,
    Map<String, Integer> bitsPerOperand) {

  /** Copies the widths. */
  public Roof {
    bitsPerOperand = Map.copyOf(bitsPerOperand);
  }

  /** The roof of {@code a}. */
  public static Roof of(ArchSpec a) {
    double hz = a.clockMhz() * 1e6;
    Map<String, Integer> bits = new LinkedHashMap<>();
    for (Operand op : Operand.values()) {
      bits.put(op.key(), a.precision().bits(op));
    }
    return new Roof(
        a.name(),
        a.peArray().peCount() * hz,
        a.dram().peakBytesPerCoreCycle(a.clockMhz()) * hz,
        bits);
  }

  /** The operational intensity where the two roofs meet, MACs per DRAM byte. */
  public double ridge() {
    return peakMacsPerSecond / dramBytesPerSecond;
  }
}
