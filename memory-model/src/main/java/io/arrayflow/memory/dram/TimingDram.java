package io.arrayflow.memory.dram;

import io.arrayflow.sim.spec.DramScheduler;
import io.arrayflow.sim.spec.DramTiming;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.StallCause;
import io.arrayflow.sim.stats.Stats;
import java.util.Arrays;

/**
 * A DRAM timing model in the spirit of DRAMSim2 and Ramulator, with the timing of a {@link
 * DramTiming} (see {@link io.arrayflow.sim.spec.DramModel} for the presets and their sources).
 *
 * <p><b>Address mapping</b> {@code row:bank:channel:column}, column lowest: byte address {@code a}
 * has column {@code a mod rowBytes}, then channel, bank and row from the higher digits, so a
 * sequential stream fills a whole row, then moves to the next channel, then the next bank.
 *
 * <p><b>Timing</b>, per burst of {@code busBits/8 * burstLength} bytes: a row hit issues its column
 * command when the bank allows; a miss (bank precharged) activates first ({@code tRCD}); a conflict
 * (another row open) precharges ({@code tRP}, not before {@code tRAS} after the activation nor
 * before the bank's last burst), activates, then reads. Data arrives {@code tCL} after the column
 * command and occupies the channel's data bus for {@code burstLength / 2} DRAM cycles. So an idle
 * bank's latency is {@code tCL + BL/2} (hit), {@code tRCD + tCL + BL/2} (miss) or {@code tRP + tRCD
 * + tCL + BL/2} (conflict). <b>FCFS</b>: column commands and data leave each channel in request
 * order; precharge and activate may be issued ahead for later requests (bank-level parallelism).
 * Writes are timed like reads. <b>Refresh</b>: every {@code tREFI} an all-bank refresh closes every
 * row and blocks the channel for {@code tRFC} (after data in flight); {@code tREFI = 0} disables
 * it. Not modelled: tRRD, tFAW, tWR, tWTR, read/write turnaround, FR-FCFS reordering.
 *
 * <p><b>Clocks</b>: time is kept in ticks such that both a core cycle and a DRAM cycle are whole
 * numbers of ticks (clocks taken to the kHz), so latencies convert to core cycles exactly, rounded
 * up once at completion.
 */
public final class TimingDram implements Dram {

  private final String name;
  private final DramTiming timing;
  private final int blockBytes;
  private final double coreClockMhz;
  private final long ticksPerCore;
  private final long ticksPerDram;
  private final int burstBytes;
  private final long tRCD;
  private final long tCL;
  private final long tRP;
  private final long tRAS;
  private final long tREFI;
  private final long tRFC;
  private final long burstTicks;

  private final long[] openRow;
  private final long[] activateAllowedTick;
  private final long[] prechargeAllowedTick;
  private final long[] columnAllowedTick;
  private final long[] busFreeTick;
  private final long[] lastColumnTick;
  private final long[] nextRefreshTick;
  private final Counters counters;

