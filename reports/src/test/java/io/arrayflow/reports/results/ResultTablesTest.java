package io.arrayflow.reports.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.sim.result.EnergyBreakdown;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.StallCause;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTablesTest {
  private static LayerResult result(String layer, String df, long macs, long cycles, long dram) {
    Counters c = new Counters("t");
    c.add(Level.DRAM, Operand.WEIGHTS, AccessAction.READ, dram);
    c.add(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE, 1);
    c.addStall(StallCause.NOC, 2);
    return new LayerResult(
        "a",
        "w",
        layer,
        df,
        Fidelity.EVENT,
        macs,
        cycles,
        2,
        macs / (4.0 * cycles),
        cycles / 1000.0,
        new EnergyBreakdown(macs, 1, 2, 3, dram, 0, "pJ"),
        c.snapshot());
  }

  @Test
  void appendsATotalRowPerDataflowThatAddsLayersAndRecomputesUtilization() {
    List<LayerResult> rows =
        ResultTables.withTotals(
            List.of(
                result("l1", "ws", 40, 20, 5),
                result("l2", "ws", 8, 4, 7),
                result("l1", "os", 40, 10, 5)));
    assertEquals(5, rows.size());
    LayerResult ws = rows.get(2);
    assertEquals("TOTAL", ws.layer());
    assertEquals("ws", ws.dataflow());
    assertEquals(48, ws.macs());
    assertEquals(24, ws.cycles());
    assertEquals(4, ws.stallCycles());
    assertEquals(48 / (4.0 * 24), ws.utilization(), 1e-12);
    assertEquals(12, ws.accesses().reads(Level.DRAM));
    assertEquals(48 + 2 * (1 + 2 + 3) + 12, ws.energy().total(), 1e-9);
    assertEquals("TOTAL", rows.get(4).layer());
    assertEquals("os", rows.get(4).dataflow());
  }

  @Test
  void namesTheCauseOfMostStallCyclesOrADashWhenNone() {
    Counters c = new Counters("t");
    assertEquals("-", ResultTables.mainStall(c.snapshot()));
    c.addStall(StallCause.NOC, 5);
    c.addStall(StallCause.DRAM_BANDWIDTH, 7);
    c.addStall(StallCause.DRAM_LATENCY, 7);
    // A tie goes to the cause declared first.
    assertEquals("dram-latency", ResultTables.mainStall(c.snapshot()));
  }

  @Test
  void csvCarriesTheContractColumnsInOrderWithPlainNumbers() {
    String csv = ReportFormat.CSV.render(ResultTables.full(List.of(result("l1", "ws", 40, 20, 5))));
    String[] lines = csv.split("\n");
    assertEquals(
        "arch,workload,layer,dataflow,fidelity,macs,cycles,stall_cycles,utilization,latency_ms,"
            + "energy,energy_mac,energy_rf,energy_noc,energy_glb,energy_dram,energy_vector,"
            + "energy_unit,rf_reads,rf_writes,glb_reads,glb_writes,dram_reads,dram_writes,",
        lines[0].substring(0, lines[0].indexOf("rf_reads_weights")));
    assertEquals(
        "a,w,l1,ws,event,40,20,2,0.5,0.02,51,40,1,2,3,5,0,pJ,0,0,0,0,5,1,",
        lines[1].substring(
            0, "a,w,l1,ws,event,40,20,2,0.5,0.02,51,40,1,2,3,5,0,pJ,0,0,0,0,5,1,".length()));
    assertEquals(
        ResultTables.fullColumns().size(), lines[1].split(",", -1).length, "cells in the row");
  }

  @Test
  void csvEndsWithDramBytesTheArithmeticIntensityAndTheNote() {
    Counters bytes = new Counters("t");
    bytes.add(io.arrayflow.sim.stats.Metric.DRAM_BYTES, 8);
    LayerResult withBytes =
        new LayerResult(
            "a",
            "w",
            "fc",
            "ws",
            Fidelity.EVENT,
            40,
            20,
            0,
            0.5,
            0.02,
            EnergyBreakdown.zero("pJ"),
            bytes.snapshot(),
            "kv cache in glb");
    List<String> columns = ResultTables.fullColumns();
    assertEquals(
        List.of("dram_bytes", "macs_per_dram_byte", "note"),
        columns.subList(columns.size() - 3, columns.size()));
    String csv =
        ReportFormat.CSV.render(ResultTables.full(List.of(withBytes, result("v", "ws", 0, 5, 1))));
    String[] lines = csv.split("\n");
    assertEquals(",8,5,kv cache in glb", lines[1].substring(lines[1].lastIndexOf(",8,5,")));
    assertEquals(",0,,", lines[2].substring(lines[2].length() - 4), "no MACs: no intensity");
  }

  @Test
  void theTerminalTableShowsNotesOnlyWhenARowHasOneAndExtraColumnsAfterItsOwn() {
    LayerResult plain = result("l1", "ws", 40, 20, 5);
    assertEquals(
        "dram_writes", ResultTables.compact(List.of(plain)).columns().get(16), "no note column");
    ResultTables.Extra extra = new ResultTables.Extra(List.of("tokens"), r -> List.<Object>of(7L));
    var t =
        ResultTables.ranked(
            List.of(plain, plain.withNote("fused into x")), Objective.ENERGY, extra);
    List<String> columns = t.columns();
    assertEquals(List.of("tokens", "note"), columns.subList(columns.size() - 2, columns.size()));
    assertEquals("fused into x", t.rows().get(1).get(columns.size() - 1));
    assertEquals(7L, t.rows().get(0).get(columns.size() - 2));
  }

  @Test
  void rankedTablesRankByTheObjectiveAndMarkTheBestOfEachColumn() {
    List<LayerResult> totals =
        ResultTables.withTotals(
            List.of(result("l1", "ws", 40, 20, 5), result("l1", "os", 40, 10, 9)));
    String text =
        ReportFormat.TABLE.render(
            ResultTables.ranked(List.of(totals.get(1), totals.get(3)), Objective.CYCLES));
    String[] lines = text.split("\n");
    assertEquals(true, lines[2].startsWith("   2  TOTAL  ws "), text);
    assertEquals(true, lines[3].startsWith("   1  TOTAL  os "), text);
    assertEquals(true, lines[3].contains(" 10* "), "least cycles marked: " + text);
    assertEquals(false, lines[2].contains("20*"), text);
    String md =
        ReportFormat.MARKDOWN.render(
            ResultTables.ranked(List.of(totals.get(1), totals.get(3)), Objective.CYCLES));
    assertEquals(true, md.contains("| **10** |"), md);
    String csv =
        ReportFormat.CSV.render(
            ResultTables.ranked(List.of(totals.get(1), totals.get(3)), Objective.CYCLES));
    assertEquals(false, csv.contains("*"), "CSV carries plain values: " + csv);
  }
}
