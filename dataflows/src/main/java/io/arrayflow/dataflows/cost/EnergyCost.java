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
  private static final int OUTPUTS = Operand.OUTPUTS.ordinal();

  /** Per operand, the slots of {@link Rates#parts}'s counts: RF, GLB, DRAM reads and writes. */
  public static final int RF_READ = 0;

  /** RF writes (fills plus updates). */
  public static final int RF_WRITE = 1;

  /** GLB reads, in values. */
  public static final int GLB_READ = 2;

  /** GLB writes (fills plus updates), in values. */
  public static final int GLB_WRITE = 3;

  /** DRAM reads, in values. */
  public static final int DRAM_READ = 4;

  /** DRAM writes (fills plus updates), in values. */
  public static final int DRAM_WRITE = 5;

  /** NoC multicast deliveries. */
  public static final int NOC_DELIVERY = 6;

  /** Slots per operand. */
  public static final int PER_OPERAND = 7;

  /** Slot of the spatial reductions of outputs, after the three operands' slots. */
  public static final int REDUCTIONS = 3 * PER_OPERAND;

  /** Slot of the MACs. */
  public static final int MACS = REDUCTIONS + 1;

  /** Slot of the vector-unit ops. */
  public static final int VECTOR_OPS = MACS + 1;

  /** Slot of the finished outputs among the outputs' DRAM writes (at their own precision). */
  public static final int FINAL_WRITES = VECTOR_OPS + 1;

  /** Length of a counts array. */
  public static final int SLOTS = FINAL_WRITES + 1;

  private EnergyCost() {}

  /** The energy of {@code stats} (counts in values) over {@code cycles} on {@code arch}. */
  public static EnergyBreakdown of(Stats stats, ArchSpec arch, EnergyModel table, long cycles) {
    return rates(arch, table).of(stats, cycles);
  }

  /** The energy per action of {@code arch} under {@code table}, looked up once. */
  public static Rates rates(ArchSpec arch, EnergyModel table) {
    return new Rates(arch, table);
  }

  /**
   * The energy of every action of one architecture under one table, looked up once, so that a
   * mapper can cost millions of count vectors without touching the table: {@link #parts} takes the
   * counts as a primitive array (slots {@link #SLOTS}) and is the one formula {@link #of} uses.
   */
  public static final class Rates {
    private final double mac;
    private final double[] rfRead = new double[3];
    private final double[] rfWrite = new double[3];
    private final double glbRead;
    private final double glbWrite;
    private final double[] dramRead = new double[3];
    private final double[] dramWrite = new double[3];
    private final int[] dramBlock = new int[3];
    private final int finalBits;
    private final double[] delivery = new double[3];
    private final double reduction;
    private final double vectorOp;
    private final int[] bits = new int[3];
    private final int glbBlock;
    private final double peCount;
    private final double rfLeakage;
    private final double glbLeakage;
    private final String unit;

    private Rates(ArchSpec arch, EnergyModel table) {
      Arithmetic arithmetic = arch.datatype() == Datatype.FP ? Arithmetic.FP : Arithmetic.INT;
      mac =
          table.macEnergy(
              arithmetic,
              arch.precision().weights(),
              arch.precision().inputs(),
              arch.precision().accumulator());
      glbBlock = arch.glb().bankWidthBits();
      finalBits = arch.precision().finalOutputs();
      int hops = arch.noc().kind() == NocKind.SYSTOLIC ? 1 : 0;
      for (Operand op : OPERANDS) {
        int o = op.ordinal();
        bits[o] = arch.precision().bits(op);
        long rfBytes = rfBytes(arch, op, bits[o]);
        rfRead[o] = table.rfReadEnergy(rfBytes, bits[o]);
        rfWrite[o] = table.rfWriteEnergy(rfBytes, bits[o]);
        delivery[o] = table.nocDeliveryEnergy(bits[o], hops);
        DramSpec memory = arch.memoryOf(op);
        String technology = technology(memory, table);
        dramBlock[o] = memory.blockBits();
        dramRead[o] = table.dramReadEnergy(technology, dramBlock[o]);
        dramWrite[o] = table.dramWriteEnergy(technology, dramBlock[o]);
      }
      glbRead = table.glbReadEnergy(arch.glb().sizeBytes(), glbBlock);
      glbWrite = table.glbWriteEnergy(arch.glb().sizeBytes(), glbBlock);
      reduction = table.nocDeliveryEnergy(arch.precision().outputs(), 1);
      vectorOp = table.vectorOpEnergy(arch.precision().outputs());
      peCount = arch.peArray().peCount();
      rfLeakage = table.leakageEnergyPerCycle(io.arrayflow.energy.Level.RF);
      glbLeakage = table.leakageEnergyPerCycle(io.arrayflow.energy.Level.GLB);
      unit = table.unit();
    }

    /** The table's unit. */
    public String unit() {
      return unit;
    }

    /** The energy of {@code stats} (counts in values) over {@code cycles}. */
    public EnergyBreakdown of(Stats stats, long cycles) {
      long[] counts = new long[SLOTS];
      for (Operand op : OPERANDS) {
        int at = op.ordinal() * PER_OPERAND;
        counts[at + RF_READ] = stats.count(Level.RF, op, AccessAction.READ);
        counts[at + RF_WRITE] = writes(stats, Level.RF, op);
        counts[at + GLB_READ] = stats.count(Level.GLB, op, AccessAction.READ);
        counts[at + GLB_WRITE] = writes(stats, Level.GLB, op);
        counts[at + DRAM_READ] = stats.count(Level.DRAM, op, AccessAction.READ);
        counts[at + DRAM_WRITE] = writes(stats, Level.DRAM, op);
        counts[at + NOC_DELIVERY] = stats.count(Level.NOC, op, AccessAction.MULTICAST_DELIVERY);
      }
      counts[REDUCTIONS] = stats.count(Level.NOC, Operand.OUTPUTS, AccessAction.SPATIAL_REDUCTION);
      counts[MACS] = stats.countWithoutOperand(Level.MAC, AccessAction.MAC);
      counts[VECTOR_OPS] = stats.countWithoutOperand(Level.VECTOR, AccessAction.VECTOR_OP);
      counts[FINAL_WRITES] = stats.metric(Metric.FINAL_OUTPUT_WRITES);
      double[] p = new double[6];
      parts(counts, cycles, p);
      return new EnergyBreakdown(p[0], p[1], p[2], p[3], p[4], p[5], unit);
    }

    /** The total energy of {@code counts} (slots {@link #SLOTS}) over {@code cycles}. */
    public double total(long[] counts, long cycles, double[] scratch) {
      parts(counts, cycles, scratch);
      return scratch[0] + scratch[1] + scratch[2] + scratch[3] + scratch[4] + scratch[5];
    }

    /**
     * Writes the energy of {@code counts} over {@code cycles} into {@code out}: MAC, RF, NoC, GLB,
     * DRAM, vector, in the order {@link EnergyBreakdown#total()} adds them.
     */
    public void parts(long[] counts, long cycles, double[] out) {
      double rf = 0;
      double glb = 0;
      double dram = 0;
      double noc = 0;
      for (int o = 0; o < 3; o++) {
        int at = o * PER_OPERAND;
        rf += counts[at + RF_READ] * rfRead[o] + counts[at + RF_WRITE] * rfWrite[o];
        glb +=
            blocks(counts[at + GLB_READ], bits[o], glbBlock) * glbRead
                + blocks(counts[at + GLB_WRITE], bits[o], glbBlock) * glbWrite;
        long finals = o == OUTPUTS ? counts[FINAL_WRITES] : 0;
        dram +=
            blocks(counts[at + DRAM_READ], bits[o], dramBlock[o]) * dramRead[o]
                + (blocks(counts[at + DRAM_WRITE] - finals, bits[o], dramBlock[o])
                        + blocks(finals, finalBits, dramBlock[o]))
                    * dramWrite[o];
        noc += counts[at + NOC_DELIVERY] * delivery[o];
      }
      noc += counts[REDUCTIONS] * reduction;
      rf += cycles * peCount * rfLeakage;
      glb += cycles * glbLeakage;
      out[0] = counts[MACS] * mac;
      out[1] = rf;
      out[2] = noc;
      out[3] = glb;
      out[4] = dram;
      out[5] = counts[VECTOR_OPS] * vectorOp;
    }
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
