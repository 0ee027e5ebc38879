package io.arrayflow.engine;

import io.arrayflow.memory.glb.GlobalBuffer;
import io.arrayflow.memory.glb.TileBuffers;
import io.arrayflow.sim.kernel.Kernel;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.StallCause;

/**
 * Runs a {@link Schedule} on a {@link Kernel} with the architecture's components
 * (docs/execution.md, "The engine"): the off-chip memories, the GLB with its bank ports, the tile
 * buffers of each operand (the GLB's, or a FIFO for an operand that bypasses it), the PE array and
 * the NoC buses. Events per pass, never per word: a pass starts, a pass ends.
 *
 * <p><b>Rules.</b> Weights and inputs of pass {@code p} are fetched when a buffer of theirs is free
 * — tile {@code p} reuses the buffer of tile {@code p − depth}, freed when that pass ends, or when
 * its fill ends for a tile {@link Pass#preloaded} into the PEs — and in pass order, so with {@code
 * depth} buffers the fetches of the next {@code depth − 1} passes overlap the running one and a
 * full buffer stops the prefetcher. Outputs coming back (partial sums) are fetched after the
 * previous pass's write-backs are issued. A pass starts when its data has arrived and the array is
 * free: when the previous pass ended, or {@code overlap} cycles before (its drain running under the
 * next pass). Its GLB accesses are issued on the bank ports when it starts; if the ports need
 * longer than its fill, busy and NoC cycles, the difference is a {@code glb-bank} stall. Its
 * write-backs are issued when it ends, after the reads issued then (a memory controller serves
 * reads first); the schedule ends when the last write-back completes.
 *
 * <p><b>Stalls.</b> Every cycle that is not busy is one cause: the wait for the first pass's data
 * is {@code fill}; each pass's phases are its own ({@code fill}, {@code noc}, {@code glb-bank},
 * {@code drain}, minus what the next pass ran under, and minus the drain the next pass could have
 * run under had its data been there); any other wait for data is {@code dram-latency} up to when a
 * memory that saw nothing else would have delivered the first block of the request waited for, and
 * {@code dram-bandwidth} for the rest; after the last pass, the least time its write-backs can take
 * is {@code drain}, beyond it {@code dram-latency} up to their time on idle memories and {@code
 * dram-bandwidth} for the rest.
 */
public final class TimingEngine {
  private static final Operand[] OPERANDS = Operand.values();
  private static final int O = Operand.OUTPUTS.ordinal();

  private final ArchSpec arch;
  private final int[] depth = new int[3];
  private final String arrayName;

  private TimingEngine(ArchSpec arch, int[] depth, String arrayName) {
    this.arch = arch;
    System.arraycopy(depth, 0, this.depth, 0, 3);
    this.arrayName = arrayName;
  }

  /**
   * An engine for {@code arch}: weights and inputs get the GLB's {@code buffers} when the GLB keeps
   * them, one buffer otherwise; returning outputs are fetched after the previous write-back.
   */
  public static TimingEngine of(ArchSpec arch) {
    int[] d = new int[3];
    for (Operand op : OPERANDS) {
      d[op.ordinal()] = arch.glb().keeps(op) ? arch.glb().buffers() : 1;
    }
    return new TimingEngine(arch, d, "pe-array");
  }

  /**
   * This engine with {@code buffers} tile buffers for {@code operand} (weights or inputs), e.g. a
   * weight FIFO {@code weight_fifo_tiles} deep for a stationary operand that bypasses the GLB.
   */
  public TimingEngine withBuffers(Operand operand, int buffers) {
    if (operand == Operand.OUTPUTS || buffers < 1) {
      throw new IllegalArgumentException(
          "buffers apply to weights or inputs and must be >= 1, was " + operand + " " + buffers);
    }
    int[] d = depth.clone();
    d[operand.ordinal()] = buffers;
    return new TimingEngine(arch, d, arrayName);
  }

  /** This engine naming its compute unit {@code name} ({@code pe-array}, {@code vector-unit}). */
  public TimingEngine named(String name) {
    return new TimingEngine(arch, depth, name);
  }

  /** Tile buffers of {@code operand}'s fetches. */
  public int buffers(Operand operand) {
    return depth[operand.ordinal()];
  }

