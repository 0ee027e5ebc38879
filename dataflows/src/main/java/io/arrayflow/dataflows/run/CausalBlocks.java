package io.arrayflow.dataflows.run;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.exec.ValueRun;
import io.arrayflow.dataflows.mapper.LayerPlan;
import io.arrayflow.dataflows.systolic.GemmDim;
import io.arrayflow.dataflows.systolic.SystolicDataflow;
import io.arrayflow.sim.result.EnergyBreakdown;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Datatype;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.stats.Stats;
import io.arrayflow.workloads.ops.Reference;
import io.arrayflow.workloads.spec.CausalMask;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import io.arrayflow.workloads.zoo.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A causal attention matmul split into query blocks that skip the tiles above the diagonal
 * (docs/transformers.md, "Causal masking"). Block {@code i} holds queries {@code [i·b, (i+1)·b)} of
 * every query head sharing a key/value head and only the keys they see, {@code (i+1)·b + keys −
 * queries}: one matmul over {@code G} with {@code P = heads per kv head × b} rows. The block size
 * {@code b} is the array's extent along the dimension the keys are spread over, so that each block
 * ends its keys on a tile boundary and no fold or tile it drops held a visible key: on a systolic
 * array the rows or columns the dataflow puts the keys on (the queries' extent where keys stream
 * through time: OS's A·V, IS's scores); on a multicast array the larger side. The MACs of the
 * diagonal blocks' masked pairs are still computed.
 */
final class CausalBlocks {
  final OpSpec op;
  final CausalMask mask;
  final int block;
  final int blocks;
  private final int group;

  CausalBlocks(Layer layer, ArchSpec arch, Dataflow dataflow) {
    this.op = layer.mac();
    this.mask = layer.causal();
    this.block = Math.min(mask.queries(), blockSize(arch, dataflow, mask.keyDim()));
    this.blocks = (mask.queries() + block - 1) / block;
    this.group = op.p() / mask.queries();
  }

  /** The array extent along the keys' dimension (see the type's description). */
  static int blockSize(ArchSpec arch, Dataflow dataflow, Dim keyDim) {
    int rows = arch.peArray().rows();
    int cols = arch.peArray().cols();
    if (arch.noc().kind() != NocKind.SYSTOLIC) {
      return Math.max(rows, cols);
    }
    SystolicDataflow s = SystolicDataflow.valueOf(dataflow.name());
    GemmDim keys = keyDim == Dim.M ? GemmDim.M : GemmDim.K;
    if (s.rowsDim() == keys) {
      return rows;
    }
    if (s.colsDim() == keys) {
      return cols;
    }
    return s.rowsDim() == GemmDim.EF ? rows : cols;
  }

  private int first(int i) {
    return i * block;
  }

  private int length(int i) {
    return Math.min(mask.queries(), first(i) + block) - first(i);
  }

  /** Keys block {@code i} sees: up to the last query's. */
  private int keys(int i) {
    return first(i) + length(i) + mask.keys() - mask.queries();
  }

  /** The matmul of block {@code i}. */
  OpSpec op(int i) {
    String name = op.name() + "#" + i;
    int rows = group * length(i);
    return mask.keyDim() == Dim.M
        ? OpSpec.matmul(name, op.g(), rows, op.c(), keys(i), false)
        : OpSpec.matmul(name, op.g(), rows, keys(i), op.m(), false);
  }

  /** MACs every block computes together. */
  long macs() {
    long sum = 0;
    for (int i = 0; i < blocks; i++) {
      sum += op(i).macs();
    }
    return sum;
  }

  /** The full op's row of block {@code i}'s row {@code r}: query heads outer, then queries. */
  private int row(int i, int r) {
    return r / length(i) * mask.queries() + first(i) + r % length(i);
  }

  /**
   * For each element of block {@code i}'s inputs {@code [G][C'][P']}, its index in the full op's
   * inputs {@code [G][C][P]}.
   */
  int[] inputIndex(int i) {
    OpSpec b = op(i);
    int[] at = new int[Math.toIntExact(b.inputElements())];
    for (int g = 0, k = 0; g < b.g(); g++) {
      for (int c = 0; c < b.c(); c++) {
        for (int r = 0; r < b.p(); r++) {
          at[k++] = (g * op.c() + c) * op.p() + row(i, r);
        }
      }
    }
    return at;
  }

