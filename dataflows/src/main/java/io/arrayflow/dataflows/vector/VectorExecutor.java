package io.arrayflow.dataflows.vector;

import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.engine.Pass;
import io.arrayflow.engine.Schedule;
import io.arrayflow.engine.Timing;
import io.arrayflow.engine.TimingEngine;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.workloads.spec.VectorOpSpec;

/**
 * A vector layer on the vector unit: {@code lanes} element-ops per cycle, pipelined, its operands
 * on chip (docs/counting.md: no GLB or DRAM traffic is charged yet). {@code analytical} is the
 * closed form; {@code event} and {@code cycle} run the layer as one pass on the timing engine.
 */
public final class VectorExecutor {
  private VectorExecutor() {}

  /** The layer's busy cycles: {@code ceil(ops / lanes)}. */
  static long cycles(VectorOpSpec op, ArchSpec arch) {
    long lanes = arch.vectorUnit().lanes();
    return (op.ops() + lanes - 1) / lanes;
  }

  /** The layer at {@code fidelity}: closed form, or one pass on the timing engine. */
  public static Execution run(VectorOpSpec op, ArchSpec arch, Fidelity fidelity) {
    long busy = cycles(op, arch);
    Counters c = new Counters("vector-unit");
    c.add(Level.VECTOR, AccessAction.VECTOR_OP, op.ops());
    if (fidelity == Fidelity.ANALYTICAL) {
      c.addBusyCycles(busy);
      return new Execution(fidelity, 0, busy, 0, c.snapshot(), "vector unit");
    }
    Schedule one =
        new Schedule() {
          @Override
          public long passes() {
            return 1;
          }

          @Override
          public void traffic(long p, Pass out) {}

          @Override
          public void compute(long p, long startCycle, Pass out) {
            out.compute(0, busy, 0, 0, 0);
          }
        };
    Timing t = TimingEngine.of(arch).named("vector-unit").run(one);
    for (StallCause cause : StallCause.values()) {
      c.addStall(cause, t.stall(cause));
    }
    return new Execution(
        fidelity, 0, t.cycles(), 0, c.snapshot().plus(t.components()), "vector unit");
  }
}
