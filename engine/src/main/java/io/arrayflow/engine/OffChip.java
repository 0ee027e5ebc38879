package io.arrayflow.engine;

import io.arrayflow.memory.dram.Dram;
import io.arrayflow.memory.dram.SimpleDram;
import io.arrayflow.sim.kernel.Kernel;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.DramTiming;
import io.arrayflow.sim.spec.Operand;
import java.util.List;

/**
 * The architecture's off-chip memories as the engine drives them: one {@link Dram} per memory
 * ({@code dram} and each of {@code memories:}), each operand routed to the memory that serves it. A
 * transfer of an operand is one request per MiB (the {@code Dram} API takes an int) at a running,
 * block-aligned byte address per operand, so each operand is a sequential stream. Also answers the
 * two questions stall attribution asks of a memory that saw nothing else: when the first block of a
 * request would have arrived (the access latency), and the fewest cycles a write-back can take in
 * any state.
 */
final class OffChip {
  static final int MAX_REQUEST_BYTES = 1 << 20;

  /**
   * Bytes of an idle timing memory's transfer replayed burst by burst when bounding; the rest of a
   * longer one is extrapolated at the replay's steady rate ({@link #idleCompletion}).
   */
  static final long IDLE_REPLAY_BYTES = 8L << 20;

  /** Transfer slots: the three operands, then finished outputs (at their own precision). */
  static final int SLOTS = 4;

  /** The slot of finished outputs. */
  static final int RESULTS = 3;

  private static final Operand[] OPERANDS = Operand.values();

  private final ArchSpec arch;
  private final List<DramSpec> specs;
  private final Dram[] memories;
  private final int[] memoryOf = new int[SLOTS];
  private final int[] bits = new int[SLOTS];
  final long[] address = new long[SLOTS];
  private final long[] simpleFirstBlock;

  /** The memories of {@code arch}, registered on {@code kernel} under their names. */
  OffChip(ArchSpec arch, Kernel kernel) {
    this.arch = arch;
    this.specs = arch.offChip();
    List<String> names = arch.offChipNames();
    memories = new Dram[specs.size()];
    simpleFirstBlock = new long[specs.size()];
    for (int m = 0; m < memories.length; m++) {
      memories[m] = Dram.create(names.get(m), specs.get(m), arch.clockMhz());
      if (kernel != null) {
        kernel.register(memories[m]);
      }
      simpleFirstBlock[m] = -1;
    }
    for (int slot = 0; slot < SLOTS; slot++) {
      Operand op = operand(slot);
      memoryOf[slot] = arch.memoryIndex(op);
      bits[slot] = slot == RESULTS ? arch.precision().finalOutputs() : arch.precision().bits(op);
    }
  }

  /** The operand a transfer slot moves. */
  static Operand operand(int slot) {
    return OPERANDS[Math.min(slot, OPERANDS.length - 1)];
  }

  /** Bytes of {@code values} values of slot {@code o}, rounded up to whole bytes. */
  long bytes(int o, long values) {
    return ceilDiv(Math.multiplyExact(values, (long) bits[o]), 8);
  }

  /** The current running address of slot {@code o}. */
  long address(int o) {
    return address[o];
  }

  /**
   * Issues {@code values} (> 0) values of operand {@code o} at {@code cycle}; returns the cycle the
   * last byte has arrived (read) or been written. Notes the request in {@code awaited} if it
   * completes no earlier than what it holds.
   */
  long issue(long cycle, int o, long values, boolean write, Request awaited) {
    int m = memoryOf[o];
    int blockBytes = specs.get(m).blockBytes();
    long first = (long) o << 40;
    long start = address[o];
    long remaining = bytes(o, values);
    long done = cycle;
    while (remaining > 0) {
      int chunk = (int) Math.min(remaining, MAX_REQUEST_BYTES);
      done =
          Math.max(done, memories[m].request(cycle, operand(o), first + address[o], chunk, write));
      address[o] += ceilDiv(chunk, blockBytes) * blockBytes;
      remaining -= chunk;
    }
    if (awaited != null && done >= awaited.done) {
      awaited.set(
          m, o, first + start, (int) Math.min(bytes(o, values), blockBytes), cycle, done, write);
    }
    return done;
  }