  /** For each of block {@code i}'s weights {@code [G][M'][C']}, its index in {@code [G][M][C]}. */
  int[] weightIndex(int i) {
    OpSpec b = op(i);
    int[] at = new int[Math.toIntExact(b.weightElements())];
    for (int g = 0, k = 0; g < b.g(); g++) {
      for (int m = 0; m < b.m(); m++) {
        for (int c = 0; c < b.c(); c++) {
          at[k++] = (g * op.m() + m) * op.c() + c;
        }
      }
    }
    return at;
  }

  /** For each of block {@code i}'s outputs {@code [G][M'][P']}, its index in {@code [G][M][P]}. */
  int[] outputIndex(int i) {
    OpSpec b = op(i);
    int[] at = new int[Math.toIntExact(b.outputElements())];
    for (int g = 0, k = 0; g < b.g(); g++) {
      for (int m = 0; m < b.m(); m++) {
        for (int r = 0; r < b.p(); r++) {
          at[k++] = (g * op.m() + m) * op.p() + row(i, r);
        }
      }
    }
    return at;
  }

  /**
   * Whether output {@code index} of the full op ({@code [G][M][P]}) is one a causal model uses: for
   * the scores a visible (query, key) pair; for A·V every output.
   */
  boolean visibleOutput(int index) {
    if (mask.keyDim() == Dim.C) {
      return true;
    }
    int p = index % op.p();
    int m = index / op.p() % op.m();
    return m < mask.visibleKeys(p);
  }

  /** Whether input {@code index} ({@code [G][C][P]}) of A·V is a masked, zero probability. */
  boolean maskedInput(int index) {
    int p = index % op.p();
    int c = index / op.p() % op.c();
    return mask.keyDim() == Dim.C && c >= mask.visibleKeys(p);
  }

  /** A one-line description: the blocks and their size. */
  String describe() {
    return blocks + " query blocks of " + block;
  }

  /**
   * The causal MAC layer {@code layer} on {@code runner}, whole or as query blocks, whichever is
   * faster (judged at event fidelity, or analytical when that is asked); the row's note counts the
   * masked MACs, and when it split, the skipped ones and both timings.
   */
  static LayerRun run(
      LayerRunner runner, String workload, Layer layer, Dataflow dataflow, Fidelity fidelity) {
    CausalBlocks blocks = new CausalBlocks(layer, runner.arch(), dataflow);
    long macs = layer.macs();
    String masked =
        String.format(
            Locale.ROOT, "causal: %d of %d MACs masked", layer.maskedMacs(), layer.macs());
    if (blocks.blocks == 1) {
      return runner
          .runMac(workload, layer, dataflow, fidelity, null)
          .withNote(masked + ", all computed (one query block of " + blocks.block + ")");
    }
    Fidelity judge = fidelity == Fidelity.ANALYTICAL ? fidelity : Fidelity.EVENT;
    LayerRun whole = runner.runMac(workload, layer, dataflow, judge, null);
    LayerRun split = blocks.runBlocks(runner, workload, layer, dataflow, judge);
    boolean skip =
        split.mapped() && (!whole.mapped() || split.result().cycles() < whole.result().cycles());
    if (!skip) {
      String why =
          split.mapped()
              ? String.format(
                  Locale.ROOT,
                  ", all computed (%s: %d cycles, whole: %d)",
                  blocks.describe(),
                  split.result().cycles(),
                  whole.result().cycles())
              : ", all computed";
      LayerRun r =
          judge == fidelity ? whole : runner.runMac(workload, layer, dataflow, fidelity, null);
      return r.withNote(masked + why);
    }
    LayerRun r =
        judge == fidelity ? split : blocks.runBlocks(runner, workload, layer, dataflow, fidelity);
    long done = blocks.macs();
    return r.withNote(
        String.format(
            Locale.ROOT,
            "causal: %d of %d MACs skipped in %s (%d cycles, whole: %d); %d masked MACs computed",
            macs - done,
            macs,
            blocks.describe(),
            split.result().cycles(),
            whole.mapped() ? whole.result().cycles() : 0,
            layer.maskedMacs() - (macs - done)));
  }

