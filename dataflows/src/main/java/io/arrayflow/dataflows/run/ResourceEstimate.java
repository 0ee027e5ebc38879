package io.arrayflow.dataflows.run;

import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.systolic.GemmDim;
import io.arrayflow.dataflows.systolic.SystolicDataflow;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.workloads.spec.OpSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a layer will cost before it runs, so that a run too large for this machine is refused with
 * an estimate instead of dying with an {@link OutOfMemoryError} or an overflow deep in an executor.
 * Three kinds of figure, each per layer, dataflow and fidelity:
 *
 * <ul>
 *   <li><b>Representable.</b> Java arrays hold at most {@link #MAX_ARRAY} elements, and the
 *       systolic fold model numbers folds and the GEMM dimensions {@code EF = N·P·Q}, {@code K =
 *       C·R·S} with {@code int}s.
 *   <li><b>Heap.</b> {@code cycle} fidelity holds every operand tensor with real values (weights,
 *       inputs, outputs and the reference engine's outputs, 4 bytes per value) and per-PE state
 *       (registers and register-file words, 4 bytes each plus bookkeeping); a systolic schedule at
 *       {@code event} or {@code cycle} keeps a few 64-bit words per fold. The figure is an estimate
 *       of the peak, not an accounting of every object (docs/robustness.md compares it with
 *       measured peaks); {@code analytical} needs no per-layer heap.
 *   <li><b>Work.</b> {@code cycle} fidelity's time follows the PE-steps it makes ({@link
 *       #cycleSteps}); {@code verify} skips a layer above its {@code --max-steps}.
 * </ul>
 */
public final class ResourceEstimate {
  /** The most elements one Java array may hold on common JVMs. */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** Bytes of one value of a tensor at cycle fidelity (int or float). */
  private static final long VALUE_BYTES = 4;

  /**
   * Per-PE bookkeeping besides register-file words: the systolic PE's seven registers, or the
   * multicast engine's per-PE loop indices, offsets and index tables (about 40 words).
   */
  private static final long SYSTOLIC_PE_BYTES = 7 * 4;

  private static final long MULTICAST_PE_BYTES = 40 * 4;

  /** Per-fold 64-bit words of the systolic schedule: transfers (5) and durations (2). */
  private static final long FOLD_BYTES = 7 * 8;

  private ResourceEstimate() {}

  /**
   * Every size of {@code spec} on {@code arch} with {@code dataflow} that the executors at {@code
   * fidelity} cannot represent, each naming the layer and the quantity; empty if none.
   */
  public static List<String> limitProblems(
      ArchSpec arch, OpSpec spec, Dataflow dataflow, Fidelity fidelity) {
    List<String> out = new ArrayList<>();
    String at = where(spec, dataflow, fidelity);
    if (arch.noc().kind() == NocKind.SYSTOLIC) {
      systolicLimits(arch, spec, dataflow, at, out);
    }
    if (fidelity == Fidelity.CYCLE) {
      tensorLimit(out, at, "weights", spec.weightElements());
      tensorLimit(out, at, "inputs", paddedInputElements(spec));
      tensorLimit(out, at, "outputs", spec.outputElements());
    }
    return out;
  }

  /** How messages name a layer run: {@code layer conv1 (ws, cycle): }. */
  public static String where(OpSpec spec, Dataflow dataflow, Fidelity fidelity) {
    return "layer " + spec.name() + " (" + dataflow.key() + ", " + fidelity.key() + "): ";
  }

  /**
   * The estimated peak heap, in bytes, of running {@code spec} (0 when it is negligible); only
   * meaningful when {@link #limitProblems} found none.
   */
  public static long heapBytes(ArchSpec arch, OpSpec spec, Dataflow dataflow, Fidelity fidelity) {
    if (fidelity == Fidelity.ANALYTICAL) {
      return 0;
    }
    boolean systolic = arch.noc().kind() == NocKind.SYSTOLIC;
    double bytes = systolic ? FOLD_BYTES * folds(arch, spec, dataflow) : 0;
    if (fidelity == Fidelity.CYCLE) {
      // Operands, the executor's outputs and the reference engine's, plus the padded inputs the
      // multicast engine copies or the systolic engine's im2col index tables.
      double values =
          spec.weightElements()
              + spec.inputElements()
              + paddedInputElements(spec)
              + 2.0 * spec.outputElements();
      // The systolic engine keeps every PE; the multicast one only those the mapping uses, at
      // most one per MAC.
      double pes =
          systolic
              ? arch.peArray().peCount()
              : Math.min((double) arch.peArray().peCount(), spec.macs());
      double perPe =
          systolic ? SYSTOLIC_PE_BYTES : MULTICAST_PE_BYTES + VALUE_BYTES * 2 * rfWords(arch);
      bytes += VALUE_BYTES * values + pes * perPe;
    }
    return (long) Math.min(Long.MAX_VALUE, bytes);
  }

  /**
   * The work of a cycle-fidelity run in PE-steps, which its time follows: on a systolic array every
   * PE steps every cycle ({@code layerCycles × rows × cols}, SCALE-Sim's fold formula); on a
   * multicast NoC the engine steps the PEs a MAC step uses, at least the MACs.
   */
  public static double cycleSteps(ArchSpec arch, OpSpec spec, Dataflow dataflow) {
    if (arch.noc().kind() != NocKind.SYSTOLIC) {
      return spec.macs();
    }
    if (!dataflow.runsOnSystolic()) {
      return 0;
    }
    SystolicDataflow sd = SystolicDataflow.named(dataflow.key());
    int rows = arch.peArray().rows();
    int cols = arch.peArray().cols();
    return (double) sd.layerCycles(spec, rows, cols, arch.noc().preload()) * rows * cols;
  }

  /** Register-file words of one PE, all operands (a shared file counted once). */
  private static long rfWords(ArchSpec arch) {
    if (arch.pe().rf().isShared()) {
      return arch.pe().rf().shared().words();
    }
    long words = 0;
    for (Operand op : Operand.values()) {
      words += arch.pe().rf().file(op).map(f -> (long) f.words()).orElse(0L);
    }
    return words;
  }

  /** Elements of the zero-padded input, {@code N·G·C·(H+2·padH)·(W+2·padW)}. */
  private static double paddedInputElements(OpSpec spec) {
    return (double) spec.n()
        * spec.g()
        * spec.c()
        * (spec.h() + 2.0 * spec.padH())
        * (spec.w() + 2.0 * spec.padW());
  }

  private static void tensorLimit(List<String> out, String at, String what, double elements) {
    if (elements > MAX_ARRAY) {
      out.add(
          at
              + what
              + String.format(Locale.ROOT, " = %.3g", elements)
              + " values, more than the "
              + MAX_ARRAY
              + " one Java array holds; cycle fidelity needs every value (use --fidelity event,"
              + " or verify with --scale-down)");
    }
  }

  /** The fold model's int quantities: EF, K, M and the fold count. */
  private static void systolicLimits(
      ArchSpec arch, OpSpec spec, Dataflow dataflow, String at, List<String> out) {
    // SystolicDataflow.ceilDiv(size, side) computes size + side - 1 in an int.
    long side = Math.max(arch.peArray().rows(), arch.peArray().cols());
    for (GemmDim d : GemmDim.values()) {
      long size = gemm(d, spec);
      if (size + side - 1 > Integer.MAX_VALUE) {
        out.add(
            at
                + "the GEMM dimension "
                + d
                + " = "
                + size
                + " is too large for the systolic fold model, which needs it + the array side - 1"
                + " <= "
                + Integer.MAX_VALUE);
      }
    }
    double folds = folds(arch, spec, dataflow);
    if (out.isEmpty() && folds > Integer.MAX_VALUE) {
      out.add(
          at
              + String.format(Locale.ROOT, "%.3g", folds)
              + " folds on the "
              + arch.peArray().rows()
              + "×"
              + arch.peArray().cols()
              + " array, more than the "
              + Integer.MAX_VALUE
              + " the fold schedule can number; use a larger array or a smaller layer");
    }
  }

  /** A GEMM dimension in 64 bits ({@link GemmDim#size} fails above {@code int}). */
  private static long gemm(GemmDim d, OpSpec spec) {
    return switch (d) {
      case EF -> (long) spec.n() * spec.p() * spec.q();
      case M -> spec.m();
      case K -> (long) spec.c() * spec.r() * spec.s();
    };
  }

  /**
   * Folds of the systolic schedule, {@code G·⌈rowsDim/rows⌉·⌈colsDim/cols⌉}; 0 for a dataflow the
   * systolic NoC does not run.
   */
  private static double folds(ArchSpec arch, OpSpec spec, Dataflow dataflow) {
    SystolicDataflow sd;
    try {
      sd = SystolicDataflow.named(dataflow.key());
    } catch (IllegalArgumentException e) {
      return 0;
    }
    return (double) spec.g()
        * ceilDiv(gemm(sd.rowsDim(), spec), arch.peArray().rows())
        * ceilDiv(gemm(sd.colsDim(), spec), arch.peArray().cols());
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** {@code bytes} for a person: {@code 18.6 GiB}, {@code 512 MiB}. */
  public static String describeBytes(long bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.3g %s", v, units[u]);
  }
}
