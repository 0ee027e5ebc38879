package io.arrayflow.sim.spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A whole accelerator, one architecture YAML file: DRAM (and any further off-chip memories, each
 * serving some operands) → global buffer → NoC → PE array → per-PE register files → MAC, with a
 * vector unit beside the array. Its own rules are the top-level fields and the cross-field rules
 * between blocks: the GLB bank width must be a multiple of the precision of every operand the GLB
 * keeps, and the {@code int} datatype limits operands to 16 bits and the accumulator to 32 bits.
 * Paths of nested violations are reported relative to this record ({@code glb.bank_width_bits}).
 */
public record ArchSpec(
    String name,
    String description,
    double clockMhz,
    String energyTable,
    Datatype datatype,
    Precision precision,
    PeArraySpec peArray,
    PeSpec pe,
    NocSpec noc,
    GlbSpec glb,
    DramSpec dram,
    List<MemorySpec> memories,
    VectorUnitSpec vectorUnit) {

  /** The name of the off-chip memory that serves every operand no other memory names. */
  public static final String DRAM = "dram";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  /** Validates the top-level fields and the cross-field rules. */
  public ArchSpec {
    Violations v = new Violations();
    v.check(
        name != null && NAME.matcher(name).matches(),
        "name",
        name,
        "must be letters, digits, '-' or '_'");
    v.required("description", description);
    v.positive("clock_mhz", clockMhz);
    v.check(
        !(clockMhz > 0) || (clockMhz >= 0.001 && clockMhz <= 1e6),
        "clock_mhz",
        clockMhz,
        "must be in 0.001..1000000 (1 kHz to 1 THz)");
    v.check(
        energyTable != null && !energyTable.isBlank(),
        "energy_table",
        energyTable,
        "must name an energy table");
    v.required("datatype", datatype);
    v.required("precision", precision);
    v.required("pe_array", peArray);
    v.required("pe", pe);
    v.required("noc", noc);
    v.required("glb", glb);
    v.required("dram", dram);
    v.required("vector_unit", vectorUnit);
    memories = memories == null ? List.of() : List.copyOf(memories);
    Set<String> names = new HashSet<>();
    Set<Operand> served = EnumSet.noneOf(Operand.class);
    for (int i = 0; i < memories.size(); i++) {
      MemorySpec memory = memories.get(i);
      v.check(
          names.add(memory.name()), "memories[" + i + "].name", memory.name(), "must be unique");
      for (Operand operand : memory.serves()) {
        v.check(
            served.add(operand),
            "memories[" + i + "].serves",
            operand.key(),
            "must not name an operand another memory serves");
      }
    }
    if (glb != null && precision != null) {
      for (Operand operand : glb.keep()) {
        int bits = precision.bits(operand);
        v.check(
            glb.bankWidthBits() % bits == 0,
            "glb.bank_width_bits",
            glb.bankWidthBits(),
            "must be a multiple of the " + operand.key() + " precision (" + bits + " bits)");
      }
    }
    if (datatype == Datatype.INT && precision != null) {
      v.check(
          precision.weights() <= 16,
          "precision.weights",
          precision.weights(),
          "must be <= 16 for datatype int");
      v.check(
          precision.inputs() <= 16,
          "precision.inputs",
          precision.inputs(),
          "must be <= 16 for datatype int");
      v.check(
          precision.accumulator() <= 32,
          "precision.accumulator",
          precision.accumulator(),
          "must be <= 32 for datatype int");
    }
    if (noc != null && precision != null && noc.kind() == NocKind.MULTICAST) {
      v.check(
          precision.finalOutputs() == precision.outputs(),
          "precision.final_outputs",
          precision.finalOutputs(),
          "must equal outputs ("
              + precision.outputs()
              + ") on a multicast NoC: it models an"
              + " activation unit after a systolic array's accumulators");
    }
    if (noc != null && glb != null && noc.kind() == NocKind.SYSTOLIC) {
      // WS/IS shift the next stationary tile in behind the current fold; one that bypasses the
      // GLB must wait on chip somewhere, in the weight FIFO.
      boolean bypassed = !glb.keeps(Operand.WEIGHTS) || !glb.keeps(Operand.INPUTS);
      v.check(
          noc.preload() != Preload.OVERLAPPED || noc.weightFifoTiles() >= 1 || !bypassed,
          "noc.weight_fifo_tiles",
          noc.weightFifoTiles(),
          "must be >= 1 with preload: overlapped when glb.keep leaves out weights or inputs (the"
              + " next stationary tile waits in the FIFO)");
    }
    v.throwIfAny();
  }

  /**
   * The off-chip memories, {@code dram} first, then {@link #memories()} in their order: the index
   * of a memory here is its index in {@link #memoryIndex(Operand)}.
   */
  public List<DramSpec> offChip() {
    List<DramSpec> all = new ArrayList<>(1 + memories.size());
    all.add(dram);
    for (MemorySpec memory : memories) {
      all.add(memory.spec());
    }
    return all;
  }

  /** The names of {@link #offChip()}, in the same order. */
  public List<String> offChipNames() {
    List<String> all = new ArrayList<>(1 + memories.size());
    all.add(DRAM);
    for (MemorySpec memory : memories) {
      all.add(memory.name());
    }
    return all;
  }

  /**
   * Index in {@link #offChip()} of the memory serving {@code operand}: 0 ({@code dram}) unless
   * named.
   */
  public int memoryIndex(Operand operand) {
    for (int i = 0; i < memories.size(); i++) {
      if (memories.get(i).serves().contains(operand)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The off-chip memory serving {@code operand}. */
  public DramSpec memoryOf(Operand operand) {
    return offChip().get(memoryIndex(operand));
  }

  /** Core clock period, nanoseconds. */
  public double clockPeriodNs() {
    return 1000.0 / clockMhz;
  }

  /** Wall time of {@code cycles} core cycles, milliseconds. */
  public double latencyMs(long cycles) {
    return cycles / (clockMhz * 1000.0);
  }

  /** A builder with the required fields set and every optional block at its documented default. */
  public static Builder builder(
      String name, double clockMhz, String energyTable, PeArraySpec peArray) {
    return new Builder(name, clockMhz, energyTable, peArray);
  }

  /** The architecture written out in {@code configs/arch/reference.yaml}, field for field. */
  public static ArchSpec reference() {
    return builder("reference", 200, "eyeriss-65nm", new PeArraySpec(12, 14))
        .glb(GlbSpec.builder().partition(Operand.OUTPUTS, 8).build())
        .build();
  }

  /**
   * Builds an {@link ArchSpec}; optional blocks default to description {@code ""}, datatype {@code
   * int}, {@link Precision#defaults()}, {@link PeSpec#defaults()}, {@link NocSpec#defaults()},
   * {@link GlbSpec#defaults()}, {@link DramSpec#defaults()}, no further memories and {@link
   * VectorUnitSpec#defaults()}.
   */
  public static final class Builder {
    private final String name;
    private final double clockMhz;
    private final String energyTable;
    private final PeArraySpec peArray;
    private String description = "";
    private Datatype datatype = Datatype.INT;
    private Precision precision = Precision.defaults();
    private PeSpec pe = PeSpec.defaults();
    private NocSpec noc = NocSpec.defaults();
    private GlbSpec glb = GlbSpec.defaults();
    private DramSpec dram = DramSpec.defaults();
    private List<MemorySpec> memories = List.of();
    private VectorUnitSpec vectorUnit = VectorUnitSpec.defaults();

    private Builder(String name, double clockMhz, String energyTable, PeArraySpec peArray) {
      this.name = name;
      this.clockMhz = clockMhz;
      this.energyTable = energyTable;
      this.peArray = peArray;
    }

    /** Sets {@code description}. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets {@code datatype}. */
    public Builder datatype(Datatype datatype) {
      this.datatype = datatype;
      return this;
    }

    /** Sets {@code precision}. */
    public Builder precision(Precision precision) {
      this.precision = precision;
      return this;
    }

    /** Sets {@code pe}. */
    public Builder pe(PeSpec pe) {
      this.pe = pe;
      return this;
    }

    /** Sets {@code noc}. */
    public Builder noc(NocSpec noc) {
      this.noc = noc;
      return this;
    }

    /** Sets {@code glb}. */
    public Builder glb(GlbSpec glb) {
      this.glb = glb;
      return this;
    }

    /** Sets {@code dram}. */
    public Builder dram(DramSpec dram) {
      this.dram = dram;
      return this;
    }

    /** Sets {@code memories}, the off-chip memories beside {@code dram}. */
    public Builder memories(List<MemorySpec> memories) {
      this.memories = memories;
      return this;
    }

    /** Sets {@code vector_unit}. */
    public Builder vectorUnit(VectorUnitSpec vectorUnit) {
      this.vectorUnit = vectorUnit;
      return this;
    }

    /** The validated spec. */
    public ArchSpec build() {
      return new ArchSpec(
          name,
          description,
          clockMhz,
          energyTable,
          datatype,
          precision,
          peArray,
          pe,
          noc,
          glb,
          dram,
          memories,
          vectorUnit);
    }
  }
}