  /** The blocks one after another on {@code runner}, summed into one row of {@code layer}. */
  private LayerRun runBlocks(
      LayerRunner runner, String workload, Layer layer, Dataflow dataflow, Fidelity fidelity) {
    ArchSpec arch = runner.arch();
    List<LayerResult> parts = new ArrayList<>();
    String mapping = "";
    for (int i = 0; i < blocks; i++) {
      LayerRun r = runner.runMac(workload, Layer.of(op(i)), dataflow, fidelity, null);
      if (!r.mapped()) {
        return LayerRun.unmapped(layer.name(), dataflow, r.reasons());
      }
      parts.add(r.result());
      mapping = i == 0 ? describe() + "; " + r.mapping() : mapping;
    }
    long macs = 0;
    long cycles = 0;
    long stalls = 0;
    Stats stats = Stats.EMPTY;
    EnergyBreakdown energy = EnergyBreakdown.zero(parts.get(0).energy().unit());
    for (LayerResult p : parts) {
      macs += p.macs();
      cycles += p.cycles();
      stalls += p.stallCycles();
      stats = stats.plus(p.accesses());
      energy = energy.plus(p.energy());
    }
    double util = Math.min(1, macs / ((double) cycles * arch.peArray().peCount()));
    LayerResult sum =
        new LayerResult(
            arch.name(),
            workload,
            layer.name(),
            dataflow.key(),
            fidelity,
            macs,
            cycles,
            stalls,
            util,
            arch.latencyMs(cycles),
            energy,
            stats);
    return LayerRun.of(layer.name(), dataflow, sum, mapping, null);
  }

  /**
   * The blocks at cycle fidelity on {@code runner} with random operands from {@code seed} (A·V's
   * masked probabilities zero), their outputs assembled into the layer's and the ones a causal
   * model uses compared with the reference engine's whole matmul.
   */
  Verification verify(LayerRunner runner, Dataflow dataflow, long seed, String note) {
    OpSpec full = op;
    boolean ints = runner.arch().datatype() == Datatype.INT;
    IntTensor iw = ints ? runner.intWeights(full, seed) : null;
    IntTensor ix = ints ? runner.intInputs(full, seed) : null;
    FloatTensor fw = ints ? null : LayerRunner.floatWeights(full, seed);
    FloatTensor fx = ints ? null : LayerRunner.floatInputs(full, seed);
    for (int i = 0; i < full.inputElements(); i++) {
      if (maskedInput(i)) {
        if (ints) {
          ix.data()[i] = 0;
        } else {
          fx.data()[i] = 0;
        }
      }
    }
    double[] want =
        ints
            ? LayerRunner.doubles(Reference.run(full, iw, ix).data())
            : LayerRunner.doubles(Reference.run(full, fw, fx).data());
    double[] got = new double[want.length];
    long cycles = 0;
    for (int i = 0; i < blocks; i++) {
      OpSpec part = op(i);
      LayerPlan mapping = runner.plan(part, dataflow, null);
      if (mapping != null && !mapping.found()) {
        return new Verification(
            full.name(),
            dataflow,
            false,
            Double.NaN,
            0,
            macs(),
            0,
            "no " + dataflow.key() + " mapping fits block " + i + ": " + mapping.reasons());
      }
      int[] w = weightIndex(i);
      int[] x = inputIndex(i);
      int[] wShape = {part.g(), part.m(), part.c(), 1, 1};
      int[] xShape = {1, part.g() * part.c(), part.p(), 1};
      double[] out;
      if (ints) {
        ValueRun<IntTensor> r =
            runner.cycle(
                part,
                dataflow,
                mapping,
                IntTensor.of(gather(iw.data(), w), wShape),
                IntTensor.of(gather(ix.data(), x), xShape),
                null);
        out = LayerRunner.doubles(r.output().data());
        cycles += r.execution().cycles();
      } else {
        ValueRun<FloatTensor> r =
            runner.cycle(
                part,
                dataflow,
                mapping,
                FloatTensor.of(gather(fw.data(), w), wShape),
                FloatTensor.of(gather(fx.data(), x), xShape),
                null);
        out = LayerRunner.doubles(r.output().data());
        cycles += r.execution().cycles();
      }
      int[] at = outputIndex(i);
      for (int k = 0; k < at.length; k++) {
        got[at[k]] = out[k];
      }
    }
    String as = "as " + describe();
    return LayerRunner.verdict(
        full.name(),
        dataflow,
        got,
        want,
        ints,
        this::visibleOutput,
        macs(),
        cycles,
        note.isEmpty() ? as : note + "; " + as);
  }

  private static int[] gather(int[] from, int[] at) {
    int[] out = new int[at.length];
    for (int i = 0; i < at.length; i++) {
      out[i] = from[at[i]];
    }
    return out;
  }

  private static float[] gather(float[] from, int[] at) {
    float[] out = new float[at.length];
    for (int i = 0; i < at.length; i++) {
      out[i] = from[at[i]];
    }
    return out;
  }
}