  /**
   * When the first block of the request {@code r} would have arrived from a memory of its kind that
   * saw nothing else: the part of a wait that is access latency.
   */
  long idleFirstBlock(Request r) {
    DramSpec spec = specs.get(r.memory);
    if (spec.isSimple()) {
      // A simple memory has no state an idle one could carry and requests are block-aligned, so
      // a first block takes the same time whenever it is issued: probe once.
      if (simpleFirstBlock[r.memory] < 0) {
        simpleFirstBlock[r.memory] =
            Dram.create("idle", spec, arch.clockMhz())
                .request(0, operand(r.operand), 0, spec.blockBytes(), r.write);
      }
      return r.cycle + simpleFirstBlock[r.memory];
    }
    return Dram.create("idle", spec, arch.clockMhz())
        .request(r.cycle, operand(r.operand), r.address, r.bytes, r.write);
  }

  /**
   * When {@code values} per slot, issued at {@code cycle} from the byte addresses {@code addresses}
   * (running addresses, as {@link #address} gave them), complete on memories that saw nothing else;
   * {@code cycle} if there are none.
   */
  long idleCompletion(long cycle, long[] values, long[] addresses, boolean write) {
    OffChip fresh = new OffChip(arch, null);
    System.arraycopy(addresses, 0, fresh.address, 0, addresses.length);
    long done = cycle;
    // A simple memory's channel is one queue: requests issued together end when their blocks
    // have all passed, whatever their order, so its share is counted in blocks, not replayed. A
    // timing memory's requests are replayed in order, operand after operand.
    long[] simpleBlocks = new long[memories.length];
    long[] timingBytes = new long[memories.length];
    for (int o = 0; o < values.length; o++) {
      if (values[o] > 0) {
        int m = memoryOf[o];
        if (specs.get(m).isSimple()) {
          simpleBlocks[m] += fresh.blocks(o, values[o]);
        } else {
          timingBytes[m] += bytes(o, values[o]);
        }
      }
    }
    for (int m = 0; m < memories.length; m++) {
      if (simpleBlocks[m] > 0) {
        done =
            Math.max(done, ((SimpleDram) fresh.memories[m]).idleCompletion(cycle, simpleBlocks[m]));
      } else if (timingBytes[m] > 0) {
        done = Math.max(done, fresh.timingIdleCompletion(m, cycle, values, write, timingBytes[m]));
      }
    }
    return done;
  }

  /**
   * {@link #idleCompletion}'s share of timing memory {@code m}, which moves {@code total} bytes: a
   * replay of its requests in order, burst by burst, up to {@link #IDLE_REPLAY_BYTES}; past that,
   * the rest at the rate the replay kept after its first eighth (an idle stream settles into a
   * steady rate long before: docs/execution.md, "Off-chip memories").
   */
  private long timingIdleCompletion(int m, long cycle, long[] values, boolean write, long total) {
    int blockBytes = specs.get(m).blockBytes();
    long issued = 0;
    long done = cycle;
    long warmBytes = -1;
    long warmDone = cycle;
    for (int o = 0; o < values.length && issued < IDLE_REPLAY_BYTES; o++) {
      if (values[o] <= 0 || memoryOf[o] != m) {
        continue;
      }
      long first = (long) o << 40;
      long remaining = bytes(o, values[o]);
      while (remaining > 0 && issued < IDLE_REPLAY_BYTES) {
        int chunk = (int) Math.min(remaining, MAX_REQUEST_BYTES);
        done =
            Math.max(
                done, memories[m].request(cycle, operand(o), first + address[o], chunk, write));
        address[o] += ceilDiv(chunk, blockBytes) * blockBytes;
        remaining -= chunk;
        issued += chunk;
        if (warmBytes < 0 && issued >= IDLE_REPLAY_BYTES / 8) {
          warmBytes = issued;
          warmDone = done;
        }
      }
    }
    if (issued >= total || issued <= warmBytes) {
      return done;
    }
    double cyclesPerByte = (double) (done - warmDone) / (issued - warmBytes);
    return done + (long) Math.ceil((total - issued) * cyclesPerByte);
  }

