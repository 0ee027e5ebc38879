package io.arrayflow.dataflows.mapper;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.arch.ArchHierarchy;
import io.arrayflow.dataflows.arch.TestArchs;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.zoo.ModelZoo;
import java.util.Random;

final class SpeedProbe {
  private static final java.lang.management.ThreadMXBean MX =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private static long cpu() {
    return MX.getCurrentThreadCpuTime();
  }

  public static void main(String[] args) {
    ArchSpec arch = TestArchs.eyeriss();
    Hierarchy h = ArchHierarchy.of(arch);
    OpSpec spec = ModelZoo.named("alexnet", 1, 128).layers().get(6).mac();
    System.out.println(spec);
    Evaluator ev = new Evaluator(spec, arch, h, EnergyTables.named("eyeriss-65nm"));
    Space space = new Space(spec, h, Dataflow.WS.family().space());
    Random rnd = new Random(1);
    Candidate[] pool = new Candidate[1024];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = new Candidate(h.size());
      space.sample(rnd, pool[i], ev);
    }
    for (int round = 0; round < 5; round++) {
      long t0 = cpu();
      long n = 0;
      double sink = 0;
      while (cpu() - t0 < 1_000_000_000L) {
        for (Candidate c : pool) {
          if (ev.evaluate(c)) {
            sink += ev.energy();
          }
          n++;
        }
      }
      double s = (cpu() - t0) / 1e9;
      System.out.printf("evaluate: %.0f /s (%s)%n", n / s, sink > 0);
      if (args.length > 0) {
        continue;
      }
      t0 = cpu();
      n = 0;
      while (cpu() - t0 < 1_000_000_000L) {
        space.sample(rnd, pool[(int) (n & 1023)], ev);
        n++;
      }
      s = (cpu() - t0) / 1e9;
      System.out.printf("sample: %.0f /s%n", n / s);
    }
  }
}
