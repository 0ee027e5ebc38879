package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.tensor.FloatTensor;
import io.arrayflow.workloads.tensor.IntTensor;
import java.util.Arrays;

/**
 * 2-D convolution (cross-correlation, as in every framework) with stride, zero padding, dilation
 * and groups, in float32 and in int (int operands, int32 accumulation wrapping like Java {@code
 * int}, bit-exact). Inputs are {@code [N][Cin][H][W]}, weights {@code [Cout][Cin/groups][R][S]}
 * (the same memory as OpSpec's {@code [G][M][C][R][S]}), outputs {@code [N][Cout][P][Q]}. Depthwise
 * is {@code groups == Cin == Cout}; pointwise is {@code R = S = 1}.
 */
public final class Conv2d {
  private Conv2d() {}

  /** The float conv of {@code x} by {@code w} plus an optional per-output-channel {@code bias}. */
  public static FloatTensor conv2d(FloatTensor x, FloatTensor w, FloatTensor bias, ConvParams p) {
    int[] d = dims(x.shape(), w.shape(), p);
    FloatTensor out = FloatTensor.zeros(d[0], d[1], d[2], d[3]);
    if (bias != null) {
      requireBias(bias.size(), d[1]);
      float[] o = out.data();
      float[] b = bias.data();
      int plane = d[2] * d[3];
      for (int nn = 0; nn < d[0]; nn++) {
        for (int m = 0; m < d[1]; m++) {
          Arrays.fill(o, (nn * d[1] + m) * plane, (nn * d[1] + m + 1) * plane, b[m]);
        }
      }
    }
    int g = p.groups();
    ConvKernels.conv(
        x.data(),
        w.data(),
        out.data(),
        x.dim(0),
        g,
        w.dim(0) / g,
        w.dim(1),
        x.dim(2),
        x.dim(3),
        w.dim(2),
        w.dim(3),
        p.strideH(),
        p.strideW(),
        p.dilationH(),
        p.dilationW(),
        p.padH(),
        p.padW());
    return out;
  }

  /** The float conv of {@code x} by {@code w}, no bias. */
  public static FloatTensor conv2d(FloatTensor x, FloatTensor w, ConvParams p) {
    return conv2d(x, w, null, p);
  }

  /** The int conv of {@code x} by {@code w}: int32 accumulation, wrapping on overflow. */
  public static IntTensor conv2d(IntTensor x, IntTensor w, ConvParams p) {
    int[] d = dims(x.shape(), w.shape(), p);
    IntTensor out = IntTensor.zeros(d[0], d[1], d[2], d[3]);
    int g = p.groups();
    ConvKernels.conv(
        x.data(),
        w.data(),
        out.data(),
        x.dim(0),
        g,
        w.dim(0) / g,
        w.dim(1),
        x.dim(2),
        x.dim(3),
        w.dim(2),
        w.dim(3),
        p.strideH(),
        p.strideW(),
        p.dilationH(),
        p.dilationW(),
        p.padH(),
        p.padW());
    return out;
  }

  /** A depthwise conv: {@code w} is {@code [C][1][R][S]}, one filter per input channel. */
  public static FloatTensor depthwise(FloatTensor x, FloatTensor w, ConvParams p) {
    return conv2d(x, w, null, p.withGroups(x.dim(1)));
  }

  /**
   * The im2col matrix of {@code x} for an {@code r × s} filter with one group: {@code
   * [N][Cin·R·S][P·Q]}, zero where the window reads padding; {@code W[Cout][Cin·R·S] · col} is the
   * conv.
   */
  public static FloatTensor im2col(FloatTensor x, int r, int s, ConvParams p) {
    int n = x.dim(0);
    int c = x.dim(1);
    int h = x.dim(2);
    int wd = x.dim(3);
    int pp = outputSize(h, r, p.strideH(), p.dilationH(), p.padH());
    int qq = outputSize(wd, s, p.strideW(), p.dilationW(), p.padW());
    FloatTensor col = FloatTensor.zeros(n, c * r * s, pp * qq);
    float[] in = x.data();
    float[] out = col.data();
    for (int b = 0; b < n; b++) {
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < r; i++) {
          for (int j = 0; j < s; j++) {
            int rowBase = ((b * c + ch) * r * s + i * s + j) * pp * qq;
            for (int y = 0; y < pp; y++) {
              int ih = y * p.strideH() + i * p.dilationH() - p.padH();
              if (ih < 0 || ih >= h) {
                continue;
              }
              for (int z = 0; z < qq; z++) {
                int iw = z * p.strideW() + j * p.dilationW() - p.padW();
                if (iw >= 0 && iw < wd) {
                  out[rowBase + y * qq + z] = in[((b * c + ch) * h + ih) * wd + iw];
                }
              }
            }
          }
        }
      }
    }
    return col;
  }

  /**
   * Output extent of one axis, {@code floor((in + 2·pad − dilation·(k−1) − 1) / stride) + 1}, or 0
   * when the dilated window does not fit the padded input.
   */
  public static int outputSize(int in, int k, int stride, int dilation, int pad) {
    int span = in + 2 * pad - dilation * (k - 1) - 1;
    return span < 0 ? 0 : span / stride + 1;
  }

  private static int[] dims(int[] xs, int[] ws, ConvParams p) {
    if (xs.length != 4 || ws.length != 4) {
      throw new IllegalArgumentException(
          "conv2d needs x [N][C][H][W] and w [M][C/groups][R][S], got x "
              + Arrays.toString(xs)
              + ", w "
              + Arrays.toString(ws));
    }
    int g = p.groups();
    if (xs[1] % g != 0 || ws[0] % g != 0 || xs[1] / g != ws[1]) {
      throw new IllegalArgumentException(
          "conv2d with "
              + g
              + " groups: x channels "
              + xs[1]
              + " and w outputs "
              + ws[0]
              + " must divide by groups and w [1] must be x channels / groups, got x "
              + Arrays.toString(xs)
              + ", w "
              + Arrays.toString(ws));
    }
    int pp = outputSize(xs[2], ws[2], p.strideH(), p.dilationH(), p.padH());
    int qq = outputSize(xs[3], ws[3], p.strideW(), p.dilationW(), p.padW());
    if (pp < 1 || qq < 1) {
      throw new IllegalArgumentException(
          "conv2d output is empty ("
              + pp
              + "×"
              + qq
              + ") for x "
              + Arrays.toString(xs)
              + ", w "
              + Arrays.toString(ws)
              + ", "
              + p);
    }
    return new int[] {xs[0], ws[0], pp, qq};
  }

  private static void requireBias(int biasSize, int channels) {
    if (biasSize != channels) {
      throw new IllegalArgumentException(
          "bias has " + biasSize + " elements, conv has " + channels + " output channels");
    }
  }
}
