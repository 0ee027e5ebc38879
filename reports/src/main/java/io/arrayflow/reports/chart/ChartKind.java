package io.arrayflow.reports.chart;

import io.arrayflow.reports.results.ResultRows;
import java.util.ArrayList;
import java.util.List;

/**
 * The charts arrayflow draws, each a function from result rows to {@link ChartData}: {@code
 * energy-breakdown} (energy per MAC by level, one bar per dataflow), {@code latency} (cycles per
 * layer, stalls stacked by cause, a panel per dataflow), {@code dram-per-mac} (DRAM accesses per
 * MAC by operand, one bar per dataflow), {@code pareto} (sweep designs as energy against latency,
 * the front drawn) and {@code roofline} (layers against the arch's roofline).
 */
public enum ChartKind {
  /** Energy per MAC by level, stacked, one bar per dataflow (the Eyeriss papers' figure). */
  ENERGY_BREAKDOWN(Charts::energyBreakdown),
  /** Cycles per layer per dataflow, busy and stall cycles stacked by cause. */
  LATENCY(Charts::latency),
  /** DRAM accesses per MAC per dataflow, stacked by operand. */
  DRAM_PER_MAC(Charts::dramPerMac),
  /** Sweep designs as energy against latency, the Pareto front drawn and labelled. */
  PARETO(Charts::pareto),
  /** MAC layers against the architecture's compute and DRAM-bandwidth roofs. */
  ROOFLINE(Charts::roofline);

  /** What a chart is drawn from, besides the rows. */
  public record Options(String layer, Roof roof) {}

  interface Builder {
    ChartData build(ResultRows rows, Options options);
  }

  private final Builder builder;

  ChartKind(Builder builder) {
    this.builder = builder;
  }

  /** The key used on the command line and as the file name: {@code energy-breakdown}, …. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * The data of this chart from {@code rows}; fails (IllegalArgumentException) saying which rows or
   * columns it needs when they are absent.
   */
  public ChartData data(ResultRows rows, Options options) {
    return builder.build(rows, options);
  }

  /** The kind whose key is {@code key}; fails listing the valid keys. */
  public static ChartKind named(String key) {
    for (ChartKind k : values()) {
      if (k.key().equalsIgnoreCase(key == null ? "" : key.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown chart kind '" + key + "'; expected one of " + String.join(", ", keys()));
  }

  /** Every key, in declaration order. */
  public static List<String> keys() {
    List<String> out = new ArrayList<>();
    for (ChartKind k : values()) {
      out.add(k.key());
    }
    return out;
  }
}
