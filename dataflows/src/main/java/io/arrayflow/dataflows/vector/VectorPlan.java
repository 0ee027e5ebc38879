package io.arrayflow.dataflows.vector;

import io.arrayflow.engine.Pass;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.stats.AccessAction;
import io.arrayflow.sim.stats.Counters;
import io.arrayflow.sim.stats.Level;
import io.arrayflow.sim.stats.Metric;
import io.arrayflow.workloads.spec.VectorOpSpec;

/**
 * What a vector layer moves and how it is tiled (docs/transformers.md, "Vector layers"). The unit
 * reads its activation inputs (every input tensor but the one a fused layer takes from the MAC
 * layer before it) and, for rope, its cos/sin table (the weights operand); it writes its results,
 * which are activations: into the inputs' GLB space at the inputs' width, and off chip at {@code
 * precision.final_outputs} (a fused layer writes nothing: its result replaces the output its
 * producer already writes). An operand the GLB keeps is filled from its off-chip memory into the
 * GLB and read from there, and results are written to the GLB and read back to be written off chip;
 * a bypassed one moves between memory and unit directly. Under {@code glb.resident}, inputs and
 * results whose tensors fit the inputs' space together (the table: the weights' space) stay on chip
 * and move nothing off chip, as the executors' resident operands do.
 *
 * <p>Tiles are whole rows for a row op (element ranges otherwise, and for a row larger than a tile
 * buffer, which streams in pieces: a real unit would pass over it several times or keep running
 * statistics, as online softmax does; this plan moves it once) sized so that a tile's inputs and
 * results fit one tile buffer of the inputs' space ({@code glb.buffers} of them, so the next tiles
 * are fetched while one is computed); each tile is one pass of {@code ceil(ops / lanes)} busy
 * cycles. Tiles differ by at most one unit (row or element).
 */
final class VectorPlan {
  private static final int W = Operand.WEIGHTS.ordinal();
  private static final int X = Operand.INPUTS.ordinal();

  final VectorOpSpec op;
  final boolean fused;
  final long lanes;

  /** Elements per unit of tiling: a row for a row op, one element otherwise. */
  final long unit;

  final long units;
  final long tiles;

  /** Activation input tensors read (the fused one comes from the producer). */
  final int inputTensors;

  final boolean keepInputs;
  final boolean keepTable;
  final boolean residentInputs;
  final boolean residentResults;
  final boolean residentTable;

  VectorPlan(VectorOpSpec op, ArchSpec arch, boolean fused) {
    this.op = op;
    this.fused = fused;
    this.lanes = arch.vectorUnit().lanes();
    GlbSpec glb = arch.glb();
    inputTensors = op.kind().inputTensors() - (fused ? 1 : 0);
    keepInputs = glb.keeps(Operand.INPUTS);
    keepTable = glb.keeps(Operand.WEIGHTS);
    int inBits = arch.precision().inputs();
    long inputBits = (long) inputTensors * op.inputElements() * inBits;
    long resultBits = fused ? 0 : op.outputElements() * (long) inBits;
    long activationSpace = space(glb, Operand.INPUTS) * 8;
    boolean inputsMayStay = keepInputs && glb.resident(Operand.INPUTS);
    boolean resultsMayStay = keepInputs && glb.resident(Operand.OUTPUTS);
    long together = (inputsMayStay ? inputBits : 0) + (resultsMayStay ? resultBits : 0);
    residentInputs = inputsMayStay && together <= activationSpace;
    residentResults = resultsMayStay && together <= activationSpace;
    residentTable =
        keepTable
            && glb.resident(Operand.WEIGHTS)
            && op.tableElements() * arch.precision().weights() <= space(glb, Operand.WEIGHTS) * 8;
    // A tile's inputs and results share one tile buffer of the inputs' space; a row op's tiles
    // are whole rows unless a row is larger than a buffer.
    double bitsPerElement =
        (inputTensors * (double) op.inputElements() + (fused ? 0 : op.outputElements()))
            / op.elements()
            * inBits;
    double tileBits = activationSpace / (double) glb.buffers();
    boolean wholeRows = op.kind().rowWise() && op.rowLength() * bitsPerElement <= tileBits;
    unit = wholeRows ? op.rowLength() : 1;
    units = op.elements() / unit;
    double bitsPerUnit = bitsPerElement * unit;
    long perTile =
        bitsPerUnit == 0 || activationSpace == 0
            ? units
            : (long) Math.max(1, Math.min(units, Math.floor(tileBits / bitsPerUnit)));
    tiles = (units + perTile - 1) / perTile;
  }

