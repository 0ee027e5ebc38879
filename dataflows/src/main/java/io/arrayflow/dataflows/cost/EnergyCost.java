package io.arrayflow.dataflows.cost;

import io.arrayflow.energy.Arithmetic;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.sim.result.EnergyBreakdown;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Datatype;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.sim.stats.Stats;
import java.util.List;
import java.util.Optional;

/**
 * Energy = counts × energy per action, per access block (DESIGN.md, docs/energy.md "From counts to
 * energy"). Counts arrive in operand values; each level converts them to its access blocks per
 * operand and action: a GLB access is one bank word ({@code bank_width_bits}, so a 64-bit word
 * holding four 16-bit values is one access), a DRAM access one {@code block_bits} block, an RF
 * access one value. Partial sums are stored and moved at the outputs' precision (the accumulator
 * width only sizes the MAC). A multicast delivery is one word over a bus (0 hops), a systolic
 * delivery one word over one neighbour link (1 hop); a spatial reduction moves one partial sum one
 * link. Leakage is charged per cycle: each PE's RF and the GLB. Each operand's off-chip traffic is
 * costed per block of the memory that serves it, in the table's technology matching that memory's
 * model, or the table's default when it lists none; finished outputs among the output write-backs
 * ({@code final-output-writes}) are costed at {@code precision.final_outputs}.
 */
public final class EnergyCost {
  private static final Operand[] OPERANDS = Operand.values();

  private EnergyCost() {}

  /** The energy of {@code stats} (counts in values) over {@code cycles} on {@code arch}. */
  public static EnergyBreakdown of(Stats stats, ArchSpec arch, EnergyModel table, long cycles) {
    Arithmetic arithmetic = arch.datatype() == Datatype.FP ? Arithmetic.FP : Arithmetic.INT;
    int acc = arch.precision().accumulator();
    double mac =
        stats.countWithoutOperand(Level.MAC, AccessAction.MAC)
            * table.macEnergy(
                arithmetic, arch.precision().weights(), arch.precision().inputs(), acc);
    double rf = 0;
    double glb = 0;
    double dram = 0;
    double noc = 0;
    int glbBlock = arch.glb().bankWidthBits();
    int hops = arch.noc().kind() == NocKind.SYSTOLIC ? 1 : 0;
    for (Operand op : OPERANDS) {
      int bits = arch.precision().bits(op);
      long rfBytes = rfBytes(arch, op, bits);
      rf +=
          stats.count(Level.RF, op, AccessAction.READ) * table.rfReadEnergy(rfBytes, bits)
              + writes(stats, Level.RF, op) * table.rfWriteEnergy(rfBytes, bits);
      glb +=
          blocks(stats.count(Level.GLB, op, AccessAction.READ), bits, glbBlock)
                  * table.glbReadEnergy(arch.glb().sizeBytes(), glbBlock)
              + blocks(writes(stats, Level.GLB, op), bits, glbBlock)
                  * table.glbWriteEnergy(arch.glb().sizeBytes(), glbBlock);
      DramSpec memory = arch.memoryOf(op);
      int dramBlock = memory.blockBits();
      String technology = technology(memory, table);
      long dramWrites = writes(stats, Level.DRAM, op);
      long finals = op == Operand.OUTPUTS ? stats.metric(Metric.FINAL_OUTPUT_WRITES) : 0;
      dram +=
          blocks(stats.count(Level.DRAM, op, AccessAction.READ), bits, dramBlock)
                  * table.dramReadEnergy(technology, dramBlock)
              + (blocks(dramWrites - finals, bits, dramBlock)
                      + blocks(finals, arch.precision().finalOutputs(), dramBlock))
                  * table.dramWriteEnergy(technology, dramBlock);
      noc +=
          stats.count(Level.NOC, op, AccessAction.MULTICAST_DELIVERY)
              * table.nocDeliveryEnergy(bits, hops);
    }
    noc +=
        stats.count(Level.NOC, Operand.OUTPUTS, AccessAction.SPATIAL_REDUCTION)
            * table.nocDeliveryEnergy(arch.precision().outputs(), 1);
    double vector =
        stats.countWithoutOperand(Level.VECTOR, AccessAction.VECTOR_OP)
            * table.vectorOpEnergy(arch.precision().outputs());
    rf +=
        cycles
            * (double) arch.peArray().peCount()
            * table.leakageEnergyPerCycle(io.arrayflow.energy.Level.RF);
    glb += cycles * table.leakageEnergyPerCycle(io.arrayflow.energy.Level.GLB);
    return new EnergyBreakdown(mac, rf, noc, glb, dram, vector, table.unit());
  }

  /**
   * Accesses of {@code values} values of {@code bits} each packed into {@code blockBits} blocks.
   */
  static long blocks(long values, int bits, int blockBits) {
    return (values * bits + blockBits - 1) / blockBits;
  }

  /**
   * The table's DRAM technology matching a memory's model ({@code lpddr4-3200} matches {@code
   * lpddr4}); {@code simple}, the table's default, when the table does not list it.
   */
  static String technology(DramSpec memory, EnergyModel table) {
    String key = memory.model().key();
    int dash = key.indexOf('-');
    String family = dash > 0 ? key.substring(0, dash) : key;
    List<String> known = table.dramTechnologies();
    return known.contains(key) ? key : known.contains(family) ? family : "simple";
  }

  private static long writes(Stats stats, Level level, Operand op) {
    return stats.count(level, op, AccessAction.FILL) + stats.count(level, op, AccessAction.UPDATE);
  }

  /** Size of the file holding {@code op} in one PE, for size-dependent RF energy. */
  private static long rfBytes(ArchSpec arch, Operand op, int bits) {
    Optional<RfFileSpec> file = arch.pe().rf().file(op);
    long words = file.map(RfFileSpec::words).orElse(1);
    return Math.max(1, words * bits / 8);
  }
}
