package io.arrayflow.workloads.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The canonical loop nest of one MAC-bearing layer: the only thing the simulator knows about a
 * layer. Every conv, depthwise, pointwise, FC and (batched) GEMM is this one spec:
 *
 * <pre>
 * for n<N, g<G, m<M, p<P, q<Q, c<C, r<R, s<S:
 *   outputs[n][g*M+m][p][q] += weights[g][m][c][r][s]
 *                            * inputs[n][g*C+c][p*strideH + r*dilationH - padH][q*strideW + s*dilationW - padW]
 * </pre>
 *
 * <p>{@code M} and {@code C} are per group. Tensor shapes: weights {@code [G][M][C][R][S]}, inputs
 * {@code [N][G*C][H][W]} (out-of-range rows/cols read as zero padding), outputs {@code
 * [N][G*M][P][Q]}. An FC layer is {@code P=Q=R=S=1, H=W=1}. A batched matmul {@code A[b][rows][k] ·
 * B[b][k][cols]} is {@code G=b, P=rows, C=k, M=cols, Q=R=S=1}, with A as inputs and B as weights
 * (stored {@code [G][M][C]}, i.e. Bᵀ per batch); {@code weightsStatic=false} marks that B is an
 * activation (attention's K and V).
 */
public record OpSpec(
    String name,
    OpKind kind,
    int n,
    int g,
    int m,
    int c,
    int h,
    int w,
    int r,
    int s,
    int strideH,
    int strideW,
    int dilationH,
    int dilationW,
    int padH,
    int padW,
    boolean weightsStatic) {

  /** Validates the spec; a broken spec is a programming error here (loaders check first). */
  public OpSpec {
    List<String> problems =
        problems(n, g, m, c, h, w, r, s, strideH, strideW, dilationH, dilationW, padH, padW);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("layer '" + name + "': " + String.join("; ", problems));
    }
  }

  /**
   * Every reason the given dimensions do not form a valid op, empty if they do. Each entry names
   * the field, the bad value and what is allowed, e.g. {@code "R: must be >= 1, was 0"}; MACs and
   * input elements must be at most {@link CountLimit#MAX}, so every size accessor is exact.
   */
  public static List<String> problems(
      int n,
      int g,
      int m,
      int c,
      int h,
      int w,
      int r,
      int s,
      int strideH,
      int strideW,
      int dilationH,
      int dilationW,
      int padH,
      int padW) {
    List<String> out = new ArrayList<>();
    positive(out, "N", n);
    positive(out, "G", g);
    positive(out, "M", m);
    positive(out, "C", c);
    positive(out, "H", h);
    positive(out, "W", w);
    positive(out, "R", r);
    positive(out, "S", s);
    positive(out, "stride", strideH);
    positive(out, "stride", strideW);
    positive(out, "dilation", dilationH);
    positive(out, "dilation", dilationW);
    if (padH < 0) {
      out.add("padding: must be >= 0, was " + padH);
    }
    if (padW < 0) {
      out.add("padding: must be >= 0, was " + padW);
    }
    if (out.isEmpty()) {
      long p = outputExtent(h, r, strideH, dilationH, padH);
      long q = outputExtent(w, s, strideW, dilationW, padW);
      if (p > Integer.MAX_VALUE || q > Integer.MAX_VALUE) {
        out.add(
            "output is too large: P = "
                + p
                + ", Q = "
                + q
                + "; each must be <= "
                + Integer.MAX_VALUE
                + " (padding makes the input larger)");
      } else if (p < 1 || q < 1) {
        out.add(
            "output is empty: P = (H + 2*padding - dilation*(R-1) - 1)/stride + 1 = "
                + p
                + ", Q = "
                + q
                + "; the padded input must be at least as large as the dilated filter");
      } else {
        // Weights (G·M·C·R·S) and outputs (N·G·M·P·Q) are at most the MACs; inputs are not.
        addIfPresent(out, CountLimit.checkProduct("MACs", n, g, m, c, p, q, r, s));
        addIfPresent(out, CountLimit.checkProduct("input elements", n, g, c, h, w));
        channels(out, "output channels (G·M)", g, m);
        channels(out, "input channels (G·C)", g, c);
      }
    }
    return out;
  }

  private static void addIfPresent(List<String> out, String problem) {
    if (problem != null) {
      out.add(problem);
    }
  }

  /** Tensors index channels with an {@code int}: {@code G·M} and {@code G·C} must fit one. */
  private static void channels(List<String> out, String what, int g, int perGroup) {
    long total = (long) g * perGroup;
    if (total > Integer.MAX_VALUE) {
      out.add(what + " = " + total + " is above the limit " + Integer.MAX_VALUE);
    }
  }

  private static void positive(List<String> out, String field, int v) {
    if (v < 1) {
      out.add(field + ": must be >= 1, was " + v);
    }
  }

  /**
   * Output extent of one spatial axis (floor division, as in every framework); {@link
   * Integer#MAX_VALUE} if larger, which {@link #problems} rejects.
   */
  public static int outputSize(int in, int filter, int stride, int dilation, int pad) {
    return (int) Math.min(Integer.MAX_VALUE, outputExtent(in, filter, stride, dilation, pad));
  }

  /** {@link #outputSize} in 64 bits, where no operand of a valid spec can overflow. */
  private static long outputExtent(int in, int filter, int stride, int dilation, int pad) {
    long span = in + 2L * pad - (long) dilation * (filter - 1) - 1;
    return span < 0 ? 0 : span / stride + 1;
  }

  /** Output rows. */
  public int p() {
    return outputSize(h, r, strideH, dilationH, padH);
  }

  /** Output columns. */
  public int q() {
    return outputSize(w, s, strideW, dilationW, padW);
  }

  /** The size of dimension {@code d}. */
  public int size(Dim d) {
    return switch (d) {
      case N -> n;
      case G -> g;
      case M -> m;
      case C -> c;
      case P -> p();
      case Q -> q();
      case R -> r;
      case S -> s;
    };
  }

  /** Multiply-accumulates: {@code N·G·M·C·P·Q·R·S}, at most {@link CountLimit#MAX}. */
  public long macs() {
    return (long) n * g * m * c * p() * q() * r * s;
  }

  /** Elements of the weights operand, {@code G·M·C·R·S}. */
  public long weightElements() {
    return (long) g * m * c * r * s;
  }

  /** Elements of the inputs operand, {@code N·G·C·H·W}. */
  public long inputElements() {
    return (long) n * g * c * h * w;
  }

  /** Elements of the outputs operand, {@code N·G·M·P·Q}. */
  public long outputElements() {
    return (long) n * g * m * p() * q();
  }

  /** Elements of the operand with role {@code role}. */
  public long elements(Role role) {
    return switch (role) {
      case WEIGHTS -> weightElements();
      case INPUTS -> inputElements();
      case OUTPUTS -> outputElements();
    };
  }

  /** Whether dimension {@code d} indexes operand {@code role} (the projection is non-trivial). */
  public static boolean indexes(Role role, Dim d) {
    return switch (role) {
      case WEIGHTS -> d != Dim.N && d != Dim.P && d != Dim.Q;
      case INPUTS -> d != Dim.M;
      case OUTPUTS -> d != Dim.C && d != Dim.R && d != Dim.S;
    };
  }

  /** A 2-D convolution with square stride/dilation/padding. */
  public static OpSpec conv(
      String name,
      int n,
      int g,
      int m,
      int c,
      int h,
      int w,
      int r,
      int s,
      int stride,
      int pad,
      int dilation) {
    return new OpSpec(
        name,
        OpKind.CONV,
        n,
        g,
        m,
        c,
        h,
        w,
        r,
        s,
        stride,
        stride,
        dilation,
        dilation,
        pad,
        pad,
        true);
  }

  /** A 2-D convolution with per-axis stride, padding and dilation (all in elements). */
  public static OpSpec conv(
      String name,
      int n,
      int g,
      int m,
      int c,
      int h,
      int w,
      int r,
      int s,
      int strideH,
      int strideW,
      int padH,
      int padW,
      int dilationH,
      int dilationW) {
    return new OpSpec(
        name,
        OpKind.CONV,
        n,
        g,
        m,
        c,
        h,
        w,
        r,
        s,
        strideH,
        strideW,
        dilationH,
        dilationW,
        padH,
        padW,
        true);
  }

  /** The same op under another name. */
  public OpSpec named(String newName) {
    return new OpSpec(
        newName,
        kind,
        n,
        g,
        m,
        c,
        h,
        w,
        r,
        s,
        strideH,
        strideW,
        dilationH,
        dilationW,
        padH,
        padW,
        weightsStatic);
  }

  /** A fully connected layer: {@code n} rows of {@code in} features to {@code out} features. */
  public static OpSpec fc(String name, int n, int in, int out) {
    return new OpSpec(name, OpKind.FC, n, 1, out, in, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, true);
  }

  /**
   * A batched matmul {@code A[batch][rows][k] · B[batch][k][cols]}; {@code weightsStatic} is false
   * when B is an activation.
   */
  public static OpSpec matmul(
      String name, int batch, int rows, int k, int cols, boolean weightsStatic) {
    return new OpSpec(
        name, OpKind.MATMUL, 1, batch, cols, k, rows, 1, 1, 1, 1, 1, 1, 1, 0, 0, weightsStatic);
  }
}
