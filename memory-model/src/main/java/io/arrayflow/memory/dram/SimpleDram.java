package io.arrayflow.memory.dram;

import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;

/**
 * The {@code simple} DRAM model: one channel moving {@code bandwidthBytesPerCycle} bytes per core
 * cycle (fractional allowed, e.g. Eyeriss's 64 bits at 60 MHz against a 200 MHz core is 2.4),
 * requests transferred in order, whole blocks at a time, each arriving a fixed {@code
 * latencyCycles} after its transfer ends (the latency is pipelined: it does not occupy the
 * channel). Time on the channel is kept exactly as a rational: the bandwidth is taken to a
 * millionth of a byte per cycle.
 */
public final class SimpleDram implements Dram {

  private static final long SCALE = 1_000_000;

  private final String name;
  private final int blockBytes;
  private final long latencyCycles;
  private final double bandwidthBytesPerCycle;
  private final long ticksPerCycle;
  private final long ticksPerByte;
  private final Counters counters;
  private long channelFreeTick;

  /** A simple DRAM named {@code name} built from a {@code simple} {@code spec}. */
  public SimpleDram(String name, DramSpec spec) {
    if (!spec.isSimple()) {
      throw new IllegalArgumentException("SimpleDram needs model simple, was " + spec.model());
    }
    this.name = name;
    this.blockBytes = spec.blockBytes();
    this.latencyCycles = spec.latencyCycles();
    this.bandwidthBytesPerCycle = spec.bandwidthBytesPerCycle();
    long numerator = Math.max(1, Math.round(bandwidthBytesPerCycle * SCALE));
    long gcd = gcd(numerator, SCALE);
    // One tick is 1/numerator of a cycle: a cycle is `numerator` ticks, a byte `SCALE` ticks.
    this.ticksPerCycle = numerator / gcd;
    this.ticksPerByte = SCALE / gcd;
    this.counters = new Counters(name);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public double peakBytesPerCycle() {
    return bandwidthBytesPerCycle;
  }

  /**
   * When {@code blocks} blocks issued together at {@code issueCycle} on this memory, idle until
   * then, have all arrived: what the last of any requests moving them back to back returns, in
   * constant time.
   */
  public long idleCompletion(long issueCycle, long blocks) {
    long endTick =
        Math.addExact(
            Math.multiplyExact(issueCycle, ticksPerCycle),
            Math.multiplyExact(Math.multiplyExact(blocks, blockBytes), ticksPerByte));
    return (endTick + ticksPerCycle - 1) / ticksPerCycle + latencyCycles;
  }

  @Override
  public long request(
      long issueCycle, Operand operand, long byteAddress, int bytes, boolean write) {
    long blocks = Dram.blocksTouched(byteAddress, bytes, blockBytes);
    // Checked: a run long enough to overflow the tick clock fails loudly instead of wrapping.
    long startTick = Math.max(Math.multiplyExact(issueCycle, ticksPerCycle), channelFreeTick);
    long endTick = Math.addExact(startTick, Math.multiplyExact(blocks * blockBytes, ticksPerByte));
    channelFreeTick = endTick;
    long completion = (endTick + ticksPerCycle - 1) / ticksPerCycle + latencyCycles;
    counters.add(Level.DRAM, operand, write ? AccessAction.UPDATE : AccessAction.READ, blocks);
    counters.addBusy(issueCycle, completion);
    counters.addStall(StallCause.DRAM_LATENCY, latencyCycles);
    counters.addStall(StallCause.DRAM_BANDWIDTH, completion - issueCycle - latencyCycles);
    return completion;
  }

  @Override
  public Stats stats() {
    return counters.snapshot();
  }
}
