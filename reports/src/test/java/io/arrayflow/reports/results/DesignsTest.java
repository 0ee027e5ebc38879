package io.arrayflow.reports.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arrayflow.reports.results.Designs.Design;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesignsTest {
  private static final String CSV =
      "point,status,reason,dataflow,workload,energy,energy_unit,cycles,latency_ms\n"
          + "0,ok,,ws,a,10,pJ,100,1\n"
          + "0,ok,,ws,b,10,pJ,100,1\n"
          + "1,ok,,ws,a,5,pJ,300,3\n"
          + "1,ok,,ws,b,5,pJ,300,3\n"
          + "2,ok,,ws,a,30,pJ,300,3\n"
          + "2,ok,,ws,b,30,pJ,300,3\n"
          + "3,ok,,ws,a,1,pJ,10,0.1\n"
          + "3,unmapped,layer x: no fit,ws,b,,pJ,,\n";

  @Test
  void aDesignAddsItsWorkloadsAndNeedsEveryOneToHaveRun() {
    List<Design> d = Designs.of(ResultRows.parseCsv(CSV), List.of());
    assertEquals(List.of(0L, 1L, 2L), d.stream().map(Design::point).toList());
    assertEquals(20, d.get(0).energy());
    assertEquals(200, d.get(0).cycles());
    assertEquals(2, d.get(0).latencyMs());
  }

  @Test
  void theParetoFrontDropsDesignsBeatenOnBothEnergyAndLatency() {
    List<Design> front = Designs.pareto(Designs.of(ResultRows.parseCsv(CSV), List.of()));
    assertEquals(List.of(0L, 1L), front.stream().map(Design::point).toList());
  }

  @Test
  void rankingByEachObjective() {
    List<Design> d = Designs.of(ResultRows.parseCsv(CSV), List.of());
    assertEquals(1, Designs.ranked(d, Objective.ENERGY).get(0).point());
    assertEquals(0, Designs.ranked(d, Objective.CYCLES).get(0).point());
    assertEquals(0, Designs.ranked(d, Objective.EDP).get(0).point(), "40 against 60 for point 1");
  }
}
