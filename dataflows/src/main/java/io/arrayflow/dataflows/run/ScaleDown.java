package io.arrayflow.dataflows.run;

import io.arrayflow.workloads.spec.OpSpec;

/**
 * A smaller copy of a layer for cycle-level verification when the full layer would take too long:
 * the same kind, window, stride, dilation and padding (so every index path of the dataflow is still
 * exercised), with batch, groups, filters, channels and output rows/columns halved — the largest
 * first — until the MACs fit a budget. Only {@code verify --scale-down} uses it, and says so.
 */
public final class ScaleDown {
  private ScaleDown() {}

  /** {@code spec} itself if it has at most {@code maxMacs} MACs, else a halved copy that does. */
  public static OpSpec of(OpSpec spec, long maxMacs) {
    OpSpec s = spec;
    while (s.macs() > maxMacs) {
      OpSpec next = halveLargest(s);
      if (next == null) {
        break;
      }
      s = next;
    }
    return s == spec ? spec : s.named(spec.name() + "@scaled");
  }

  /** Halves the largest dimension that can be halved into a valid op; null if none can. */
  private static OpSpec halveLargest(OpSpec s) {
    int[] sizes = {s.n(), s.g(), s.m(), s.c(), s.p(), s.q()};
    boolean[] tried = new boolean[sizes.length];
    while (true) {
      int best = -1;
      for (int i = 0; i < sizes.length; i++) {
        if (!tried[i] && sizes[i] > 1 && (best < 0 || sizes[i] > sizes[best])) {
          best = i;
        }
      }
      if (best < 0) {
        return null;
      }
      tried[best] = true;
      OpSpec next = halve(s, best, (sizes[best] + 1) / 2);
      if (next != null) {
        return next;
      }
    }
  }

  private static OpSpec halve(OpSpec s, int which, int half) {
    int n = which == 0 ? half : s.n();
    int g = which == 1 ? half : s.g();
    int m = which == 2 ? half : s.m();
    int c = which == 3 ? half : s.c();
    int h = which == 4 ? inputFor(half, s.r(), s.strideH(), s.dilationH(), s.padH()) : s.h();
    int w = which == 5 ? inputFor(half, s.s(), s.strideW(), s.dilationW(), s.padW()) : s.w();
    boolean valid =
        OpSpec.problems(
                n,
                g,
                m,
                c,
                h,
                w,
                s.r(),
                s.s(),
                s.strideH(),
                s.strideW(),
                s.dilationH(),
                s.dilationW(),
                s.padH(),
                s.padW())
            .isEmpty();
    if (!valid) {
      return null;
    }
    OpSpec next =
        new OpSpec(
            s.name(),
            s.kind(),
            n,
            g,
            m,
            c,
            h,
            w,
            s.r(),
            s.s(),
            s.strideH(),
            s.strideW(),
            s.dilationH(),
            s.dilationW(),
            s.padH(),
            s.padW(),
            s.weightsStatic());
    return next.macs() < s.macs() ? next : null;
  }

  /**
   * The input size whose output size is {@code out}: {@code (out-1)·stride + (k-1)·dil + 1 −
   * 2·pad}.
   */
  private static int inputFor(int out, int k, int stride, int dilation, int pad) {
    return Math.max(1, (out - 1) * stride + (k - 1) * dilation + 1 - 2 * pad);
  }
}