  /**
   * A timing DRAM named {@code name} with {@code timing}, counting {@code blockBits}-bit blocks,
   * clocked against a core at {@code coreClockMhz}.
   */
  public TimingDram(String name, DramTiming timing, int blockBits, double coreClockMhz) {
    if (timing.scheduler() != DramScheduler.FCFS) {
      throw new IllegalArgumentException(
          "scheduler " + timing.scheduler().key() + " is not modelled yet; use fcfs");
    }
    if (!(coreClockMhz > 0) || blockBits < 8 || blockBits % 8 != 0) {
      throw new IllegalArgumentException(
          "need core clock > 0 and block bits a multiple of 8, was "
              + coreClockMhz
              + " MHz, "
              + blockBits
              + " bits");
    }
    this.name = name;
    this.timing = timing;
    this.blockBytes = blockBits / 8;
    this.coreClockMhz = coreClockMhz;
    long coreKhz = Math.round(coreClockMhz * 1000);
    long dramKhz = Math.round(timing.clockMhz() * 1000);
    long gcd = gcd(coreKhz, dramKhz);
    this.ticksPerCore = dramKhz / gcd;
    this.ticksPerDram = coreKhz / gcd;
    this.burstBytes = timing.burstBytes();
    this.tRCD = timing.tRCD() * ticksPerDram;
    this.tCL = timing.tCL() * ticksPerDram;
    this.tRP = timing.tRP() * ticksPerDram;
    this.tRAS = timing.tRAS() * ticksPerDram;
    this.tREFI = timing.tREFI() * ticksPerDram;
    this.tRFC = timing.tRFC() * ticksPerDram;
    this.burstTicks = timing.burstCycles() * ticksPerDram;
    int bankCount = timing.channels() * timing.banks();
    this.openRow = new long[bankCount];
    Arrays.fill(openRow, -1);
    this.activateAllowedTick = new long[bankCount];
    this.prechargeAllowedTick = new long[bankCount];
    this.columnAllowedTick = new long[bankCount];
    this.busFreeTick = new long[timing.channels()];
    this.lastColumnTick = new long[timing.channels()];
    this.nextRefreshTick = new long[timing.channels()];
    Arrays.fill(nextRefreshTick, timing.refreshEnabled() ? tREFI : Long.MAX_VALUE);
    this.counters = new Counters(name);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public String name() {
    return name;
  }

  /** The timing this model runs. */
  public DramTiming timing() {
    return timing;
  }

  @Override
  public double peakBytesPerCycle() {
    return timing.peakBytesPerDramCycle() * timing.clockMhz() / coreClockMhz;
  }

  @Override
  public long request(
      long issueCycle, Operand operand, long byteAddress, int bytes, boolean write) {
    long blocks = Dram.blocksTouched(byteAddress, bytes, blockBytes);
    // Checked: a run long enough to overflow the tick clock fails loudly instead of wrapping.
    long arrivalTick = Math.multiplyExact(issueCycle, ticksPerCore);
    long firstBurst = byteAddress / burstBytes;
    long lastBurst = (byteAddress + bytes - 1) / burstBytes;
    long endTick = arrivalTick;
    long idleLatencyTicks = -1;
    for (long burst = firstBurst; burst <= lastBurst; burst++) {
      long[] result = burst(arrivalTick, burst * burstBytes);
      endTick = Math.max(endTick, result[0]);
      if (idleLatencyTicks < 0) {
        idleLatencyTicks = result[1];
      }
    }
    long completion = ceilDiv(endTick, ticksPerCore);
    long latencyCycles = Math.min(completion - issueCycle, ceilDiv(idleLatencyTicks, ticksPerCore));
    counters.add(Level.DRAM, operand, write ? AccessAction.UPDATE : AccessAction.READ, blocks);
    counters.addBusy(issueCycle, completion);
    counters.addStall(StallCause.DRAM_LATENCY, latencyCycles);
    counters.addStall(StallCause.DRAM_BANDWIDTH, completion - issueCycle - latencyCycles);
    return completion;
  }

  /**
   * Times one burst at {@code address} arriving at {@code arrivalTick}; returns its data end tick
   * and the latency it would have had from its bank-ready column command (no queueing on the bus).
   */
  private long[] burst(long arrivalTick, long address) {
    long rest = address / timing.rowBytes();
    int channel = (int) (rest % timing.channels());
    rest /= timing.channels();
    int bank = (int) (rest % timing.banks());
    long row = rest / timing.banks();
    int index = channel * timing.banks() + bank;

    refreshUpTo(channel, Math.max(arrivalTick, lastColumnTick[channel]));

    long columnTick;
    if (openRow[index] == row) {
      columnTick = Math.max(arrivalTick, columnAllowedTick[index]);
      counters.add(Metric.ROW_HITS, 1);
    } else {
      long activateTick;
      if (openRow[index] < 0) {
        activateTick = Math.max(arrivalTick, activateAllowedTick[index]);
        counters.add(Metric.ROW_MISSES, 1);
      } else {
        long prechargeTick = Math.max(arrivalTick, prechargeAllowedTick[index]);
        activateTick = Math.max(prechargeTick + tRP, activateAllowedTick[index]);
        counters.add(Metric.ROW_CONFLICTS, 1);
      }
      openRow[index] = row;
      columnAllowedTick[index] = activateTick + tRCD;
      prechargeAllowedTick[index] = activateTick + tRAS;
      columnTick = activateTick + tRCD;
    }
    long idleLatency = columnTick + tCL + burstTicks - arrivalTick;
    // FCFS: column commands leave in request order and data must find the bus free.
    columnTick =
        Math.max(columnTick, Math.max(lastColumnTick[channel], busFreeTick[channel] - tCL));
    long dataEnd = columnTick + tCL + burstTicks;
    lastColumnTick[channel] = columnTick;
    busFreeTick[channel] = dataEnd;
    prechargeAllowedTick[index] = Math.max(prechargeAllowedTick[index], columnTick + burstTicks);
    counters.add(Metric.DRAM_BURSTS, 1);
    return new long[] {dataEnd, idleLatency};
  }

  /** Performs every refresh of {@code channel} due at or before {@code tick}. */
  private void refreshUpTo(int channel, long tick) {
    while (tick >= nextRefreshTick[channel]) {
      long start = Math.max(nextRefreshTick[channel], busFreeTick[channel]);
      long later = (tick - nextRefreshTick[channel]) / tREFI;
      if (later > 0 && start + tRFC <= nextRefreshTick[channel] + tREFI) {
        // Once a refresh ends before the next is due, the channel is idle between them and every
        // later one starts on schedule: jump to the last due refresh instead of looping over the
        // idle gap (a fresh memory probed late in a run would otherwise replay every refresh).
        counters.add(Metric.REFRESHES, later);
        nextRefreshTick[channel] += later * tREFI;
        start = Math.max(nextRefreshTick[channel], busFreeTick[channel]);
      }
      long end = start + tRFC;
      int first = channel * timing.banks();
      for (int index = first; index < first + timing.banks(); index++) {
        openRow[index] = -1;
        activateAllowedTick[index] = Math.max(activateAllowedTick[index], end);
      }
      busFreeTick[channel] = Math.max(busFreeTick[channel], end);
      lastColumnTick[channel] = Math.max(lastColumnTick[channel], end);
      nextRefreshTick[channel] += tREFI;
      counters.add(Metric.REFRESHES, 1);
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  @Override
  public Stats stats() {
    return counters.snapshot();
  }
}
