package io.arrayflow.dataflows.run;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.systolic.GemmDim;
import io.arrayflow.dataflows.systolic.SystolicDataflow;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.workloads.spec.CausalMask;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.zoo.Layer;

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
}
