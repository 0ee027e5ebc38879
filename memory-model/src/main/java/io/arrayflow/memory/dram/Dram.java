package io.arrayflow.memory.dram;

import io.arrayflow.sim.kernel.Component;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.Operand;

/**
 * Off-chip memory as the simulator sees it: a request for a byte range, issued at a core cycle,
 * completes at a later core cycle. Requests must be issued in non-decreasing cycle order. Every
 * implementation counts the {@code blockBits} blocks a request touches at level DRAM, reads as
 * {@code READ} and writes as {@code UPDATE} (Timeloop's write-back), and per request the cycles
 * until data would arrive on an idle memory as {@code DRAM_LATENCY} and the rest (waiting behind
 * other transfers, moving its own bytes) as {@code DRAM_BANDWIDTH}; requests that overlap each
 * count their own, so these are request-side figures, not array stalls.
 */
public interface Dram extends Component {

  /**
   * Reads ({@code write = false}) or writes {@code bytes} (>= 1) bytes of {@code operand} from
   * {@code byteAddress}, issued at core cycle {@code issueCycle}; returns the core cycle at which
   * the last byte has arrived.
   */
  long request(long issueCycle, Operand operand, long byteAddress, int bytes, boolean write);

  /** Peak bandwidth, bytes per core cycle. */
  double peakBytesPerCycle();

  /** The DRAM model {@code spec} names, clocked against a core at {@code coreClockMhz}. */
  static Dram create(String name, DramSpec spec, double coreClockMhz) {
    return spec.isSimple()
        ? new SimpleDram(name, spec)
        : new TimingDram(name, spec.timing(), spec.blockBits(), coreClockMhz);
  }

  /** Number of {@code blockBytes}-byte blocks the range {@code [byteAddress, +bytes)} touches. */
  static long blocksTouched(long byteAddress, int bytes, int blockBytes) {
    if (bytes < 1 || byteAddress < 0) {
      throw new IllegalArgumentException(
          "need bytes >= 1 and address >= 0, was " + bytes + " bytes at " + byteAddress);
    }
    return (byteAddress + bytes - 1) / blockBytes - byteAddress / blockBytes + 1;
  }
}
