package io.arrayflow.workloads.ops;

/**
 * The direct-convolution kernels on flat arrays in OpSpec layouts (weights {@code [G][M][C][R][S]},
 * inputs {@code [N][G*C][H][W]}, outputs {@code [N][G*M][P][Q]}), accumulating into {@code out}.
 * The loop order (n, g, m, c, r, s, p, q) keeps one output plane hot and makes the innermost loop
 * run over contiguous output columns; the valid column range is computed once per (s, q) so the
 * inner loop has no padding branch. Float and int are the same code on different primitives.
 */
final class ConvKernels {
  private ConvKernels() {}

  /** Accumulates the conv of {@code in} by {@code w} into {@code out} (float). */
  static void conv(
      float[] in,
      float[] w,
      float[] out,
      int n,
      int g,
      int m,
      int c,
      int h,
      int wd,
      int r,
      int s,
      int sh,
      int sw,
      int dh,
      int dw,
      int ph,
      int pw) {
    int p = Conv2d.outputSize(h, r, sh, dh, ph);
    int q = Conv2d.outputSize(wd, s, sw, dw, pw);
    int plane = h * wd;
    int outPlane = p * q;
    boolean pointwise = r == 1 && s == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0;
    for (int nn = 0; nn < n; nn++) {
      for (int gg = 0; gg < g; gg++) {
        for (int mm = 0; mm < m; mm++) {
          int outBase = ((nn * g + gg) * m + mm) * outPlane;
          int wRow = (gg * m + mm) * c;
          if (plane == 1 && pointwise) {
            // A fully connected output: one dot product, both operands contiguous.
            int inBase = (nn * g + gg) * c;
            int wBase = wRow;
            float acc = 0f;
            for (int cc = 0; cc < c; cc++) {
              acc += w[wBase + cc] * in[inBase + cc];
            }
            out[outBase] += acc;
            continue;
          }
          for (int cc = 0; cc < c; cc++) {
            int inBase = ((nn * g + gg) * c + cc) * plane;
            int wBase = (wRow + cc) * r * s;
            if (pointwise) {
              float wv = w[wBase];
              for (int i = 0; i < plane; i++) {
                out[outBase + i] += wv * in[inBase + i];
              }
              continue;
            }
            for (int rr = 0; rr < r; rr++) {
              for (int ss = 0; ss < s; ss++) {
                float wv = w[wBase + rr * s + ss];
                int colOff = ss * dw - pw;
                int qLo = firstValid(colOff, sw);
                int qHi = Math.min(q, lastValid(colOff, sw, wd) + 1);
                if (qLo >= qHi) {
                  continue;
                }
                for (int pp = 0; pp < p; pp++) {
                  int ih = pp * sh + rr * dh - ph;
                  if (ih < 0 || ih >= h) {
                    continue;
                  }
                  int o = outBase + pp * q;
                  int row = inBase + ih * wd + colOff;
                  if (sw == 1) {
                    for (int qq = qLo; qq < qHi; qq++) {
                      out[o + qq] += wv * in[row + qq];
                    }
                  } else {
                    for (int qq = qLo; qq < qHi; qq++) {
                      out[o + qq] += wv * in[row + qq * sw];
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /** Accumulates the conv of {@code in} by {@code w} into {@code out} (int, wrapping int32). */
  static void conv(
      int[] in,
      int[] w,
      int[] out,
      int n,
      int g,
      int m,
      int c,
      int h,
      int wd,
      int r,
      int s,
      int sh,
      int sw,
      int dh,
      int dw,
      int ph,
      int pw) {
    int p = Conv2d.outputSize(h, r, sh, dh, ph);
    int q = Conv2d.outputSize(wd, s, sw, dw, pw);
    int plane = h * wd;
    int outPlane = p * q;
    boolean pointwise = r == 1 && s == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0;
    for (int nn = 0; nn < n; nn++) {
      for (int gg = 0; gg < g; gg++) {
        for (int mm = 0; mm < m; mm++) {
          int outBase = ((nn * g + gg) * m + mm) * outPlane;
          int wRow = (gg * m + mm) * c;
          if (plane == 1 && pointwise) {
            int inBase = (nn * g + gg) * c;
            int acc = 0;
            for (int cc = 0; cc < c; cc++) {
              acc += w[wRow + cc] * in[inBase + cc];
            }
            out[outBase] += acc;
            continue;
          }
          for (int cc = 0; cc < c; cc++) {
            int inBase = ((nn * g + gg) * c + cc) * plane;
            int wBase = (wRow + cc) * r * s;
            if (pointwise) {
              int wv = w[wBase];
              for (int i = 0; i < plane; i++) {
                out[outBase + i] += wv * in[inBase + i];
              }
              continue;
            }
            for (int rr = 0; rr < r; rr++) {
              for (int ss = 0; ss < s; ss++) {
                int wv = w[wBase + rr * s + ss];
                int colOff = ss * dw - pw;
                int qLo = firstValid(colOff, sw);
                int qHi = Math.min(q, lastValid(colOff, sw, wd) + 1);
                if (qLo >= qHi) {
                  continue;
                }
                for (int pp = 0; pp < p; pp++) {
                  int ih = pp * sh + rr * dh - ph;
                  if (ih < 0 || ih >= h) {
                    continue;
                  }
                  int o = outBase + pp * q;
                  int row = inBase + ih * wd + colOff;
                  for (int qq = qLo; qq < qHi; qq++) {
                    out[o + qq] += wv * in[row + qq * sw];
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /** The first output column whose input column {@code qq*sw + colOff} is >= 0. */
  private static int firstValid(int colOff, int sw) {
    return colOff >= 0 ? 0 : (-colOff + sw - 1) / sw;
  }

  /** The last output column whose input column is < {@code wd} (may be negative). */
  private static int lastValid(int colOff, int sw, int wd) {
    int span = wd - 1 - colOff;
    return span < 0 ? -1 : span / sw;
  }
}