  /**
   * The blocks {@link #issue} would request for {@code values} (> 0) values of slot {@code o} from
   * its running address, advancing the address as it does.
   */
  private long blocks(int o, long values) {
    int blockBytes = specs.get(memoryOf[o]).blockBytes();
    long first = (long) o << 40;
    long remaining = bytes(o, values);
    long blocks = 0;
    if ((first + address[o]) % blockBytes == 0 && MAX_REQUEST_BYTES % blockBytes == 0) {
      long whole = remaining / MAX_REQUEST_BYTES;
      long rest = remaining % MAX_REQUEST_BYTES;
      blocks = whole * (MAX_REQUEST_BYTES / blockBytes) + ceilDiv(rest, blockBytes);
      address[o] += blocks * blockBytes;
      return blocks;
    }
    while (remaining > 0) {
      int chunk = (int) Math.min(remaining, MAX_REQUEST_BYTES);
      blocks += Dram.blocksTouched(first + address[o], chunk, blockBytes);
      address[o] += ceilDiv(chunk, blockBytes) * blockBytes;
      remaining -= chunk;
    }
    return blocks;
  }

  /** Cycles {@code values} per slot take on idle memories from address 0, issued together. */
  static long idleCycles(ArchSpec arch, long[] values, boolean write) {
    return new OffChip(arch, null).idleCompletion(0, values, new long[values.length], write);
  }

  /**
   * The fewest cycles {@code values} per operand can take in any memory state, at any block-aligned
   * address, issued at any cycle: the busiest memory's bound. For the simple model that is the idle
   * time (waiting behind other transfers only adds). A timing DRAM can be faster than when idle (a
   * row left open turns an activation into a row hit; an address that does not start a row spreads
   * the bursts over more channels), so its bound is {@code tCL} plus the busiest channel's bursts
   * with the fewest bursts spread evenly over the channels, {@code BL/2} DRAM cycles each,
   * converted to core cycles as {@code TimingDram} does.
   */
  static long leastCycles(ArchSpec arch, long[] values, boolean write) {
    OffChip off = new OffChip(arch, null);
    List<DramSpec> specs = arch.offChip();
    long least = 0;
    for (int m = 0; m < specs.size(); m++) {
      long[] mine = new long[values.length];
      boolean any = false;
      for (int o = 0; o < values.length; o++) {
        if (off.memoryOf[o] == m && values[o] > 0) {
          mine[o] = values[o];
          any = true;
        }
      }
      if (!any) {
        continue;
      }
      DramSpec spec = specs.get(m);
      if (spec.isSimple()) {
        least = Math.max(least, idleCycles(arch, mine, write));
        continue;
      }
      DramTiming t = spec.timing();
      long bursts = 0;
      for (int o = 0; o < values.length; o++) {
        long bytes = off.bytes(o, mine[o]);
        while (bytes > 0) {
          long chunk = Math.min(bytes, MAX_REQUEST_BYTES);
          bursts += ceilDiv(chunk, t.burstBytes());
          bytes -= chunk;
        }
      }
      long busiest = ceilDiv(bursts, t.channels());
      long dramCycles = t.tCL() + busiest * t.burstCycles();
      long coreKhz = Math.round(arch.clockMhz() * 1000);
      long dramKhz = Math.round(t.clockMhz() * 1000);
      least = Math.max(least, ceilDiv(dramCycles * coreKhz, dramKhz));
    }
    return least;
  }

  /** The memory index of slot {@code o}. */
  int memoryOf(int o) {
    return memoryOf[o];
  }

  /** Peak bytes per core cycle of the memory serving slot {@code o}. */
  double peakBytesPerCycle(int o) {
    return memories[memoryOf[o]].peakBytesPerCycle();
  }

  static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }

  /** The request a wait was for: which memory, operand and address, issued and completed when. */
  static final class Request {
    int memory;
    int operand;
    long address;
    int bytes;
    long cycle;
    long done = Long.MIN_VALUE;
    boolean write;

    void set(
        int memory, int operand, long address, int bytes, long cycle, long done, boolean write) {
      this.memory = memory;
      this.operand = operand;
      this.address = address;
      this.bytes = bytes;
      this.cycle = cycle;
      this.done = done;
      this.write = write;
    }

    void clear() {
      done = Long.MIN_VALUE;
    }

    boolean present() {
      return done != Long.MIN_VALUE;
    }
  }
}
