package io.arrayflow.dataflows.multicast;

import io.arrayflow.memory.dram.Dram;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramTiming;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.StallCause;

/**
 * Segments on the DRAM component, as docs/execution.md's "DRAM" paragraph says: a segment starts
 * when its reads have arrived; with double buffering the next segment's reads are issued when the
 * current one starts, otherwise when it ends; write-backs are issued when their segment ends and
 * the layer ends when the last completes. Time advances by these events only. The array's waits are
 * attributed: the wait for the first segment's reads and, of the final write-back, the least time
 * it can take ({@link #leastCycles}) are array fill/drain; any other wait for reads is DRAM latency
 * up to when their first block would arrive from a fresh memory and DRAM bandwidth for the rest
 * (moving the bytes, and queuing behind other transfers), as the {@code Dram} interface defines
 * them. Each operand's transfer is one request (split at 1 MiB) at a running, block-aligned address
 * per operand.
 */
final class Timeline {
  private static final int MAX_REQUEST_BYTES = 1 << 20;
  private static final Operand[] OPERANDS = Operand.values();

  private final ArchSpec arch;
  private final Dram dram;
  private final boolean doubleBuffered;
  private final int blockBytes;
  private final long[] nextAddress = new long[3];
  private final long[] stalls = new long[StallCause.values().length];
  private final long[] simpleFirstBlock = {-1, -1, -1};

  private long end;
  private long readyAt;
  private long readIssuedAt;
  private final long[] pendingReads = new long[3];
  private final long[] pendingReadAddresses = new long[3];
  private final long[] lastWrites = new long[3];
  private final long[] lastWriteAddresses = new long[3];
  private long lastWriteDone;
  private boolean first = true;

  Timeline(ArchSpec arch) {
    this.arch = arch;
    this.dram = Dram.create("dram", arch.dram(), arch.clockMhz());
    this.doubleBuffered = arch.glb().doubleBuffered();
    this.blockBytes = arch.dram().blockBytes();
  }

  /** Issues the first segment's reads (words per operand) at cycle 0. */
  void start(long[] reads) {
    System.arraycopy(reads, 0, pendingReads, 0, 3);
    System.arraycopy(nextAddress, 0, pendingReadAddresses, 0, 3);
    readIssuedAt = 0;
    readyAt = issue(dram, 0, reads, false, nextAddress);
  }

  /**
   * Runs one segment of {@code arrayCycles}; {@code nextReads} are the next segment's reads (null
   * for the last segment) and {@code writes} this segment's write-backs, words per operand.
   */
  void segment(long arrayCycles, long[] nextReads, long[] writes) {
    long startAt = Math.max(end, readyAt);
    long wait = startAt - end;
    if (wait > 0) {
      if (first) {
        stalls[StallCause.ARRAY_FILL_DRAIN.ordinal()] += wait;
      } else {
        long firstData = firstArrival(readIssuedAt, pendingReads, pendingReadAddresses);
        long latency = Math.max(0, Math.min(startAt, firstData) - end);
        stalls[StallCause.DRAM_LATENCY.ordinal()] += latency;
        stalls[StallCause.DRAM_BANDWIDTH.ordinal()] += wait - latency;
      }
    }
    first = false;
    long endAt = startAt + arrayCycles;
    if (nextReads != null) {
      long at = doubleBuffered ? startAt : endAt;
      System.arraycopy(nextReads, 0, pendingReads, 0, 3);
      System.arraycopy(nextAddress, 0, pendingReadAddresses, 0, 3);
      readIssuedAt = at;
      readyAt = issue(dram, at, nextReads, false, nextAddress);
    }
    System.arraycopy(nextAddress, 0, lastWriteAddresses, 0, 3);
    lastWriteDone = Math.max(lastWriteDone, issue(dram, endAt, writes, true, nextAddress));
    System.arraycopy(writes, 0, lastWrites, 0, 3);
    end = endAt;
  }

  /**
   * Ends the layer: the cycle the last write-back completes; attributes the tail wait: up to the
   * least time any memory could take for the last write-back ({@link #leastCycles}) is array
   * fill/drain, beyond it up to what the same requests take on an idle memory is DRAM latency, the
   * rest DRAM bandwidth.
   */
  long finish() {
    long total = Math.max(end, lastWriteDone);
    long tail = total - end;
    if (tail > 0) {
      long drain = Math.min(tail, leastCycles(arch, lastWrites, true));
      long idle = Math.min(tail, replay(end, lastWrites, lastWriteAddresses, true) - end);
      long latency = Math.max(0, idle - drain);
      stalls[StallCause.ARRAY_FILL_DRAIN.ordinal()] += drain;
      stalls[StallCause.DRAM_LATENCY.ordinal()] += latency;
      stalls[StallCause.DRAM_BANDWIDTH.ordinal()] += tail - drain - latency;
    }
    return total;
  }

