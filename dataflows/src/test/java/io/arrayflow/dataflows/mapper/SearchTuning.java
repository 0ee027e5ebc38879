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

/** Mean log10 EDP of the mapper over seeds on a few hard layers (not a test; for tuning). */
final class SearchTuning {
  public static void main(String[] args) {
    int budget = Integer.parseInt(args[0]);
    int patience = Integer.parseInt(args[1]);
    int seeds = Integer.parseInt(args[2]);
    ArchSpec arch = TestArchs.eyeriss();
    Hierarchy h = ArchHierarchy.of(arch);
    EnergyModel table = EnergyTables.named(arch.energyTable());
    double sum = 0;
    int n = 0;
    long evals = 0;
    StringBuilder row = new StringBuilder();
    for (String w : new String[] {"alexnet", "resnet18"}) {
      for (Layer layer : ModelZoo.named(w, 1, 128).layers()) {
        OpSpec spec = layer.mac();
        if (spec == null
            || !(layer.name().startsWith("conv") || layer.name().contains("layer3.0"))) {
          continue;
        }
        for (Dataflow df : Dataflow.values()) {
          double s = 0;
          for (int seed = 1; seed <= seeds; seed++) {
            MapperOptions o = new MapperOptions(Objective.EDP, budget, patience, seed, 1);
            Mapper m = new Mapper(arch, h, table, o);
            LayerPlan p = m.map(spec, df);
            double e = 0;
            long c = 0;
            for (LayerPlan.Part part : p.parts()) {
              Evaluator ev = new Evaluator(part.spec(), arch, h, table);
              ev.evaluate(Candidate.of(part.mapping(), h));
              e += ev.energy();
              c += ev.cycles();
            }
            s += Math.log10(e * c);
            String sum0 = p.summary();
            int at = sum0.indexOf("), ") + 3;
            evals +=
                Long.parseLong(
                    sum0.substring(at, sum0.indexOf(' ', at)).replace("exhaustive,", "").trim());
          }
          row.append(String.format(Locale.ROOT, " %s/%s %.3f", layer.name(), df.key(), s / seeds));
          sum += s / seeds;
          n++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "mean %.4f evals %d%n%s%n", sum / n, evals, row);
  }
}
