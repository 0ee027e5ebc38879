package io.arrayflow.sim.spec;

/**
 * The resolved timing of a DRAM timing model, every field present; times are in DRAM clock cycles
 * ({@code clockMhz} is the I/O clock, data moves on both edges). Built by {@link DramSpec#timing()}
 * or taken from a {@link DramModel} preset; the memory model converts it to core cycles.
 */
public record DramTiming(
    int channels,
    int banks,
    int busBits,
    double clockMhz,
    int burstLength,
    int rowBytes,
    int tRCD,
    int tCL,
    int tRP,
    int tRAS,
    int tREFI,
    int tRFC,
    DramScheduler scheduler) {

  /** Checks the invariants the timing model relies on ({@link DramSpec} reports them to users). */
  public DramTiming {
    if (channels < 1
        || banks < 1
        || busBits < 8
        || busBits % 8 != 0
        || !(clockMhz > 0)
        || burstLength < 2
        || burstLength % 2 != 0
        || rowBytes < 1
        || tRCD < 1
        || tCL < 1
        || tRP < 1
        || tRAS < 1
        || tREFI < 0
        || tRFC < 0
        || scheduler == null) {
      throw new IllegalArgumentException(
          "invalid DRAM timing (DramSpec reports which field): channels="
              + channels
              + " banks="
              + banks
              + " busBits="
              + busBits
              + " burstLength="
              + burstLength);
    }
  }

  /** Bytes moved by one burst on one channel. */
  public int burstBytes() {
    return busBits / 8 * burstLength;
  }

  /** DRAM cycles one burst occupies the data bus (two beats per cycle). */
  public int burstCycles() {
    return burstLength / 2;
  }

  /** Peak bytes per DRAM cycle over all channels. */
  public double peakBytesPerDramCycle() {
    return (double) channels * busBits / 8 * 2;
  }

  /** Whether refresh is modelled ({@code tREFI > 0}). */
  public boolean refreshEnabled() {
    return tREFI > 0;
  }
}
