package io.arrayflow.sim.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The network-on-chip between GLB and PEs ({@code noc:}): its kind, bus width per operand in words
 * per cycle, multicast (multicast kind only), per-hop latency, and for the systolic kind how the
 * next stationary tile is preloaded, how many tiles the weight FIFO holds, and whether a layer's
 * streamed dimension is tiled so that a column fold's partial sums fit the GLB's output space (as a
 * compiler for the chip would; SCALE-Sim v2 does not). Multicast is Eyeriss's (Chen et al., JSSC
 * 2017); preload follows SCALE-Sim v2 ({@code serial}) and the TPU's weight FIFO ({@code
 * overlapped}, Jouppi et al., ISCA 2017).
 */
public record NocSpec(
    NocKind kind,
    Map<Operand, Integer> wordsPerCycle,
    boolean multicast,
    int hopLatencyCycles,
    Preload preload,
    int weightFifoTiles,
    boolean tileStreamed) {

  /** A spec that tiles the streamed dimension (the default). */
  public NocSpec(
      NocKind kind,
      Map<Operand, Integer> wordsPerCycle,
      boolean multicast,
      int hopLatencyCycles,
      Preload preload,
      int weightFifoTiles) {
    this(kind, wordsPerCycle, multicast, hopLatencyCycles, preload, weightFifoTiles, true);
  }

  /** Validates every field and the kind-only rules; copies the map. */
  public NocSpec {
    Violations v = new Violations();
    v.required("kind", kind);
    if (wordsPerCycle == null) {
      v.required("words_per_cycle", null);
    } else {
      EnumMap<Operand, Integer> copy = new EnumMap<>(Operand.class);
      copy.putAll(wordsPerCycle);
      for (Operand operand : Operand.values()) {
        Integer words = copy.get(operand);
        String path = "words_per_cycle." + operand.key();
        if (words == null) {
          v.required(path, null);
        } else {
          v.atLeast(path, words, 1);
        }
      }
      wordsPerCycle = Collections.unmodifiableMap(copy);
    }
    v.atLeast("hop_latency_cycles", hopLatencyCycles, 0);
    v.required("preload", preload);
    v.atLeast("weight_fifo_tiles", weightFifoTiles, 0);
    if (kind == NocKind.MULTICAST) {
      v.check(
          preload == null || preload == Preload.SERIAL,
          "preload",
          preload,
          "must be serial unless kind is systolic");
      v.check(
          weightFifoTiles <= 0,
          "weight_fifo_tiles",
          weightFifoTiles,
          "must be 0 unless kind is systolic");
    } else if (kind == NocKind.SYSTOLIC) {
      v.check(!multicast, "multicast", true, "must be false unless kind is multicast");
    }
    v.throwIfAny();
  }

  /** Bus width for {@code operand}, words per cycle. */
  public int wordsPerCycle(Operand operand) {
    return wordsPerCycle.get(operand);
  }

  /** A builder holding the documented defaults (multicast kind, buses 4/1/4 words per cycle). */
  public static Builder builder() {
    return new Builder();
  }

  /** The documented defaults, as {@code builder().build()}. */
  public static NocSpec defaults() {
    return builder().build();
  }

  /**
   * Builds a {@link NocSpec} from the documented defaults: kind {@code multicast}, words per cycle
   * weights 4, inputs 1, outputs 4, multicast true for the multicast kind and false for systolic
   * (unless set), hop latency 1, preload {@code serial}, weight FIFO 0 tiles.
   */
  public static final class Builder {
    private NocKind kind = NocKind.MULTICAST;
    private final EnumMap<Operand, Integer> wordsPerCycle = new EnumMap<>(Operand.class);
    private Boolean multicast;
    private int hopLatencyCycles = 1;
    private Preload preload = Preload.SERIAL;
    private int weightFifoTiles;
    private boolean tileStreamed = true;

    private Builder() {
      wordsPerCycle.put(Operand.WEIGHTS, 4);
      wordsPerCycle.put(Operand.INPUTS, 1);
      wordsPerCycle.put(Operand.OUTPUTS, 4);
    }

    /** Sets {@code kind}. */
    public Builder kind(NocKind kind) {
      this.kind = kind;
      return this;
    }

    /** Sets {@code words_per_cycle.<operand>}. */
    public Builder wordsPerCycle(Operand operand, int words) {
      wordsPerCycle.put(operand, words);
      return this;
    }

    /** Sets {@code multicast}. */
    public Builder multicast(boolean multicast) {
      this.multicast = multicast;
      return this;
    }

    /** Sets {@code hop_latency_cycles}. */
    public Builder hopLatencyCycles(int cycles) {
      this.hopLatencyCycles = cycles;
      return this;
    }

    /** Sets {@code preload}. */
    public Builder preload(Preload preload) {
      this.preload = preload;
      return this;
    }

    /** Sets {@code weight_fifo_tiles}. */
    public Builder weightFifoTiles(int tiles) {
      this.weightFifoTiles = tiles;
      return this;
    }

    /** Sets {@code tile_streamed}. */
    public Builder tileStreamed(boolean tile) {
      this.tileStreamed = tile;
      return this;
    }

    /** The validated spec. */
    public NocSpec build() {
      boolean resolvedMulticast = multicast != null ? multicast : kind == NocKind.MULTICAST;
      return new NocSpec(
          kind,
          wordsPerCycle,
          resolvedMulticast,
          hopLatencyCycles,
          preload,
          weightFifoTiles,
          tileStreamed);
    }
  }
}