  /** Runs {@code schedule} and returns its timing. */
  public Timing run(Schedule schedule) {
    return new Run(schedule).go();
  }

  /**
   * Cycles {@code values} per operand (then finished outputs, if a fourth value is given) take on
   * idle memories, issued together at cycle 0.
   */
  public static long idleCycles(ArchSpec arch, long[] values, boolean write) {
    return OffChip.idleCycles(arch, values, write);
  }

  /**
   * The fewest cycles {@code values} per operand (then finished outputs, if a fourth value is
   * given) can take in any memory state (see OffChip).
   */
  public static long leastCycles(ArchSpec arch, long[] values, boolean write) {
    return OffChip.leastCycles(arch, values, write);
  }

  /**
   * The fewest cycles the GLB's bank ports need for every pass's accesses of {@code schedule}:
   * their bank words over all ports, as if no two ever met in one bank.
   */
  public static long glbCycles(ArchSpec arch, Schedule schedule) {
    GlobalBuffer glb = new GlobalBuffer("glb", arch.glb(), arch.precision());
    Pass pass = new Pass();
    long words = 0;
    for (long p = 0; p < schedule.passes(); p++) {
      pass.clearTraffic();
      schedule.traffic(p, pass);
      words += glbWords(glb, pass);
    }
    long ports = (long) arch.glb().banks() * arch.glb().portsPerBank();
    return (words + ports - 1) / ports;
  }

  /**
   * The fewest cycles the GLB's bank ports need for {@code reads} and {@code writes} per operand
   * (values, each packed in bank words), as if no two accesses ever met in one bank: a closed-form
   * lower bound on what passes making these accesses wait.
   */
  public static long glbCycles(ArchSpec arch, long[] reads, long[] writes) {
    GlobalBuffer glb = new GlobalBuffer("glb", arch.glb(), arch.precision());
    long words = 0;
    for (Operand op : OPERANDS) {
      int o = op.ordinal();
      if (arch.glb().keeps(op)) {
        words += reads[o] > 0 ? glb.wordsFor(op, reads[o]) : 0;
        words += writes[o] > 0 ? glb.wordsFor(op, writes[o]) : 0;
      }
    }
    long ports = (long) arch.glb().banks() * arch.glb().portsPerBank();
    return (words + ports - 1) / ports;
  }

  /**
   * The fewest cycles in which each off-chip memory can move its share of {@code values} (per
   * operand, each to the memory serving it, then finished outputs if a fourth value is given) at
   * its peak bandwidth: the slowest memory's.
   */
  public static long peakBound(ArchSpec arch, long[] values) {
    OffChip memories = new OffChip(arch, null);
    double[] bytes = new double[arch.offChip().size()];
    for (int o = 0; o < values.length; o++) {
      bytes[memories.memoryOf(o)] += memories.bytes(o, values[o]);
    }
    long bound = 0;
    for (int o = 0; o < values.length; o++) {
      int m = memories.memoryOf(o);
      bound = Math.max(bound, (long) Math.ceil(bytes[m] / memories.peakBytesPerCycle(o)));
    }
    return bound;
  }

  /**
   * Peak bytes per core cycle of each off-chip memory of {@code arch}, in {@link
   * ArchSpec#offChip()} order: the rates {@link #peakBound} divides by.
   */
  public static double[] peakBytesPerCycle(ArchSpec arch) {
    OffChip memories = new OffChip(arch, null);
    double[] peak = new double[arch.offChip().size()];
    for (Operand op : OPERANDS) {
      peak[arch.memoryIndex(op)] = memories.peakBytesPerCycle(op.ordinal());
    }
    return peak;
  }

  /** The GLB bank words {@code pass} reads and writes, each operand's values packed in words. */
  private static long glbWords(GlobalBuffer glb, Pass pass) {
    long words = 0;
    for (Operand op : OPERANDS) {
      int o = op.ordinal();
      if (pass.glbReads[o] > 0) {
        words += glb.wordsFor(op, pass.glbReads[o]);
      }
      if (pass.glbWrites[o] > 0) {
        words += glb.wordsFor(op, pass.glbWrites[o]);
      }
    }
    return words;
  }

