package io.arrayflow.reports.results;

import io.arrayflow.reports.table.Cells;
import io.arrayflow.reports.table.Table;
import io.arrayflow.sim.result.EnergyBreakdown;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The result tables of DESIGN.md's CLI contract: one row per workload × layer × dataflow, then a
 * {@code TOTAL} row per workload × dataflow ({@link #withTotals}: layers run one after another, so
 * cycles, latency, energy and accesses add; utilization is total MACs over total PE-cycles). The
 * {@link #full} table carries every contract column plus the access columns split by operand and
 * the stall cycles by cause, the bytes moved off chip and the arithmetic intensity (MACs per DRAM
 * byte), and the row's note, for CSV and JSON; {@link #compact} is the terminal view. Every table
 * may carry {@link Extra} columns after its own (a decoder's tokens per phase).
 */
public final class ResultTables {
  private static final Level[] ACCESS_LEVELS = {Level.RF, Level.GLB, Level.DRAM};

  private ResultTables() {}

  /**
   * Columns appended after a table's own, with each row's cells.
   *
   * @param columns the column names
   * @param cells a row's cells, one per column
   */
  public record Extra(List<String> columns, Function<LayerResult, List<Object>> cells) {
    /** No extra columns. */
    public static final Extra NONE = new Extra(List.of(), r -> List.of());

    /** Copies the columns. */
    public Extra {
      columns = List.copyOf(columns);
    }
  }

  /**
   * MACs per byte moved to and from off-chip memory (the roofline's operational intensity), or null
   * where undefined: no MACs, or no off-chip bytes.
   */
  public static Double intensity(LayerResult r) {
    long bytes = r.accesses().metric(Metric.DRAM_BYTES);
    return r.macs() == 0 || bytes == 0 ? null : r.macs() / (double) bytes;
  }

  /** Every column, for CSV and JSON. */
  public static List<String> fullColumns() {
    List<String> c =
        new ArrayList<>(
            List.of(
                "arch",
                "workload",
                "layer",
                "dataflow",
                "fidelity",
                "macs",
                "cycles",
                "stall_cycles",
                "utilization",
                "latency_ms",
                "energy",
                "energy_mac",
                "energy_rf",
                "energy_noc",
                "energy_glb",
                "energy_dram",
                "energy_vector",
                "energy_unit"));
    for (Level l : ACCESS_LEVELS) {
      c.add(l.key() + "_reads");
      c.add(l.key() + "_writes");
    }
    for (Level l : ACCESS_LEVELS) {
      for (String rw : List.of("reads", "writes")) {
        for (Operand op : Operand.values()) {
          c.add(l.key() + "_" + rw + "_" + op.key());
        }
      }
    }
    for (Operand op : Operand.values()) {
      c.add("noc_deliveries_" + op.key());
    }
    c.add("noc_reductions");
    for (StallCause s : StallCause.values()) {
      c.add("stall_" + s.key());
    }
    c.addAll(List.of("dram_bytes", "macs_per_dram_byte", "note"));
    return c;
  }

  /** Every column, one row per result in the given order. */
  public static Table full(List<LayerResult> rows) {
    return full(rows, Extra.NONE);
  }

  /** Every column, then the {@code extra} ones, one row per result in the given order. */
  public static Table full(List<LayerResult> rows, Extra extra) {
    List<String> columns = new ArrayList<>(fullColumns());
    columns.addAll(extra.columns());
    Table.Builder t = Table.withColumns(columns);
    for (LayerResult r : rows) {
      List<Object> row = new ArrayList<>();
      EnergyBreakdown e = r.energy();
      Stats s = r.accesses();
      row.addAll(
          List.of(
              r.arch(),
              r.workload(),
              r.layer(),
              r.dataflow(),
              r.fidelity().key(),
              r.macs(),
              r.cycles(),
              r.stallCycles(),
              r.utilization(),
              r.latencyMs(),
              e.total(),
              e.mac(),
              e.rf(),
              e.noc(),
              e.glb(),
              e.dram(),
              e.vector(),
              e.unit()));
      for (Level l : ACCESS_LEVELS) {
        row.add(s.reads(l));
        row.add(s.writes(l));
      }
      for (Level l : ACCESS_LEVELS) {
        for (Operand op : Operand.values()) {
          row.add(s.reads(l, op));
        }
        for (Operand op : Operand.values()) {
          row.add(s.writes(l, op));
        }
      }
      for (Operand op : Operand.values()) {
        row.add(s.count(Level.NOC, op, AccessAction.MULTICAST_DELIVERY));
      }
      row.add(s.count(Level.NOC, Operand.OUTPUTS, AccessAction.SPATIAL_REDUCTION));
      for (StallCause c : StallCause.values()) {
        row.add(s.stallCycles(c));
      }
      row.add(s.metric(Metric.DRAM_BYTES));
      row.add(intensity(r));
      row.add(r.note());
      row.addAll(extra.cells().apply(r));
      t.row(row.toArray());
    }
    return t.build();
  }

  /**
   * The terminal view: the figures a reader compares, the cause of most stall cycles, energy split
   * in percent, and a {@code note} column when a row has a note.
   */
  public static Table compact(List<LayerResult> rows) {
    return compact(rows, Extra.NONE);
  }

  /** {@link #compact(List)} with the {@code extra} columns after its own. */
  public static Table compact(List<LayerResult> rows, Extra extra) {
    Extra all = withNotes(rows, extra);
    List<String> columns = new ArrayList<>(COMPACT_COLUMNS);
    columns.addAll(all.columns());
    Table.Builder t = Table.withColumns(columns);
    for (LayerResult r : rows) {
      List<Object> row = compactRow(r);
      row.addAll(all.cells().apply(r));
      t.row(row.toArray());
    }
    return t.build();
  }

  /** {@code extra} followed by a {@code note} column if any row has a note. */
  private static Extra withNotes(List<LayerResult> rows, Extra extra) {
    for (LayerResult r : rows) {
      if (!r.note().isEmpty()) {
        List<String> columns = new ArrayList<>(extra.columns());
        columns.add("note");
        return new Extra(
            columns,
            x -> {
              List<Object> cells = new ArrayList<>(extra.cells().apply(x));
              cells.add(x.note());
              return cells;
            });
      }
    }
    return extra;
  }

  /**
   * The compact view of rows to compare: grouped by workload and layer (each group's rows in the
   * given order), a {@code rank} column by {@code objective} within each group (equal scores share
   * a rank), and the best value of each comparable column marked ({@link Cells#best}) unless every
   * row ties: least cycles, stalls, latency, energy and DRAM traffic, highest utilization.
   */
  public static Table ranked(List<LayerResult> rows, Objective objective) {
    return ranked(rows, objective, Extra.NONE);
  }

  /** {@link #ranked(List, Objective)} with the {@code extra} columns after its own. */
  public static Table ranked(List<LayerResult> rows, Objective objective, Extra extra) {
    Extra all = withNotes(rows, extra);
    Map<String, List<LayerResult>> groups = new LinkedHashMap<>();
    for (LayerResult r : rows) {
      groups.computeIfAbsent(r.workload() + "\u0000" + r.layer(), k -> new ArrayList<>()).add(r);
    }
    List<String> cols = new ArrayList<>(List.of("rank"));
    cols.addAll(COMPACT_COLUMNS);
    cols.addAll(all.columns());
    Table.Builder t = Table.withColumns(cols);
    for (List<LayerResult> g : groups.values()) {
      List<List<Object>> cells = new ArrayList<>();
      for (LayerResult r : g) {
        cells.add(compactRow(r));
      }
      if (g.size() > 1) {
        for (Map.Entry<String, ToDoubleFunction<LayerResult>> best : BEST.entrySet()) {
          int col = COMPACT_COLUMNS.indexOf(best.getKey());
          double least = Double.POSITIVE_INFINITY;
          double most = Double.NEGATIVE_INFINITY;
          for (LayerResult r : g) {
            least = Math.min(least, best.getValue().applyAsDouble(r));
            most = Math.max(most, best.getValue().applyAsDouble(r));
          }
          if (least == most) {
            continue; // a tie of every row marks nothing
          }
          for (int i = 0; i < g.size(); i++) {
            if (best.getValue().applyAsDouble(g.get(i)) == least) {
              cells.get(i).set(col, Cells.best(cells.get(i).get(col)));
            }
          }
        }
      }
      for (int i = 0; i < g.size(); i++) {
        LayerResult r = g.get(i);
        double score = score(r, objective);
        int rank = 1; // competition ranking: equal scores share a rank (1, 1, 3)
        for (LayerResult other : g) {
          rank += score(other, objective) < score ? 1 : 0;
        }
        List<Object> row = new ArrayList<>(List.of(rank));
        row.addAll(cells.get(i));
        row.addAll(all.cells().apply(r));
        t.row(row.toArray());
      }
    }
    return t.build();
  }

  private static double score(LayerResult r, Objective o) {
    return o.score(r.energy().total(), r.cycles(), r.latencyMs());
  }

  /** The compact columns where one value is best, each with the figure to minimise. */
  private static final Map<String, ToDoubleFunction<LayerResult>> BEST = new LinkedHashMap<>();

  static {
    BEST.put("cycles", LayerResult::cycles);
    BEST.put("stalls", LayerResult::stallCycles);
    BEST.put("util", r -> -r.utilization());
    BEST.put("latency_ms", LayerResult::latencyMs);
    BEST.put("energy", r -> r.energy().total());
    BEST.put("dram_reads", r -> r.accesses().reads(Level.DRAM));
    BEST.put("dram_writes", r -> r.accesses().writes(Level.DRAM));
  }

  private static final List<String> COMPACT_COLUMNS =
      List.of(
          "layer",
          "dataflow",
          "macs",
          "cycles",
          "stalls",
          "stalled_by",
          "util",
          "latency_ms",
          "energy",
          "unit",
          "mac%",
          "rf%",
          "noc%",
          "glb%",
          "dram%",
          "dram_reads",
          "dram_writes");

  private static List<Object> compactRow(LayerResult r) {
    EnergyBreakdown e = r.energy();
    double total = e.total();
    return new ArrayList<>(
        Arrays.asList(
            r.layer(),
            r.dataflow(),
            r.macs(),
            r.cycles(),
            r.stallCycles(),
            mainStall(r.accesses()),
            round(r.utilization(), 3),
            round(r.latencyMs(), 4),
            String.format(Locale.ROOT, "%.4g", total),
            e.unit(),
            percent(e.mac(), total),
            percent(e.rf(), total),
            percent(e.noc(), total),
            percent(e.glb(), total),
            percent(e.dram(), total),
            r.accesses().reads(Level.DRAM),
            r.accesses().writes(Level.DRAM)));
  }

  /**
   * {@code results} grouped by workload and dataflow in first-seen order, each group followed by
   * its TOTAL row.
   */
  public static List<LayerResult> withTotals(List<LayerResult> results) {
    Map<String, List<LayerResult>> groups = new LinkedHashMap<>();
    for (LayerResult r : results) {
      groups.computeIfAbsent(r.workload() + "\u0000" + r.dataflow(), k -> new ArrayList<>()).add(r);
    }
    List<LayerResult> out = new ArrayList<>();
    for (List<LayerResult> g : groups.values()) {
      out.addAll(g);
      out.add(total(g));
    }
    return out;
  }

  /** The TOTAL row of one workload × dataflow group. */
  public static LayerResult total(List<LayerResult> group) {
    LayerResult first = group.get(0);
    long macs = 0;
    long cycles = 0;
    long stalls = 0;
    double latency = 0;
    long pes = 0;
    EnergyBreakdown energy = EnergyBreakdown.zero(first.energy().unit());
    Stats stats = Stats.EMPTY;
    Fidelity fidelity = first.fidelity();
    for (LayerResult r : group) {
      macs += r.macs();
      cycles += r.cycles();
      stalls += r.stallCycles();
      latency += r.latencyMs();
      if (r.utilization() > 0 && pes == 0) {
        // Every row of a group ran on one array: recover its PE count from any MAC row.
        pes = Math.round(r.macs() / (r.utilization() * r.cycles()));
      }
      energy = energy.plus(r.energy());
      stats = stats.plus(r.accesses());
    }
    double util = pes == 0 || cycles == 0 ? 0 : Math.min(1, macs / ((double) pes * cycles));
    return new LayerResult(
        first.arch(),
        first.workload(),
        "TOTAL",
        first.dataflow(),
        fidelity,
        macs,
        cycles,
        stalls,
        util,
        latency,
        energy,
        stats);
  }

  /** The cause of most stall cycles, or {@code -} when the array never waited. */
  static String mainStall(Stats s) {
    StallCause main = null;
    for (StallCause c : StallCause.values()) {
      if (s.stallCycles(c) > 0 && (main == null || s.stallCycles(c) > s.stallCycles(main))) {
        main = c;
      }
    }
    return main == null ? "-" : main.key();
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }

  private static double percent(double part, double total) {
    return total == 0 ? 0 : round(100 * part / total, 1);
  }
}
