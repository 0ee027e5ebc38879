package io.arrayflow.sim.spec;

/**
 * Off-chip memory ({@code dram:}). {@code model} is {@code simple} (a bandwidth in bytes per core
 * cycle, fractional allowed, plus a fixed latency in core cycles) or a timing model whose fields
 * (channels, banks, bus width, I/O clock, burst length, row size, tRCD/tCL/tRP/tRAS, refresh
 * tREFI/tRFC in DRAM clock cycles, scheduler) default to the {@link DramModel} preset. Fields of
 * the other kind of model are {@code null}; giving one is a violation. {@code blockBits} is what
 * one access moves for accounting and energy.
 */
public record DramSpec(
    DramModel model,
    int blockBits,
    Double bandwidthBytesPerCycle,
    Long latencyCycles,
    Integer channels,
    Integer banks,
    Integer busBits,
    Double clockMhz,
    Integer burstLength,
    Integer rowBytes,
    Integer tRCD,
    Integer tCL,
    Integer tRP,
    Integer tRAS,
    Integer tREFI,
    Integer tRFC,
    DramScheduler scheduler) {

  /** The most banks over all channels: the timing model keeps a few words per bank. */
  private static final int MAX_BANKS = 1 << 20;

  private static final String TIMING_ONLY = "applies to timing models only (model is simple)";
  private static final String SIMPLE_ONLY =
      "applies to model simple only (remove the key, or --set it to null, for a timing model)";

  /** Validates the fields of the chosen model and that the other model's fields are absent. */
  public DramSpec {
    Violations v = new Violations();
    v.required("model", model);
    v.atLeast("block_bits", blockBits, 8);
    v.check(blockBits % 8 == 0, "block_bits", blockBits, "must be a multiple of 8");
    if (model != null && model.isSimple()) {
      if (bandwidthBytesPerCycle == null) {
        v.required("bandwidth_bytes_per_cycle", null);
      } else {
        v.positive("bandwidth_bytes_per_cycle", bandwidthBytesPerCycle);
        v.check(
            !(bandwidthBytesPerCycle > 0)
                || (bandwidthBytesPerCycle >= 1e-6 && bandwidthBytesPerCycle <= 1e6),
            "bandwidth_bytes_per_cycle",
            bandwidthBytesPerCycle,
            "must be in 0.000001..1000000 (the simple model keeps it to a millionth of a byte"
                + " per cycle)");
      }
      if (latencyCycles == null) {
        v.required("latency_cycles", null);
      } else {
        v.atLeast("latency_cycles", latencyCycles, 0);
        v.check(
            latencyCycles <= 1_000_000_000L,
            "latency_cycles",
            latencyCycles,
            "must be <= 1000000000 (a second at 1 GHz)");
      }
      absent(v, "channels", channels);
      absent(v, "banks", banks);
      absent(v, "bus_bits", busBits);
      absent(v, "clock_mhz", clockMhz);
      absent(v, "burst_length", burstLength);
      absent(v, "row_bytes", rowBytes);
      absent(v, "tRCD", tRCD);
      absent(v, "tCL", tCL);
      absent(v, "tRP", tRP);
      absent(v, "tRAS", tRAS);
      absent(v, "tREFI", tREFI);
      absent(v, "tRFC", tRFC);
      absent(v, "scheduler", scheduler);
    } else if (model != null) {
      v.check(
          bandwidthBytesPerCycle == null,
          "bandwidth_bytes_per_cycle",
          bandwidthBytesPerCycle,
          SIMPLE_ONLY);
      v.check(latencyCycles == null, "latency_cycles", latencyCycles, SIMPLE_ONLY);
      boolean channelsValid = atLeast(v, "channels", channels, 1);
      if (atLeast(v, "banks", banks, 1) && channelsValid) {
        v.check(
            (long) channels * banks <= MAX_BANKS,
            "banks",
            banks,
            "channels × banks must be <= " + MAX_BANKS + " (channels is " + channels + ")");
      }
      if (atLeast(v, "bus_bits", busBits, 8)) {
        v.check(busBits % 8 == 0, "bus_bits", busBits, "must be a multiple of 8");
      }
      if (clockMhz == null) {
        v.required("clock_mhz", null);
      } else {
        v.positive("clock_mhz", clockMhz);
        v.check(
            !(clockMhz > 0) || (clockMhz >= 0.001 && clockMhz <= 1e6),
            "clock_mhz",
            clockMhz,
            "must be in 0.001..1000000 (1 kHz to 1 THz)");
      }
      if (atLeast(v, "burst_length", burstLength, 2)) {
        v.check(
            burstLength % 2 == 0,
            "burst_length",
            burstLength,
            "must be even (two beats per DRAM clock)");
        v.check(
            busBits == null || (long) busBits / 8 * burstLength <= Integer.MAX_VALUE,
            "burst_length",
            burstLength,
            "bus_bits / 8 × burst_length (the burst size) must be <= "
                + Integer.MAX_VALUE
                + " bytes");
      }
      if (atLeast(v, "row_bytes", rowBytes, 1)
          && busBits != null
          && busBits >= 8
          && busBits % 8 == 0
          && burstLength != null
          && burstLength >= 2
          && burstLength % 2 == 0) {
        int burstBytes = busBits / 8 * burstLength;
        v.check(
            rowBytes % burstBytes == 0,
            "row_bytes",
            rowBytes,
            "must be a multiple of the burst size (" + burstBytes + " bytes)");
      }
      atLeast(v, "tRCD", tRCD, 1);
      atLeast(v, "tCL", tCL, 1);
      atLeast(v, "tRP", tRP, 1);
      atLeast(v, "tRAS", tRAS, 1);
      atLeast(v, "tREFI", tREFI, 0);
      if (atLeast(v, "tRFC", tRFC, 0) && tREFI != null && tREFI > 0) {
        v.check(tRFC < tREFI, "tRFC", tRFC, "must be < tREFI (" + tREFI + ")");
        // A command that outlasts a refresh interval never completes between refreshes.
        String[] names = {"tRCD", "tCL", "tRP", "tRAS"};
        Integer[] values = {tRCD, tCL, tRP, tRAS};
        for (int i = 0; i < names.length; i++) {
          v.check(
              values[i] == null || values[i] < tREFI,
              names[i],
              values[i],
              "must be < tREFI (" + tREFI + ") when refresh is on");
        }
      }
      v.required("scheduler", scheduler);
      v.check(
          scheduler != DramScheduler.FR_FCFS,
          "scheduler",
          scheduler,
          "must be fcfs (fr-fcfs is not modelled yet)");
    }
    v.throwIfAny();
  }

  private static void absent(Violations v, String path, Object value) {
    v.check(value == null, path, value, TIMING_ONLY);
  }

  /** Checks a required integer; returns whether it is present and valid. */
  private static boolean atLeast(Violations v, String path, Integer value, int min) {
    if (value == null) {
      v.required(path, null);
      return false;
    }
    v.atLeast(path, value, min);
    return value >= min;
  }

  /** Whether this is the {@code simple} model. */
  public boolean isSimple() {
    return model.isSimple();
  }

  /** Bytes per access block. */
  public int blockBytes() {
    return blockBits / 8;
  }

  /** The resolved timing of a timing model; throws for {@code simple}. */
  public DramTiming timing() {
    if (isSimple()) {
      throw new IllegalStateException("dram model simple has no timing");
    }
    return new DramTiming(
        channels,
        banks,
        busBits,
        clockMhz,
        burstLength,
        rowBytes,
        tRCD,
        tCL,
        tRP,
        tRAS,
        tREFI,
        tRFC,
        scheduler);
  }

  /** Peak bandwidth in bytes per core cycle at a core clock of {@code coreClockMhz}. */
  public double peakBytesPerCoreCycle(double coreClockMhz) {
    if (isSimple()) {
      return bandwidthBytesPerCycle;
    }
    return timing().peakBytesPerDramCycle() * clockMhz / coreClockMhz;
  }

  /** A builder for {@code model}, holding its documented defaults (or preset). */
  public static Builder builder(DramModel model) {
    return new Builder(model);
  }

  /** The documented defaults: simple, 64-bit blocks, 8 bytes per cycle, latency 100 cycles. */
  public static DramSpec defaults() {
    return builder(DramModel.SIMPLE).build();
  }

  /** A timing model with its preset values and 64-bit blocks. */
  public static DramSpec preset(DramModel model) {
    return builder(model).build();
  }

  /**
   * Builds a {@link DramSpec}: block bits 64; for {@code simple} bandwidth 8 bytes per cycle and
   * latency 100 cycles; for a timing model every timing field from the preset. Setting a field of
   * the other kind of model makes {@link #build()} report it.
   */
  public static final class Builder {
    private final DramModel model;
    private int blockBits = 64;
    private Double bandwidthBytesPerCycle;
    private Long latencyCycles;
    private Integer channels;
    private Integer banks;
    private Integer busBits;
    private Double clockMhz;
    private Integer burstLength;
    private Integer rowBytes;
    private Integer tRCD;
    private Integer tCL;
    private Integer tRP;
    private Integer tRAS;
    private Integer tREFI;
    private Integer tRFC;
    private DramScheduler scheduler;

    private Builder(DramModel model) {
      this.model = model;
      if (model == null) {
        return;
      }
      if (model.isSimple()) {
        bandwidthBytesPerCycle = 8.0;
        latencyCycles = 100L;
      } else {
        DramTiming t = model.preset().orElseThrow();
        channels = t.channels();
        banks = t.banks();
        busBits = t.busBits();
        clockMhz = t.clockMhz();
        burstLength = t.burstLength();
        rowBytes = t.rowBytes();
        tRCD = t.tRCD();
        tCL = t.tCL();
        tRP = t.tRP();
        tRAS = t.tRAS();
        tREFI = t.tREFI();
        tRFC = t.tRFC();
        scheduler = t.scheduler();
      }
    }

    /** Sets {@code block_bits}. */
    public Builder blockBits(int bits) {
      this.blockBits = bits;
      return this;
    }

    /** Sets {@code bandwidth_bytes_per_cycle} (simple model). */
    public Builder bandwidthBytesPerCycle(double bytesPerCycle) {
      this.bandwidthBytesPerCycle = bytesPerCycle;
      return this;
    }

    /** Sets {@code latency_cycles} (simple model). */
    public Builder latencyCycles(long cycles) {
      this.latencyCycles = cycles;
      return this;
    }

    /** Sets {@code channels}. */
    public Builder channels(int channels) {
      this.channels = channels;
      return this;
    }

    /** Sets {@code banks} per channel. */
    public Builder banks(int banks) {
      this.banks = banks;
      return this;
    }

    /** Sets {@code bus_bits} per channel. */
    public Builder busBits(int bits) {
      this.busBits = bits;
      return this;
    }

    /** Sets the DRAM I/O {@code clock_mhz}. */
    public Builder clockMhz(double mhz) {
      this.clockMhz = mhz;
      return this;
    }

    /** Sets {@code burst_length} in beats. */
    public Builder burstLength(int beats) {
      this.burstLength = beats;
      return this;
    }

    /** Sets {@code row_bytes}. */
    public Builder rowBytes(int bytes) {
      this.rowBytes = bytes;
      return this;
    }

    /** Sets {@code tRCD} in DRAM cycles. */
    public Builder tRCD(int cycles) {
      this.tRCD = cycles;
      return this;
    }

    /** Sets {@code tCL} in DRAM cycles. */
    public Builder tCL(int cycles) {
      this.tCL = cycles;
      return this;
    }

    /** Sets {@code tRP} in DRAM cycles. */
    public Builder tRP(int cycles) {
      this.tRP = cycles;
      return this;
    }

    /** Sets {@code tRAS} in DRAM cycles. */
    public Builder tRAS(int cycles) {
      this.tRAS = cycles;
      return this;
    }

    /** Sets {@code tREFI} in DRAM cycles; 0 disables refresh. */
    public Builder tREFI(int cycles) {
      this.tREFI = cycles;
      return this;
    }

    /** Sets {@code tRFC} in DRAM cycles. */
    public Builder tRFC(int cycles) {
      this.tRFC = cycles;
      return this;
    }

    /** Sets {@code scheduler}. */
    public Builder scheduler(DramScheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** The validated spec. */
    public DramSpec build() {
      return new DramSpec(
          model,
          blockBits,
          bandwidthBytesPerCycle,
          latencyCycles,
          channels,
          banks,
          busBits,
          clockMhz,
          burstLength,
          rowBytes,
          tRCD,
          tCL,
          tRP,
          tRAS,
          tREFI,
          tRFC,
          scheduler);
    }
  }
}