  /** The traffic of the first pass of {@code schedule}, for bounds: {@code reads} per operand. */
  public static long[] firstReads(Schedule schedule) {
    Pass p = new Pass();
    schedule.traffic(0, p);
    return p.reads.clone();
  }

  /** One run's state: the kernel, the components, the ring of passes in flight. */
  private final class Run {
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final Schedule schedule;
    private final long n;
    private final Kernel kernel = new Kernel();
    private final OffChip offChip;
    private final GlobalBuffer glb;
    private final ArrayUnit array;
    private final NocBuses buses;
    private final TileBuffers[] tiles = new TileBuffers[3];
    private final int most;
    private int ring;
    private Pass[] passes;
    private long[] ready;
    private long[] start;
    private long[] end;
    private long[] bank;
    private long[] free;
    private OffChip.Request[] awaited;
    private long lastEnd;
    private final long[] nextFill = new long[3];
    private final boolean[] holding = new boolean[3];
    private final long[] tileStart = new long[3];
    private final long[] stalls = new long[StallCause.values().length];
    private long known = -1;
    private long nextStart;
    private boolean startScheduled;
    private long arrayFree;
    private long lastEnded = -1;
    private long writesIssued = -1;
    private long cursor;
    private long busy;
    private long lastWriteDone;
    private final long[] lastWrites = new long[OffChip.SLOTS];
    private final long[] lastWriteAddresses = new long[OffChip.SLOTS];

    Run(Schedule schedule) {
      this.schedule = schedule;
      this.n = schedule.passes();
      offChip = new OffChip(arch, kernel);
      glb = kernel.register(new GlobalBuffer("glb", arch.glb(), arch.precision()));
      array = kernel.register(new ArrayUnit(arrayName));
      buses = new NocBuses(arch.noc());
      for (int o = 0; o < 3; o++) {
        kernel.register(buses.bus(o));
      }
      int deepest = 1;
      for (int o = 0; o < 3; o++) {
        deepest = Math.max(deepest, depth[o]);
        if (o != O) {
          tiles[o] =
              arch.glb().keeps(OPERANDS[o]) && depth[o] == arch.glb().buffers()
                  ? glb.tiles(OPERANDS[o])
                  : new TileBuffers(depth[o]);
        }
      }
      most = deepest;
      allocate(most + 2);
    }

    private void allocate(int size) {
      Pass[] oldPasses = passes;
      OffChip.Request[] oldAwaited = awaited;
      long[] oldReady = ready;
      long[] oldStart = start;
      long[] oldEnd = end;
      long[] oldBank = bank;
      long[] oldFree = free;
      int oldRing = ring;
      ring = size;
      passes = new Pass[ring];
      awaited = new OffChip.Request[ring];
      ready = new long[ring];
      start = new long[ring];
      end = new long[ring];
      bank = new long[ring];
      free = new long[ring];
      if (oldPasses != null) {
        // Passes that have not ended keep their state under their new slots.
        for (long q = Math.max(0, lastEnded); q <= known; q++) {
          int from = (int) (q % oldRing);
          int to = slot(q);
          passes[to] = oldPasses[from];
          awaited[to] = oldAwaited[from];
          ready[to] = oldReady[from];
          start[to] = oldStart[from];
          end[to] = oldEnd[from];
          bank[to] = oldBank[from];
          free[to] = oldFree[from];
        }
      }
      for (int i = 0; i < ring; i++) {
        if (passes[i] == null) {
          passes[i] = new Pass();
          awaited[i] = new OffChip.Request();
        }
      }
    }

    private int slot(long p) {
      return (int) (p % ring);
    }

