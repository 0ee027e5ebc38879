package io.arrayflow.dataflows.systolic;

import io.arrayflow.memory.dram.Dram;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.StallCause;

/**
 * Runs a layer's folds as passes of given durations against the memory-model {@link Dram}: the DRAM
 * driver shared by the event and cycle executors (docs/execution.md, "Systolic NoC"). Fold {@code
 * f} starts when fold {@code f − 1} has ended and its reads have arrived; a prefetched operand's
 * reads for fold {@code f + 1} are issued when fold {@code f} starts, the others (and spilled
 * partial sums read back) when it ends, after its write-backs. The layer ends when the last
 * write-back completes. Each cycle the array waits is a stall: {@code DRAM_LATENCY} up to the cycle
 * an idle memory would have delivered the awaited requests, {@code DRAM_BANDWIDTH} for the rest.
 */
final class FoldTimeline {

  /** Requests are split into chunks of at most this many bytes (the API takes an int). */
  private static final int CHUNK_BYTES = 1 << 20;

  private static final long[] BASE = {0L, 1L << 40, 2L << 40};

  private final ArchSpec arch;
  private final FoldPlan plan;
  private final Dram dram;
  private final long[] cursor = new long[3];

  private FoldTimeline(ArchSpec arch, FoldPlan plan) {
    this.arch = arch;
    this.plan = plan;
    this.dram = Dram.create("dram", arch.dram(), arch.clockMhz());
  }

  /**
   * Runs the folds of {@code plan} with compute durations {@code foldCycles}, adding DRAM stalls to
   * {@code stalls}; returns the layer's cycles.
   */
  static long run(
      ArchSpec arch, FoldPlan plan, FoldPlan.Transfers t, long[] foldCycles, Counters stalls) {
    return new FoldTimeline(arch, plan).drive(t, foldCycles, stalls);
  }

  private long drive(FoldPlan.Transfers t, long[] foldCycles, Counters stalls) {
    int folds = plan.folds;
    if (foldCycles.length != folds) {
      throw new IllegalStateException(
          "fold timeline: " + foldCycles.length + " durations for " + folds + " folds");
    }
    // ready/ideal: when fold f's reads arrive, and when they would on an idle memory.
    long[] first = issueReads(t, 0, 0, ALL);
    long ready = first[0];
    long ideal = first[1];
    long end = 0;
    long lastWrite = 0;
    long lastWriteIdeal = 0;
    for (int f = 0; f < folds; f++) {
      long start = Math.max(end, ready);
      addWait(stalls, end, start, ideal);
      long nextReady = 0;
      long nextIdeal = 0;
      if (f + 1 < folds) {
        long[] done = issueReads(t, f + 1, start, EARLY);
        nextReady = done[0];
        nextIdeal = done[1];
      }
      end = start + foldCycles[f];
      if (t.writes()[f] > 0) {
        Dram idle = Dram.create("idle", arch.dram(), arch.clockMhz());
        long[] done = issue(idle, Operand.OUTPUTS, t.writes()[f], end, true);
        if (done[0] > lastWrite) {
          lastWrite = done[0];
          lastWriteIdeal = done[1];
        }
      }
      if (f + 1 < folds) {
        long[] done = issueReads(t, f + 1, end, LATE);
        nextReady = Math.max(nextReady, done[0]);
        nextIdeal = Math.max(nextIdeal, done[1]);
      }
      ready = nextReady;
      ideal = nextIdeal;
    }
    long cycles = Math.max(end, lastWrite);
    addWait(stalls, end, cycles, lastWriteIdeal);
    return cycles;
  }

  private static final int ALL = 0;
  private static final int EARLY = 1;
  private static final int LATE = 2;

  /**
   * Issues fold {@code f}'s reads at {@code cycle}: {@code EARLY} the prefetched operands', {@code
   * LATE} the others' and the spilled partial sums, {@code ALL} both (the first fold). Returns
   * {completion, completion on an idle memory}, both at least {@code cycle}.
   */
  private long[] issueReads(FoldPlan.Transfers t, int f, long cycle, int which) {
    Dram idle = Dram.create("idle", arch.dram(), arch.clockMhz());
    long done = cycle;
    long ideal = cycle;
    for (Operand op : Operand.values()) {
      long values = t.reads()[op.ordinal()][f];
      boolean early = plan.prefetched(op);
      if (values > 0 && (which == ALL || early == (which == EARLY))) {
        long[] d = issue(idle, op, values, cycle, false);
        done = Math.max(done, d[0]);
        ideal = Math.max(ideal, d[1]);
      }
    }
    if (which != EARLY && t.psumReads()[f] > 0) {
      long[] d = issue(idle, Operand.OUTPUTS, t.psumReads()[f], cycle, false);
      done = Math.max(done, d[0]);
      ideal = Math.max(ideal, d[1]);
    }
    return new long[] {done, ideal};
  }

  /**
   * Moves {@code values} values of {@code op} at {@code cycle} on the DRAM and on {@code idle} (a
   * fresh memory seeing only this batch); returns both completions.
   */
  private long[] issue(Dram idle, Operand op, long values, long cycle, boolean write) {
    long bytes = plan.bytes(op, values);
    long done = cycle;
    long ideal = cycle;
    int i = op.ordinal();
    while (bytes > 0) {
      int chunk = (int) Math.min(bytes, CHUNK_BYTES);
      long address = BASE[i] + cursor[i];
      done = Math.max(done, dram.request(cycle, op, address, chunk, write));
      ideal = Math.max(ideal, idle.request(cycle, op, address, chunk, write));
      cursor[i] += chunk;
      bytes -= chunk;
    }
    return new long[] {done, ideal};
  }

  private static void addWait(Counters stalls, long from, long to, long ideal) {
    long wait = to - from;
    if (wait <= 0) {
      return;
    }
    long latency = Math.min(wait, Math.max(0, ideal - from));
    stalls.addStall(StallCause.DRAM_LATENCY, latency);
    stalls.addStall(StallCause.DRAM_BANDWIDTH, wait - latency);
  }
}
