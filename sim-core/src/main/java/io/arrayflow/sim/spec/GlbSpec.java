package io.arrayflow.sim.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The global buffer ({@code glb:}): size, banks of {@code bankWidthBits}-bit words with {@code
 * portsPerBank} accesses per bank per cycle, KiB partitions reserved per operand (operands not
 * named share the rest), the operands it keeps (the others bypass it, DRAM to NoC), the operands
 * that stay resident between layers when their whole tensor fits (a unified buffer holding
 * intermediate activations, as the TPU's does), and how many tile buffers each kept operand has:
 * {@code buffers} tiles in flight, so one tile may use {@code 1/buffers} of the operand's space and
 * the next {@code buffers − 1} tiles are fetched while one is consumed (1 = load then compute, 2 =
 * double buffering). One access moves one bank word.
 */
public record GlbSpec(
    int sizeKiB,
    int banks,
    int bankWidthBits,
    int portsPerBank,
    Map<Operand, Integer> partition,
    Set<Operand> keep,
    Set<Operand> resident,
    int buffers) {

  /** The most tile buffers one operand may have. */
  public static final int MAX_BUFFERS = 16;

  /** Validates every field, that partitions name kept operands and fit in the size; copies. */
  public GlbSpec {
    Violations v = new Violations();
    v.positive("size_kib", sizeKiB);
    v.atLeast("banks", banks, 1);
    v.atLeast("bank_width_bits", bankWidthBits, 1);
    v.atLeast("ports_per_bank", portsPerBank, 1);
    if (keep == null) {
      v.required("keep", null);
    } else {
      EnumSet<Operand> copy = EnumSet.noneOf(Operand.class);
      copy.addAll(keep);
      keep = Collections.unmodifiableSet(copy);
    }
    if (resident == null) {
      resident = Set.of();
    }
    EnumSet<Operand> residentCopy = EnumSet.noneOf(Operand.class);
    residentCopy.addAll(resident);
    resident = Collections.unmodifiableSet(residentCopy);
    if (keep != null) {
      for (Operand operand : resident) {
        v.check(
            keep.contains(operand),
            "resident",
            operand.key(),
            "must name an operand in keep " + SpecViolation.render(keep));
      }
    }
    v.between("buffers", buffers, 1, MAX_BUFFERS);
    if (partition == null) {
      partition = Map.of();
    }
    EnumMap<Operand, Integer> parts = new EnumMap<>(Operand.class);
    parts.putAll(partition);
    long sumKiB = 0;
    for (Map.Entry<Operand, Integer> part : parts.entrySet()) {
      String path = "partition." + part.getKey().key();
      v.positive(path, part.getValue());
      sumKiB += part.getValue();
      if (keep != null) {
        v.check(
            keep.contains(part.getKey()),
            path,
            part.getValue(),
            "must name an operand in keep " + SpecViolation.render(keep));
      }
    }
    v.check(
        sizeKiB <= 0 || sumKiB <= sizeKiB,
        "partition",
        parts,
        "must sum to <= size_kib (" + sizeKiB + " KiB)");
    partition = Collections.unmodifiableMap(parts);
    v.throwIfAny();
  }

  /** Size in bytes. */
  public long sizeBytes() {
    return sizeKiB * 1024L;
  }

  /** Words (of {@code bankWidthBits}) per bank, rounded down. */
  public long bankWords() {
    return sizeBytes() * 8 / ((long) banks * bankWidthBits);
  }

  /** Bytes reserved for {@code operand}'s partition, 0 if it has none. */
  public long partitionBytes(Operand operand) {
    return partition.getOrDefault(operand, 0) * 1024L;
  }

  /** Bytes left for kept operands without a partition, shared among them. */
  public long sharedBytes() {
    long reserved = 0;
    for (int kib : partition.values()) {
      reserved += kib * 1024L;
    }
    return sizeBytes() - reserved;
  }

  /** Whether at least two tile buffers let the next tile load while one is consumed. */
  public boolean doubleBuffered() {
    return buffers >= 2;
  }

  /** Whether {@code operand} stays in the GLB between layers when its whole tensor fits. */
  public boolean resident(Operand operand) {
    return resident.contains(operand);
  }

  /** Whether {@code operand} is kept in the GLB (otherwise it bypasses it). */
  public boolean keeps(Operand operand) {
    return keep.contains(operand);
  }

  /** A builder holding the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The documented defaults, as {@code builder().build()}. */
  public static GlbSpec defaults() {
    return builder().build();
  }

  /**
   * Builds a {@link GlbSpec} from the documented defaults: 108 KiB, 27 banks of 64 bits, one port
   * per bank, no partition (one shared buffer), keep inputs and outputs, none resident, two buffers
   * (double buffered).
   */
  public static final class Builder {
    private int sizeKiB = 108;
    private int banks = 27;
    private int bankWidthBits = 64;
    private int portsPerBank = 1;
    private final EnumMap<Operand, Integer> partition = new EnumMap<>(Operand.class);
    private Set<Operand> keep = EnumSet.of(Operand.INPUTS, Operand.OUTPUTS);
    private Set<Operand> resident = EnumSet.noneOf(Operand.class);
    private int buffers = 2;

    private Builder() {}

    /** Sets {@code size_kib}. */
    public Builder sizeKiB(int sizeKiB) {
      this.sizeKiB = sizeKiB;
      return this;
    }

    /** Sets {@code banks}. */
    public Builder banks(int banks) {
      this.banks = banks;
      return this;
    }

    /** Sets {@code bank_width_bits}. */
    public Builder bankWidthBits(int bits) {
      this.bankWidthBits = bits;
      return this;
    }

    /** Sets {@code ports_per_bank}. */
    public Builder portsPerBank(int ports) {
      this.portsPerBank = ports;
      return this;
    }

    /** Sets {@code partition.<operand>} in KiB. */
    public Builder partition(Operand operand, int kib) {
      partition.put(operand, kib);
      return this;
    }

    /** Sets {@code keep}. */
    public Builder keep(Set<Operand> keep) {
      this.keep = keep;
      return this;
    }

    /** Sets {@code resident}. */
    public Builder resident(Set<Operand> resident) {
      this.resident = resident;
      return this;
    }

    /** Sets {@code buffers} to 2 ({@code true}) or 1. */
    public Builder doubleBuffered(boolean doubleBuffered) {
      this.buffers = doubleBuffered ? 2 : 1;
      return this;
    }

    /** Sets {@code buffers}. */
    public Builder buffers(int buffers) {
      this.buffers = buffers;
      return this;
    }

    /** The validated spec. */
    public GlbSpec build() {
      return new GlbSpec(
          sizeKiB, banks, bankWidthBits, portsPerBank, partition, keep, resident, buffers);
    }
  }
}