    Timing go() {
      if (n < 1) {
        return new Timing(0, 0, stalls, kernel.stats().busyAndMetrics());
      }
      kernel.schedule(
          0,
          c -> {
            issueFills(c);
            tryStart(c);
          });
      kernel.run();
      attribute(n - 1, lastEnd);
      long total = Math.max(lastEnd, lastWriteDone);
      long tail = total - lastEnd;
      if (tail > 0) {
        long least = Math.min(tail, OffChip.leastCycles(arch, lastWrites, true));
        long idle =
            Math.min(
                tail,
                offChip.idleCompletion(lastEnd, lastWrites, lastWriteAddresses, true) - lastEnd);
        long latency = Math.max(0, idle - least);
        stalls[StallCause.DRAIN.ordinal()] += least;
        stalls[StallCause.DRAM_LATENCY.ordinal()] += latency;
        stalls[StallCause.DRAM_BANDWIDTH.ordinal()] += tail - least - latency;
      }
      return new Timing(total, busy, stalls, kernel.stats().busyAndMetrics());
    }

    /** Makes sure the traffic of passes up to {@code p} is known (asked in order, once each). */
    private Pass traffic(long p) {
      while (known < p) {
        if (known + 1 - ring >= Math.max(0, lastEnded)) {
          // Every slot holds a pass that has not ended (or the last one that has): more passes are
          // in
          // flight than the ring holds.
          allocate(ring * 2);
        }
        known++;
        int s = slot(known);
        Pass pass = passes[s];
        pass.clearTraffic();
        schedule.traffic(known, pass);
        ready[s] = 0;
        awaited[s].clear();
      }
      return passes[slot(p)];
    }

    /** Issues every fetch whose buffer is free, passes in order, operands in order within one. */
    private void issueFills(long now) {
      while (true) {
        int pick = -1;
        for (int o = 0; o < 3; o++) {
          if (nextFill[o] < n && canFill(o, now) && (pick < 0 || nextFill[o] < nextFill[pick])) {
            pick = o;
          }
        }
        if (pick < 0) {
          return;
        }
        long p = nextFill[pick]++;
        int s = slot(p);
        long values = traffic(p).reads[pick];
        if (values == 0) {
          continue;
        }
        if (pick != O) {
          tiles[pick].fillStartCycle(now);
        }
        long done = offChip.issue(now, pick, values, false, awaited[s]);
        if (pick != O) {
          tiles[pick].filled(done);
        }
        ready[s] = Math.max(ready[s], done);
      }
    }

    /**
     * Whether the next fetch of operand {@code o} may be issued now. One that moves nothing needs
     * no buffer (the pass reuses the tile before it), but is not looked at further ahead than the
     * deepest buffer reaches.
     */
    private boolean canFill(int o, long now) {
      long p = nextFill[o];
      if (p > nextStart + most) {
        return false;
      }
      if (traffic(p).reads[o] == 0) {
        return true;
      }
      if (o == O) {
        // Partial sums coming back need a free buffer (the pass a buffer-depth back has ended) and
        // were written by an earlier pass: fetch them once that pass has issued its write-backs.
        return p - depth[O] <= lastEnded && p - schedule.returnDistance() <= writesIssued;
      }
      return tiles[o].nextFillFreeCycle() <= now;
    }

    private void tryStart(long now) {
      long p = nextStart;
      if (p >= n || startScheduled) {
        return;
      }
      for (int o = 0; o < 3; o++) {
        if (nextFill[o] <= p) {
          return;
        }
      }
      long at = Math.max(now, Math.max(arrayFree, ready[slot(p)]));
      startScheduled = true;
      kernel.schedule(at, c -> startPass(p, c));
    }

