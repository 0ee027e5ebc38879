package io.arrayflow.reports.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The designs of a sweep's results.csv: a design is a point run under one dataflow, its energy,
 * cycles and latency summed over the sweep's workloads (run one after another); a design counts
 * only if every workload ran ({@code status} ok). Ranking and the Pareto set of energy against
 * latency are defined here once, for the summary and the {@code pareto} chart.
 */
public final class Designs {
  private Designs() {}

  /** One point under one dataflow, totalled over the workloads. */
  public record Design(
      long point,
      String dataflow,
      List<String> axes,
      double energy,
      String unit,
      long cycles,
      double latencyMs) {
    /** Copies the axis values. */
    public Design {
      axes = List.copyOf(axes);
    }

    /** The score of this design under {@code o}. */
    public double score(Objective o) {
      return o.score(energy, cycles, latencyMs);
    }
  }

  /** The designs of {@code results} in point then dataflow order; {@code axes} are column names. */
  public static List<Design> of(ResultRows results, List<String> axes) {
    Map<String, List<List<String>>> groups = new LinkedHashMap<>();
    for (List<String> r : results.rows()) {
      String key = results.text(r, "point") + " " + results.text(r, "dataflow");
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    List<Design> out = new ArrayList<>();
    for (List<List<String>> g : groups.values()) {
      if (g.stream().anyMatch(r -> !results.text(r, "status").equals("ok"))) {
        continue;
      }
      double energy = 0;
      long cycles = 0;
      double latency = 0;
      for (List<String> r : g) {
        energy += results.number(r, "energy");
        cycles += (long) results.number(r, "cycles");
        latency += results.number(r, "latency_ms");
      }
      List<String> first = g.get(0);
      List<String> values = new ArrayList<>();
      for (String a : axes) {
        values.add(results.text(first, a));
      }
      out.add(
          new Design(
              (long) results.number(first, "point"),
              results.text(first, "dataflow"),
              values,
              energy,
              results.text(first, "energy_unit"),
              cycles,
              latency));
    }
    return out;
  }

  /** The designs no other design beats on both energy and latency, fastest first. */
  public static List<Design> pareto(List<Design> designs) {
    List<Design> sorted = new ArrayList<>(designs);
    sorted.sort(
        Comparator.comparingDouble(Design::latencyMs)
            .thenComparingDouble(Design::energy)
            .thenComparingLong(Design::point));
    List<Design> front = new ArrayList<>();
    double least = Double.POSITIVE_INFINITY;
    for (Design d : sorted) {
      if (d.energy() < least) {
        front.add(d);
        least = d.energy();
      }
    }
    return front;
  }

  /** The designs ranked by {@code o}, best first; ties keep point then dataflow order. */
  public static List<Design> ranked(List<Design> designs, Objective o) {
    List<Design> sorted = new ArrayList<>(designs);
    sorted.sort(Comparator.comparingDouble((Design d) -> d.score(o)));
    return sorted;
  }
}
