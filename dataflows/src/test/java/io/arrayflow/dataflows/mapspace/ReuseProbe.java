package io.arrayflow.dataflows.mapspace;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.analysis.AccessAnalysis;
import io.arrayflow.dataflows.analysis.AccessCounts;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.Locale;

final class ReuseProbe {
  public static void main(String[] a) {
    for (Hierarchy h :
        new Hierarchy[] {
          ArchHierarchy.of(TestArchs.eyeriss()), ArchHierarchy.of(TestArchs.edgeInt8())
        }) {
      for (String w : new String[] {"alexnet", "resnet18", "mobilenet_v2", "bert-base"}) {
        for (Dataflow df : Dataflow.values()) {
          Role x =
              df == Dataflow.WS ? Role.WEIGHTS : df == Dataflow.OS ? Role.OUTPUTS : Role.INPUTS;
          double worst = 1e9;
          String wl = "";
          double minUtil = 1;
          String ul = "";
          long t0 = System.nanoTime();
          int n = 0;
          for (Layer l : ModelZoo.named(w, 1, 128).layers()) {
            OpSpec s = l.mac();
            if (s == null) continue;
            n++;
            MappingChoice c = df.family().choose(s, h);
            if (!c.found()) {
              System.out.println("NONE " + s + c);
              continue;
            }
            AccessCounts ac = AccessAnalysis.count(s, h, c.mapping());
            double reuse = (double) ac.macs() / ac.fills("rf." + x.key(), x);
            double avail = (double) ac.macs() / s.elements(x);
            double ratio = reuse / Math.min(avail, 16);
            if (ratio < worst) {
              worst = ratio;
              wl = l.name() + " reuse " + reuse + " avail " + avail;
            }
            double util = (double) ac.utilisedPes() / h.pes();
            if (util < minUtil) {
              minUtil = util;
              ul = l.name() + " " + s;
            }
          }
          System.out.printf(
              Locale.ROOT,
              "%d %s %s %s: %d layers %.1f ms; worst %.3f (%s); min util %.3f (%s)%n",
              h.pes(),
              w,
              df,
              x,
              n,
              (System.nanoTime() - t0) / 1e6,
              worst,
              wl,
              minUtil,
              ul);
        }
      }
    }
  }
}