    private void startPass(long p, long now) {
      int s = slot(p);
      if (p > 0) {
        int q = slot(p - 1);
        // The previous pass owns its cycles up to where this one starts, unless this one waited
        // for its data past the point where it could have run under the previous one's drain:
        // then that drain counts as the wait for data (it would have been hidden).
        boolean waitedForData = now > free[q] && ready[s] >= now;
        long owned = waitedForData ? free[q] : Math.min(end[q], now);
        attribute(p - 1, owned);
        if (end[q] > now) {
          array.overlapped(end[q] - now);
        }
        cursor = owned;
      }
      long gap = now - cursor;
      if (gap > 0) {
        if (p == 0) {
          stalls[StallCause.FILL.ordinal()] += gap;
        } else {
          OffChip.Request r = awaited[s];
          if (!r.present()) {
            throw new IllegalStateException(
                "pass " + p + " waited " + gap + " cycles for data it did not request");
          }
          long latency = Math.min(gap, Math.max(0, offChip.idleFirstBlock(r) - cursor));
          stalls[StallCause.DRAM_LATENCY.ordinal()] += latency;
          stalls[StallCause.DRAM_BANDWIDTH.ordinal()] += gap - latency;
        }
      }
      cursor = now;
      Pass pass = passes[s];
      for (int o = 0; o < 3; o++) {
        if (o != O && pass.reads[o] > 0) {
          tileStart[o] = now;
          holding[o] = true;
        }
      }
      pass.clearCompute();
      schedule.compute(p, now, pass);
      long glbWords = glbWords(glb, pass);
      long glbCycles = glbWords > 0 ? glb.accessStream(now, glbWords) - now : 0;
      long streaming = pass.fill + pass.busy + pass.noc;
      bank[s] = Math.max(0, glbCycles - streaming);
      start[s] = now;
      end[s] = now + streaming + bank[s] + pass.drain;
      if (p > 0 && end[s] < end[slot(p - 1)]) {
        throw new IllegalStateException(
            "pass "
                + p
                + " ends at "
                + end[s]
                + ", before pass "
                + (p - 1)
                + " at "
                + end[slot(p - 1)]
                + ": its compute is shorter than the overlap it ran under");
      }
      for (int o = 0; o < 3; o++) {
        // A preloaded tile lives in the PEs once shifted in: its buffer is free for the next fetch.
        if (o != O && holding[o] && pass.preloaded[o] && pass.reads[o] > 0) {
          int op = o;
          kernel.schedule(now + pass.fill, c -> releaseTile(op, c));
        }
      }
      arrayFree = end[s] - pass.overlap;
      free[s] = arrayFree;
      array.pass(pass.busy);
      buses.pass(pass.nocWords);
      nextStart = p + 1;
      startScheduled = false;
      kernel.schedule(end[s], c -> endPass(p, c));
      tryStart(now);
    }

    /** Frees operand {@code o}'s tile buffer at {@code now}, if still held, and fetches ahead. */
    private void releaseTile(int o, long now) {
      if (holding[o]) {
        tiles[o].consumeStartCycle(tileStart[o]);
        tiles[o].consumed(now);
        holding[o] = false;
        issueFills(now);
        tryStart(now);
      }
    }

    private void endPass(long q, long now) {
      int s = slot(q);
      Pass pass = passes[s];
      boolean last = q == n - 1;
      for (int o = 0; o < 3; o++) {
        // A tile is in use until the pass before the next one that brings a new tile ends.
        if (o != O && holding[o] && (last || traffic(q + 1).reads[o] > 0)) {
          tiles[o].consumeStartCycle(tileStart[o]);
          tiles[o].consumed(now);
          holding[o] = false;
        }
      }
      // Reads go before this pass's write-backs (a memory controller serves reads first); only
      // partial sums this pass wrote wait for its write-backs.
      lastEnded = q;
      if (!last) {
        issueFills(now);
      }
      if (last) {
        for (int o = 0; o < OffChip.SLOTS; o++) {
          lastWrites[o] = pass.writes[o];
          lastWriteAddresses[o] = offChip.address(o);
        }
      }
      for (int o = 0; o < OffChip.SLOTS; o++) {
        if (pass.writes[o] > 0) {
          lastWriteDone =
              Math.max(lastWriteDone, offChip.issue(now, o, pass.writes[o], true, null));
        }
      }
      writesIssued = q;
      lastEnd = now;
      if (!last) {
        issueFills(now);
        tryStart(now);
      }
    }

    /** Attributes pass {@code p}'s phases, in order, from its start up to {@code until}. */
    private void attribute(long p, long until) {
      int s = slot(p);
      Pass pass = passes[s];
      long left = until - start[s];
      left = take(left, pass.fill, StallCause.FILL);
      long b = Math.min(left, pass.busy);
      busy += b;
      left -= b;
      left = take(left, pass.noc, StallCause.NOC);
      left = take(left, bank[s], StallCause.GLB_BANK);
      take(left, pass.drain, StallCause.DRAIN);
    }

    private long take(long left, long phase, StallCause cause) {
      long t = Math.min(left, phase);
      stalls[cause.ordinal()] += t;
      return left - t;
    }
  }
}
