package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.Locale;

/**
 * How good the search is for a budget and patience (not a test; how the defaults were chosen): the
 * mean over seeds 1..n of log10 EDP the mapper finds, averaged over AlexNet's conv layers and
 * ResNet-18's {@code layer3.0} convolutions on eyeriss under every dataflow, and the spread of the
 * seeds per layer. Args: budget, patience, seeds.
 */
final class SearchTuning {
  private SearchTuning() {}

  public static void main(String[] args) {
    int budget = Integer.parseInt(args[0]);
    int patience = Integer.parseInt(args[1]);
    int seeds = Integer.parseInt(args[2]);
    ArchSpec arch = TestArchs.eyeriss();
    Hierarchy h = ArchHierarchy.of(arch);
    EnergyModel table = EnergyTables.named(arch.energyTable());
    double sum = 0;
    int n = 0;
    StringBuilder rows = new StringBuilder();
    for (String w : new String[] {"alexnet", "resnet18"}) {
      for (Layer layer : ModelZoo.named(w, 1, 128).layers()) {
        OpSpec spec = layer.mac();
        if (spec == null || !(layer.name().startsWith("conv") || layer.name().contains("3.0"))) {
          continue;
        }
        for (Dataflow df : Dataflow.values()) {
          double mean = 0;
          double lo = Double.POSITIVE_INFINITY;
          double hi = 0;
          for (int seed = 1; seed <= seeds; seed++) {
            MapperOptions o = new MapperOptions(Objective.EDP, budget, patience, seed, 1);
            double edp =
                MapperCases.score(
                    new Mapper(arch, h, table, o).map(spec, df),
                    h,
                    Objective.EDP,
                    op -> new Evaluator(op, arch, h, table));
            mean += Math.log10(edp) / seeds;
            lo = Math.min(lo, edp);
            hi = Math.max(hi, edp);
          }
          rows.append(
              String.format(
                  Locale.ROOT, "%-16s %s  %.4e .. %.4e%n", layer.name(), df.key(), lo, hi));
          sum += mean;
          n++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "mean log10 EDP %.4f%n%s", sum / n, rows);
  }
}
