package io.arrayflow.dataflows.vector;

import io.arrayflow.dataflows.exec.Execution;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.engine.Pass;
import io.arrayflow.engine.Schedule;
import io.arrayflow.engine.Timing;
import io.arrayflow.engine.TimingEngine;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import java.util.List;

/**
 * A vector layer on the vector unit ({@code lanes} element-ops per cycle, pipelined) with its
 * traffic through the hierarchy ({@link VectorPlan}: tiles streamed through the GLB's tile buffers
 * from and to off-chip memory, unless resident or fused). {@code analytical} is a closed-form
 * bound; {@code event} runs the tiles as passes on the timing engine; {@code cycle} runs the same
 * passes and computes each tile's values in the unit's float32 datapath ({@link VectorUnit}) when
 * it starts, so its cycles equal {@code event}'s (pooling, which has no value model, runs as {@code
 * event}). Counts are the same at every fidelity.
 */
public final class VectorExecutor {
  private VectorExecutor() {}

  /**
   * The layer at {@code fidelity}; {@code fused}: it takes its first input from the layer before.
   */
  public static Execution run(VectorOpSpec op, ArchSpec arch, Fidelity fidelity, boolean fused) {
    VectorPlan plan = new VectorPlan(op, arch, fused);
    return switch (fidelity) {
      case ANALYTICAL -> analytical(plan, arch);
      case EVENT -> timed(Fidelity.EVENT, plan, arch, null);
      case CYCLE ->
          op.kind().pooling()
              ? timed(Fidelity.CYCLE, plan, arch, null)
              : cycle(op, arch, fused, Reference.randomInputs(op, 1), Reference.ropeTable(op))
                  .execution();
    };
  }

  /**
   * The layer at cycle fidelity on the given values: {@code inputs} ({@code [rows][rowLength]}, one
   * per input tensor of the kind) and rope's {@code table} (null otherwise); its output {@code
   * [rows][rowLength]}.
   */
  public static ValueRun<FloatTensor> cycle(
      VectorOpSpec op, ArchSpec arch, boolean fused, List<FloatTensor> inputs, FloatTensor table) {
    float[] out = new float[Math.toIntExact(op.elements())];
    VectorUnit unit =
        new VectorUnit(
            op,
            arch.vectorUnit().lanes(),
            inputs.get(0).data(),
            inputs.size() > 1 ? inputs.get(1).data() : null,
            table == null ? null : table.data(),
            out);
    Execution e = timed(Fidelity.CYCLE, new VectorPlan(op, arch, fused), arch, unit);
    return new ValueRun<>(e, FloatTensor.of(out, inputs.get(0).shape()));
  }

  /** The tiles as passes on the engine; {@code unit} (null: none) computes each tile's values. */
  private static Execution timed(
      Fidelity fidelity, VectorPlan plan, ArchSpec arch, VectorUnit unit) {
    Timing t = TimingEngine.of(arch).named("vector-unit").run(schedule(plan, unit));
    Counters c = new Counters("vector-unit");
    plan.addCounts(c);
    for (StallCause cause : StallCause.values()) {
      c.addStall(cause, t.stall(cause));
    }
    return new Execution(
        fidelity, 0, t.cycles(), 0, c.snapshot().plus(t.components()), plan.describe());
  }

  private static Schedule schedule(VectorPlan plan, VectorUnit unit) {
    return new Schedule() {
      @Override
      public long passes() {
        return plan.tiles;
      }

      @Override
      public void traffic(long p, Pass out) {
        plan.traffic(p, out);
      }

      @Override
      public void compute(long p, long startCycle, Pass out) {
        if (unit != null) {
          unit.run(plan.firstElement(p), plan.elements(p));
        }
        out.compute(0, plan.busy(p), 0, 0, 0);
      }
    };
  }

  /**
   * The first tile's reads on idle memories, every tile's busy cycles (or the GLB's bank ports, if
   * slower), the least time of the last tile's write-back, and no less than each off-chip memory's
   * bytes at its peak: a lower bound on the event run.
   */
  private static Execution analytical(VectorPlan plan, ArchSpec arch) {
    Schedule s = schedule(plan, null);
    long busy = 0;
    long[] all = new long[4];
    for (long t = 0; t < plan.tiles; t++) {
      busy += plan.busy(t);
      long[] v = plan.offChip(t);
      for (int i = 0; i < v.length; i++) {
        all[i] += v[i];
      }
    }
    long fill = TimingEngine.idleCycles(arch, TimingEngine.firstReads(s), false);
    long[] last = plan.offChip(plan.tiles - 1);
    long drain = TimingEngine.leastCycles(arch, new long[] {0, 0, 0, last[3]}, true);
    long compute = Math.max(busy, TimingEngine.glbCycles(arch, s));
    long path = fill + compute + drain;
    long cycles = Math.max(path, TimingEngine.peakBound(arch, all));
    Counters c = new Counters("vector-unit");
    plan.addCounts(c);
    c.addBusyCycles(busy);
    c.addStall(StallCause.FILL, fill);
    c.addStall(StallCause.GLB_BANK, compute - busy);
    c.addStall(StallCause.DRAIN, drain);
    c.addStall(StallCause.DRAM_BANDWIDTH, cycles - path);
    return new Execution(Fidelity.ANALYTICAL, 0, cycles, 0, c.snapshot(), plan.describe());
  }
}