  /** Array stall cycles by cause ordinal. */
  long stall(StallCause cause) {
    return stalls[cause.ordinal()];
  }

  /** Cycles {@code words} take on an idle memory of the same kind, issued at 0. */
  long idleDuration(long[] words, boolean write) {
    boolean any = false;
    for (long w : words) {
      any |= w > 0;
    }
    if (!any) {
      return 0;
    }
    Dram probe = Dram.create("probe", arch.dram(), arch.clockMhz());
    return issue(probe, 0, words, write, new long[3]);
  }

  /**
   * When the first block of {@code words} issued at {@code at} from {@code addresses} would arrive
   * from a fresh memory of the same kind: the access latency; moving the rest is bandwidth.
   */
  private long firstArrival(long at, long[] words, long[] addresses) {
    for (int o = 0; o < 3; o++) {
      if (words[o] > 0) {
        long[] one = new long[3];
        one[o] = Math.max(1, blockBytes * 8L / arch.precision().bits(OPERANDS[o]));
        one[o] = Math.min(one[o], words[o]);
        if (!arch.dram().isSimple()) {
          return replay(at, one, addresses, false);
        }
        // The simple DRAM has no state an idle memory could carry and addresses are
        // block-aligned, so a first block takes the same time whenever it is issued: probe once.
        if (simpleFirstBlock[o] < 0) {
          simpleFirstBlock[o] = replay(0, one, new long[3], false);
        }
        return at + simpleFirstBlock[o];
      }
    }
    return at;
  }

  /**
   * When {@code words} issued at {@code at} from {@code addresses} complete on a fresh memory of
   * the same kind (the same requests on a memory that saw nothing else; {@code at} if none).
   */
  private long replay(long at, long[] words, long[] addresses, boolean write) {
    boolean any = false;
    for (long w : words) {
      any |= w > 0;
    }
    if (!any) {
      return at;
    }
    Dram probe = Dram.create("probe", arch.dram(), arch.clockMhz());
    return issue(probe, at, words, write, addresses.clone());
  }

  /**
   * Issues one transfer per operand (split at 1 MiB); returns the last completion (or {@code at}).
   */
  private long issue(Dram d, long at, long[] words, boolean write, long[] address) {
    long done = at;
    for (int o = 0; o < 3; o++) {
      if (words[o] <= 0) {
        continue;
      }
      long bytes = (words[o] * arch.precision().bits(OPERANDS[o]) + 7) / 8;
      while (bytes > 0) {
        int chunk = (int) Math.min(bytes, MAX_REQUEST_BYTES);
        long base = ((long) o << 48) + address[o];
        done = Math.max(done, d.request(at, OPERANDS[o], base, chunk, write));
        address[o] += (chunk + blockBytes - 1) / blockBytes * (long) blockBytes;
        bytes -= chunk;
      }
    }
    return done;
  }

  /** Completion cycle of {@code words} issued at 0 on a fresh memory (for the analytical bound). */
  static long idleCycles(ArchSpec arch, long[] words, boolean write) {
    return new Timeline(arch).idleDuration(words, write);
  }

  /**
   * The fewest cycles {@code words} can take on the memory in any state, at any block-aligned
   * address, issued at any cycle. For the simple DRAM that is the idle time ({@link #idleCycles}:
   * waiting behind other transfers only adds). A timing DRAM can be faster than when idle, since a
   * row left open turns the idle memory's activation into a row hit and an address that does not
   * start a row spreads the bursts over more channels; so the bound is {@code tCL} plus the bursts
   * of the busiest channel with the fewest bursts spread evenly over the channels, each taking
   * {@code BL/2} DRAM cycles on the data bus, converted to core cycles as {@code TimingDram} does.
   */
  static long leastCycles(ArchSpec arch, long[] words, boolean write) {
    if (arch.dram().isSimple()) {
      return idleCycles(arch, words, write);
    }
    DramTiming t = arch.dram().timing();
    long bursts = 0;
    for (int o = 0; o < 3; o++) {
      long bytes = (Math.max(0, words[o]) * arch.precision().bits(OPERANDS[o]) + 7) / 8;
      while (bytes > 0) {
        long chunk = Math.min(bytes, MAX_REQUEST_BYTES);
        bursts += (chunk + t.burstBytes() - 1) / t.burstBytes();
        bytes -= chunk;
      }
    }
    if (bursts == 0) {
      return 0;
    }
    long busiest = (bursts + t.channels() - 1) / t.channels();
    long dramCycles = t.tCL() + busiest * t.burstCycles();
    long coreKhz = Math.round(arch.clockMhz() * 1000);
    long dramKhz = Math.round(t.clockMhz() * 1000);
    return (dramCycles * coreKhz + dramKhz - 1) / dramKhz;
  }
}
