package io.arrayflow.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.reports.results.ResultRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chart data from hand-made rows; the charts of real runs have golden files in the cli tests. */
class ChartsTest {
  private static final String CSV =
      "arch,workload,layer,dataflow,macs,cycles,stall_cycles,latency_ms,energy,energy_mac,"
          + "energy_dram,energy_unit,dram_reads,dram_writes,dram_reads_weights,dram_writes_weights,"
          + "dram_reads_outputs,dram_writes_outputs,stall_noc,stall_new-cause\n"
          + "a,w,l1,ws,100,50,20,0.05,300,100,200,pJ,30,10,30,0,0,10,15,5\n"
          + "a,w,TOTAL,ws,100,50,20,0.05,300,100,200,pJ,30,10,30,0,0,10,15,5\n";

  private static final Roof ROOF =
      new Roof("a", 1e9, 1e8, Map.of("weights", 8, "inputs", 8, "outputs", 32));

  private static ChartData data(ChartKind k) {
    return k.data(ResultRows.parseCsv(CSV), new ChartKind.Options(null, ROOF));
  }

  @Test
  void latencyStacksBusyCyclesAndEveryStallCauseColumnButNotTheirTotal() {
    ChartData d = data(ChartKind.LATENCY);
    assertEquals(List.of("busy", "noc stall", "new-cause stall"), d.seriesNames());
    assertEquals(30, d.panels().get(0).series().get(0).points().get(0).y());
  }

  @Test
  void energyBreakdownIsPerMacAndLeavesOutLevelsThatSpentNothing() {
    ChartData d = data(ChartKind.ENERGY_BREAKDOWN);
    assertEquals(List.of("mac", "dram"), d.seriesNames());
    assertEquals(2.0, d.panels().get(0).series().get(1).points().get(0).y());
    assertEquals("energy per MAC (pJ)", d.yLabel());
  }

  @Test
  void dramPerMacHasASeriesPerOperandColumn() {
    ChartData d = data(ChartKind.DRAM_PER_MAC);
    assertEquals(List.of("weights", "outputs"), d.seriesNames());
    assertEquals(0.1, d.panels().get(0).series().get(1).points().get(0).y(), 1e-12);
  }

  @Test
  void rooflineCountsBytesWithEachOperandsWidth() {
    ChartData d = data(ChartKind.ROOFLINE);
    // 30 weight values of 8 bits + 10 output values of 32 bits = 70 bytes for 100 MACs.
    ChartData.Point layer = d.panels().get(0).series().get(0).points().get(0);
    assertEquals(100 / 70.0, layer.x(), 1e-12);
    assertEquals(100 / 0.05e-3 / 1e9, layer.y(), 1e-12);
    assertEquals(10, ROOF.ridge());
  }

  @Test
  void aDecodersLayersFormPrefillAndDecodeSeriesEachPointOnceUnlabelled() {
    String csv =
        "layer,dataflow,macs,latency_ms,dram_bytes\n"
            + "prefill.fc,ws,1280,0.001,10\n"
            + "decode.1.fc,ws,10,0.001,10\n"
            + "decode.2.fc,ws,10,0.001,10\n"
            + "decode.2.qk,ws,5,0.001,0\n"
            + "TOTAL,ws,1305,0.003,30\n";
    ChartData d =
        ChartKind.ROOFLINE.data(ResultRows.parseCsv(csv), new ChartKind.Options(null, ROOF));
    assertEquals(List.of("ws prefill", "ws decode", "roof"), d.seriesNames());
    List<ChartData.Point> decode = d.panels().get(0).series().get(1).points();
    assertEquals(1, decode.size(), "the two steps' identical point once; qk moved no DRAM bytes");
    assertEquals(1.0, decode.get(0).x(), "dram_bytes read as they are");
    assertEquals("", decode.get(0).label());
    assertEquals(128.0, d.panels().get(0).series().get(0).points().get(0).x());
  }

  @Test
  void aChartSaysWhatItNeedsWhenTheRowsLackIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> data(ChartKind.PARETO));
    assertEquals(
        "pareto chart needs a sweep's results.csv (columns point and status)", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(
      value = ChartKind.class,
      names = {"PARETO"},
      mode = EnumSource.Mode.EXCLUDE)
  void drawsPngAndSvgOfTheSameSize(ChartKind k) throws IOException {
    ChartData d = data(k);
    byte[] png = ChartRenderer.png(d);
    assertEquals((byte) 0x89, png[0]);
    assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
    String svg = new String(ChartRenderer.svg(d), StandardCharsets.UTF_8);
    assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, 40));
    assertTrue(svg.contains("width='" + ChartRenderer.WIDTH + ".0'"), svg.substring(0, 300));
    assertEquals(svg, new String(ChartRenderer.svg(d), StandardCharsets.UTF_8), "same bytes");
  }

  @Test
  void latencyAndRooflineRefuseRowsOfSeveralDesigns() {
    ResultRows sweep =
        ResultRows.parseCsv(
            CSV.replace("arch,", "point,arch,")
                .replace("\na,w,l1", "\n0,a,w,l1")
                .replace("\na,w,TOTAL", "\n1,a,w,l1"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChartKind.LATENCY.data(sweep, new ChartKind.Options(null, ROOF)));
    assertEquals(
        "latency chart draws one architecture; the rows hold 2 points (keep the rows of one"
            + " point)",
        e.getMessage());
  }

  @Test
  void namedFailsListingTheKinds() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChartKind.named("pie"));
    assertEquals(
        "unknown chart kind 'pie'; expected one of energy-breakdown, latency, dram-per-mac,"
            + " pareto, roofline",
        e.getMessage());
  }
}
