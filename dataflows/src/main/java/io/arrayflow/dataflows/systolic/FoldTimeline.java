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
 * an idle memory would have delivered the first block of the awaited requests, {@code
 * DRAM_BANDWIDTH} for the rest (moving the bytes, queuing behind other transfers), as the {@code
 * Dram} interface defines the two.
 */
final class FoldTimeline {

  /** Requests are split into chunks of at most this many bytes (the API takes an int). */
  private static final int CHUNK_BYTES = 1 << 20;

  private static final long[] BASE = {0L, 1L << 40, 2L << 40};

  private final ArchSpec arch;
  private final FoldPlan plan;
  private final Dram dram;
  private static final Operand[] OPERANDS = Operand.values();

  private final long[] cursor = new long[3];
  private Dram idle;
  private long idleFree;

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
    // The batches fold f waits for (issued when fold f - 1 started and ended), the next fold's,
    // and the write-back that completes last; replayed on an idle memory only if waited for.
    Batch early = new Batch();
    Batch late = new Batch();
    Batch nextEarly = new Batch();
    Batch nextLate = new Batch();
    Batch write = new Batch();
    Batch lastWrite = new Batch();
    issueReads(t, 0, 0, ALL, early);
    late.clear(0);
    long end = 0;
    long lastWriteDone = 0;
    for (int f = 0; f < folds; f++) {
      long start = Math.max(end, Math.max(early.done, late.done));
      if (start > end) {
        addWait(stalls, end, start, Math.max(early.idleDone(), late.idleDone()));
      }
      if (f + 1 < folds) {
        issueReads(t, f + 1, start, EARLY, nextEarly);
      }
      end = start + foldCycles[f];
      if (t.writes()[f] > 0) {
        write.clear(end);
        issue(write, Operand.OUTPUTS, t.writes()[f], true);
        if (write.done > lastWriteDone) {
          lastWriteDone = write.done;
          Batch b = lastWrite;
          lastWrite = write;
          write = b;
        }
      }
      if (f + 1 < folds) {
        issueReads(t, f + 1, end, LATE, nextLate);
      }
      Batch b = early;
      early = nextEarly;
      nextEarly = b;
      b = late;
      late = nextLate;
      nextLate = b;
    }
    long cycles = Math.max(end, lastWriteDone);
    if (cycles > end) {
      addWait(stalls, end, cycles, lastWrite.idleDone());
    }
    return cycles;
  }

  private static final int ALL = 0;
  private static final int EARLY = 1;
  private static final int LATE = 2;

  /**
   * Issues fold {@code f}'s reads at {@code cycle} into {@code batch}: {@code EARLY} the prefetched
   * operands', {@code LATE} the others' and the spilled partial sums, {@code ALL} both (the first
   * fold).
   */
  private void issueReads(FoldPlan.Transfers t, int f, long cycle, int which, Batch batch) {
    batch.clear(cycle);
    for (Operand op : OPERANDS) {
      long values = t.reads()[op.ordinal()][f];
      boolean early = plan.prefetched(op);
      if (values > 0 && (which == ALL || early == (which == EARLY))) {
        issue(batch, op, values, false);
      }
    }
    if (which != EARLY && t.psumReads()[f] > 0) {
      issue(batch, Operand.OUTPUTS, t.psumReads()[f], false);
    }
  }

  /** Moves {@code values} values of {@code op} at the batch's cycle, recording it in the batch. */
  private void issue(Batch batch, Operand op, long values, boolean write) {
    long bytes = plan.bytes(op, values);
    int i = op.ordinal();
    long address = BASE[i] + cursor[i];
    batch.add(op, address, bytes, write, send(dram, batch.cycle, op, address, bytes, write));
    cursor[i] += bytes;
  }

  /** Sends {@code bytes} in chunks the request API takes; returns the last completion. */
  private static long send(
      Dram dram, long cycle, Operand op, long address, long bytes, boolean write) {
    long done = cycle;
    for (long sent = 0; sent < bytes; sent += CHUNK_BYTES) {
      int chunk = (int) Math.min(bytes - sent, CHUNK_BYTES);
      done = Math.max(done, dram.request(cycle, op, address + sent, chunk, write));
    }
    return done;
  }

  /** The requests issued at one cycle, their completion, and their replay on an idle memory. */
  private final class Batch {
    private static final int MAX = 4;
    private final Operand[] ops = new Operand[MAX];
    private final long[] addresses = new long[MAX];
    private final long[] bytes = new long[MAX];
    private final boolean[] writes = new boolean[MAX];
    private int size;
    long cycle;
    long done;

    void clear(long issueCycle) {
      size = 0;
      cycle = issueCycle;
      done = issueCycle;
    }

    void add(Operand op, long address, long count, boolean write, long completion) {
      ops[size] = op;
      addresses[size] = address;
      bytes[size] = count;
      writes[size] = write;
      size++;
      done = Math.max(done, completion);
    }

    /**
     * When the first block of these requests would have arrived from a memory that saw nothing
     * else: the access latency of the wait; moving the bytes and queuing are bandwidth.
     */
    long idleDone() {
      if (size == 0) {
        return cycle;
      }
      // A simple memory whose last probe has completed is idle again; reusing it saves building
      // one per waited-for batch (probes then come in non-decreasing cycle order, as it
      // requires). A timing memory is not: the rows its last probe opened would turn this
      // probe's activations into row hits or conflicts, so it gets a fresh one.
      if (idle == null || cycle < idleFree || !arch.dram().isSimple()) {
        idle = Dram.create("idle", arch.dram(), arch.clockMhz());
      }
      long first = Math.min(bytes[0], arch.dram().blockBytes());
      long completion = send(idle, cycle, ops[0], addresses[0], first, writes[0]);
      idleFree = completion;
      return completion;
    }
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
