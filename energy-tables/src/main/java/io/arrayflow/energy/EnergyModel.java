package io.arrayflow.energy;

import java.util.List;

/**
 * Energy per action from one table: the numbers the simulator multiplies its access counts by.
 * Every result is in {@link #unit()} ({@code pJ} or {@code MAC-equivalents}) for one action: one
 * MAC, one access of {@code blockBits} to a memory level (one bank word for the GLB, one DRAM
 * block), one word delivered over the NoC, one vector element-op, or one cycle of leakage.
 *
 * <p>Rules (docs/energy.md): a MAC is looked up by operand bits = max(weight, input bits), as a
 * whole or as multiply(operand bits) + add(accumulator bits); a width the table does not list is
 * scaled (linear or quadratic) from the nearest listed width below only where the table's {@code
 * scaling} says so, and is an error otherwise. Memory values given by size are interpolated
 * linearly in log2(size) and held at the end values outside the table's range; they scale with
 * access width only through the table's {@code per} (block: not at all, word: blockBits /
 * word_bits, bit: blockBits). Instances are immutable and thread-safe.
 */
public final class EnergyModel {
  private final TableSpec spec;

  EnergyModel(TableSpec spec) {
    this.spec = spec;
  }

  /** The table's name, e.g. {@code eyeriss-65nm}. */
  public String name() {
    return spec.name();
  }

  /** The unit of every energy returned: {@code "pJ"} or {@code "MAC-equivalents"}. */
  public String unit() {
    return spec.unit();
  }

  /** The table's stated source (paper or tool), empty if it gives none. */
  public String source() {
    return spec.source();
  }

  /** Whether the table can cost MACs in {@code arithmetic} ({@code FP} needs an fp_mac section). */
  public boolean supports(Arithmetic arithmetic) {
    return arithmetic == Arithmetic.INT || spec.fpMac() != null;
  }

  /** Energy of one integer MAC, in {@link #unit()}; widths in bits. */
  public double macEnergy(int weightBits, int inputBits, int accumulatorBits) {
    return macEnergy(Arithmetic.INT, weightBits, inputBits, accumulatorBits);
  }

  /** Energy of one MAC in {@code arithmetic}, in {@link #unit()}; widths in bits. */
  public double macEnergy(
      Arithmetic arithmetic, int weightBits, int inputBits, int accumulatorBits) {
    return mac(arithmetic).at(weightBits, inputBits, accumulatorBits, spec.name());
  }

  /**
   * Energy of one multiply of {@code operandBits}, in {@link #unit()}; fails if the table costs
   * MACs as a whole.
   */
  public double multiplyEnergy(Arithmetic arithmetic, int operandBits) {
    return component(arithmetic, "multiply").multiplyOrWhole().at(operandBits, spec.name());
  }

  /**
   * Energy of one add of {@code bits}, in {@link #unit()}; fails if the table costs MACs as a
   * whole.
   */
  public double addEnergy(Arithmetic arithmetic, int bits) {
    return component(arithmetic, "add").add().at(bits, spec.name());
  }

  /** Energy of one read of {@code blockBits} from a register file of {@code rfBytes}. */
  public double rfReadEnergy(long rfBytes, int blockBits) {
    return spec.rf().read(rfBytes, blockBits);
  }

  /** Energy of one write of {@code blockBits} to a register file of {@code rfBytes}. */
  public double rfWriteEnergy(long rfBytes, int blockBits) {
    return spec.rf().write(rfBytes, blockBits);
  }

  /** Energy of one read of {@code blockBits} (one bank word) from a GLB of {@code glbBytes}. */
  public double glbReadEnergy(long glbBytes, int blockBits) {
    return spec.glb().read(glbBytes, blockBits);
  }

  /** Energy of one write of {@code blockBits} (one bank word) to a GLB of {@code glbBytes}. */
  public double glbWriteEnergy(long glbBytes, int blockBits) {
    return spec.glb().write(glbBytes, blockBits);
  }

  /** Energy of one DRAM read of {@code blockBits} in the table's default technology. */
  public double dramReadEnergy(int blockBits) {
    return dramReadEnergy("simple", blockBits);
  }

  /** Energy of one DRAM write of {@code blockBits} in the table's default technology. */
  public double dramWriteEnergy(int blockBits) {
    return dramWriteEnergy("simple", blockBits);
  }

  /**
   * Energy of one DRAM read of {@code blockBits} in {@code technology} ({@code simple} = default,
   * {@code lpddr4-3200} matches {@code lpddr4}); fails listing the table's technologies.
   */
  public double dramReadEnergy(String technology, int blockBits) {
    DramCost dram = spec.dram();
    return dram.per()
        .perAccess(
            dram.of(technology, spec.name()).read(),
            MemoryCost.checkBits(blockBits),
            dram.wordBits());
  }

  /** Energy of one DRAM write of {@code blockBits} in {@code technology}, as for reads. */
  public double dramWriteEnergy(String technology, int blockBits) {
    DramCost dram = spec.dram();
    return dram.per()
        .perAccess(
            dram.of(technology, spec.name()).write(),
            MemoryCost.checkBits(blockBits),
            dram.wordBits());
  }

  /** The DRAM technologies the table names besides its default, sorted. */
  public List<String> dramTechnologies() {
    return List.copyOf(spec.dram().technologies().keySet());
  }

  /**
   * Energy of delivering one word of {@code wordBits} to a PE over the NoC, plus {@code hops}
   * PE-to-PE hops (0 for a bus delivery from the GLB).
   */
  public double nocDeliveryEnergy(int wordBits, int hops) {
    return spec.noc().at(wordBits, hops);
  }

  /** Energy of one vector element-op on {@code elementBits}-bit elements. */
  public double vectorOpEnergy(int elementBits) {
    return spec.vector().at(elementBits, spec.name());
  }

  /** Leakage of one instance of {@code level} per cycle (one PE's RF, the whole GLB); 0 if none. */
  public double leakageEnergyPerCycle(Level level) {
    return spec.leakagePerCycle().getOrDefault(level, 0.0);
  }

  @Override
  public String toString() {
    return "EnergyModel[" + spec.name() + ", " + spec.unit() + "]";
  }

  private MacCost mac(Arithmetic arithmetic) {
    if (arithmetic == Arithmetic.INT) {
      return spec.mac();
    }
    if (spec.fpMac() == null) {
      throw new IllegalArgumentException(
          "energy table " + spec.name() + " has no fp_mac section, so it cannot cost fp MACs");
    }
    return spec.fpMac();
  }

  private MacCost component(Arithmetic arithmetic, String what) {
    MacCost mac = mac(arithmetic);
    if (mac.isWhole()) {
      String section = arithmetic == Arithmetic.INT ? "mac" : "fp_mac";
      throw new IllegalArgumentException(
          "energy table "
              + spec.name()
              + " costs "
              + section
              + " as a whole, it has no separate "
              + what
              + " energy");
    }
    return mac;
  }
}