  /** Bytes of {@code operand}'s GLB space: its partition, else the shared pool; 0 if bypassed. */
  static long space(GlbSpec glb, Operand operand) {
    if (!glb.keeps(operand)) {
      return 0;
    }
    return glb.partitionBytes(operand) > 0 ? glb.partitionBytes(operand) : glb.sharedBytes();
  }

  /**
   * An even share of {@code total} for tile {@code t} (the first {@code total % tiles} get one
   * more).
   */
  private long share(long total, long t) {
    return total / tiles + (t < total % tiles ? 1 : 0);
  }

  /** Elements tile {@code t} processes. */
  long elements(long t) {
    return share(units, t) * unit;
  }

  /** The first element of tile {@code t}. */
  long firstElement(long t) {
    long base = units / tiles;
    long extra = units % tiles;
    return (t * base + Math.min(t, extra)) * unit;
  }

  /** Busy cycles of tile {@code t}: its ops over the lanes. */
  long busy(long t) {
    long ops = elements(t) * op.kind().opsPerElement();
    return (ops + lanes - 1) / lanes;
  }

  /** Input values tile {@code t} reads (every input tensor the unit reads). */
  long inputs(long t) {
    return inputTensors * (op.kind().pooling() ? share(op.inputElements(), t) : elements(t));
  }

  /** Result values tile {@code t} writes. */
  long results(long t) {
    return fused ? 0 : op.kind().pooling() ? share(op.outputElements(), t) : elements(t);
  }

  /** Table values tile {@code t} reads: the rows its input rows use. */
  long table(long t) {
    if (!op.kind().readsTable()) {
      return 0;
    }
    long rows = elements(t) / op.rowLength();
    long tableRows = (rows + op.tableRowRepeat() - 1) / op.tableRowRepeat();
    return Math.min(op.tableElements(), tableRows * op.rowLength());
  }

  /** Fills {@code out} with tile {@code t}'s traffic (values) and its busy cycles. */
  void traffic(long t, Pass out) {
    long in = inputs(t);
    long res = results(t);
    long tab = table(t);
    long dramIn = residentInputs ? 0 : in;
    long dramRes = residentResults ? 0 : res;
    long dramTab = residentTable ? 0 : tab;
    out.reads(Operand.INPUTS, dramIn).reads(Operand.WEIGHTS, dramTab).results(dramRes);
    if (keepInputs) {
      out.glb(Operand.INPUTS, in + dramRes, dramIn + res);
    }
    if (keepTable) {
      out.glb(Operand.WEIGHTS, tab, dramTab);
    }
  }

  /** Adds the layer's access counts (values) and vector ops to {@code c}. */
  void addCounts(Counters c) {
    long in = 0;
    long res = 0;
    long tab = 0;
    for (long t = 0; t < tiles; t++) {
      in += inputs(t);
      res += results(t);
      tab += table(t);
    }
    long dramIn = residentInputs ? 0 : in;
    long dramRes = residentResults ? 0 : res;
    long dramTab = residentTable ? 0 : tab;
    c.add(Level.VECTOR, AccessAction.VECTOR_OP, op.ops());
    c.add(Level.DRAM, Operand.INPUTS, AccessAction.READ, dramIn);
    c.add(Level.DRAM, Operand.WEIGHTS, AccessAction.READ, dramTab);
    c.add(Level.DRAM, Operand.OUTPUTS, AccessAction.UPDATE, dramRes);
    c.add(Metric.FINAL_OUTPUT_WRITES, dramRes);
    if (keepInputs) {
      c.add(Level.GLB, Operand.INPUTS, AccessAction.FILL, dramIn);
      c.add(Level.GLB, Operand.INPUTS, AccessAction.READ, in + dramRes);
      c.add(Level.GLB, Operand.INPUTS, AccessAction.UPDATE, res);
    }
    if (keepTable) {
      c.add(Level.GLB, Operand.WEIGHTS, AccessAction.FILL, dramTab);
      c.add(Level.GLB, Operand.WEIGHTS, AccessAction.READ, tab);
    }
  }

  /** Off-chip values per slot (weights, inputs, outputs, finished outputs), for bounds. */
  long[] offChip(long t) {
    long[] v = new long[4];
    v[W] = residentTable ? 0 : table(t);
    v[X] = residentInputs ? 0 : inputs(t);
    v[3] = residentResults ? 0 : results(t);
    return v;
  }

  /** A one-line description of the plan. */
  String describe() {
    return "vector unit, "
        + tiles
        + (tiles == 1 ? " tile" : " tiles")
        + (fused ? ", fused" : "")
        + (residentInputs ? ", inputs resident" : "")
        + (residentResults ? ", results resident" : "");
  }
}
