package io.arrayflow.sim.spec;

import java.util.Optional;

/**
 * The DRAM model named by {@code dram.model}: {@code simple} (a bandwidth plus a fixed latency) or
 * a timing model with a datasheet-style preset. Preset values, in DRAM clock cycles:
 *
 * <ul>
 *   <li>{@code ddr4-3200}: JEDEC JESD79-4 speed bin DDR4-3200AA (22-22-22) as in Micron's MT40A 8
 *       Gb datasheet (-062E): 1600 MHz, one 64-bit channel (a DIMM), 16 banks (4 groups of 4), BL8,
 *       8 KiB row (1 KiB page × 8 ×8 devices), tRCD = tCL = tRP = 22, tRAS = 32 ns = 52, tREFI =
 *       7.8 µs = 12480, tRFC = 350 ns (8 Gb) = 560.
 *   <li>{@code lpddr4-3200}: JEDEC JESD209-4 / Micron MT53 8 Gb per channel: 1600 MHz, two 16-bit
 *       channels (a ×32 package), 8 banks, BL16, 2 KiB page, RL (tCL) = 28 (DBI off), tRCD = 18 ns
 *       = 29, tRPpb = 18 ns = 29, tRAS = 42 ns = 68, tREFI = 3.904 µs = 6246, tRFCab = 280 ns =
 *       448.
 *   <li>{@code hbm2}: JEDEC JESD235A, one stack at 2 Gb/s per pin in pseudo-channel mode: 1000 MHz,
 *       16 pseudo channels of 64 bits, 16 banks each, BL4, 1 KiB page, tRCD = tCL = tRP = 14 ns =
 *       14, tRAS = 33 ns = 33, tREFI = 3.9 µs = 3900, tRFC = 350 ns = 350 (256 GB/s peak).
 * </ul>
 *
 * <p>Refresh is modelled as all-bank refresh; tRRD, tFAW, tWR and bus turnaround are not modelled.
 */
public enum DramModel implements Keyed {
  SIMPLE(null),
  DDR4_3200(
      new DramTiming(1, 16, 64, 1600, 8, 8192, 22, 22, 22, 52, 12480, 560, DramScheduler.FCFS)),
  LPDDR4_3200(
      new DramTiming(2, 8, 16, 1600, 16, 2048, 29, 28, 29, 68, 6246, 448, DramScheduler.FCFS)),
  HBM2(new DramTiming(16, 16, 64, 1000, 4, 1024, 14, 14, 14, 33, 3900, 350, DramScheduler.FCFS));

  private final DramTiming preset;

  DramModel(DramTiming preset) {
    this.preset = preset;
  }

  /** The preset timing of a timing model; empty for {@code simple}. */
  public Optional<DramTiming> preset() {
    return Optional.ofNullable(preset);
  }

  /** Whether this is the {@code simple} bandwidth-plus-latency model. */
  public boolean isSimple() {
    return preset == null;
  }

  /** The model whose key is {@code key} ({@code simple}, {@code ddr4-3200}, …). */
  public static DramModel named(String key) {
    return Keyed.named(DramModel.class, key);
  }
}
