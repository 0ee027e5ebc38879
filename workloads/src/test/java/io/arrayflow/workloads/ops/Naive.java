package io.arrayflow.workloads.ops;

import io.arrayflow.workloads.spec.OpSpec;

/** OpSpec's loop nest written out literally, as the oracle for the optimised kernels. */
final class Naive {
  private Naive() {}

  static float[] run(OpSpec o, float[] w, float[] in) {
    int p = o.p();
    int q = o.q();
    float[] out = new float[(int) o.outputElements()];
    for (int n = 0; n < o.n(); n++) {
      for (int g = 0; g < o.g(); g++) {
        for (int m = 0; m < o.m(); m++) {
          for (int y = 0; y < p; y++) {
            for (int x = 0; x < q; x++) {
              float acc = 0f;
              for (int c = 0; c < o.c(); c++) {
                for (int r = 0; r < o.r(); r++) {
                  for (int s = 0; s < o.s(); s++) {
                    int ih = y * o.strideH() + r * o.dilationH() - o.padH();
                    int iw = x * o.strideW() + s * o.dilationW() - o.padW();
                    if (ih < 0 || ih >= o.h() || iw < 0 || iw >= o.w()) {
                      continue;
                    }
                    acc +=
                        w[(((g * o.m() + m) * o.c() + c) * o.r() + r) * o.s() + s]
                            * in[((n * o.g() * o.c() + g * o.c() + c) * o.h() + ih) * o.w() + iw];
                  }
                }
              }
              out[((n * o.g() * o.m() + g * o.m() + m) * p + y) * q + x] = acc;
            }
          }
        }
      }
    }
    return out;
  }

  static int[] run(OpSpec o, int[] w, int[] in) {
    int p = o.p();
    int q = o.q();
    int[] out = new int[(int) o.outputElements()];
    for (int n = 0; n < o.n(); n++) {
      for (int g = 0; g < o.g(); g++) {
        for (int m = 0; m < o.m(); m++) {
          for (int y = 0; y < p; y++) {
            for (int x = 0; x < q; x++) {
              int acc = 0;
              for (int c = 0; c < o.c(); c++) {
                for (int r = 0; r < o.r(); r++) {
                  for (int s = 0; s < o.s(); s++) {
                    int ih = y * o.strideH() + r * o.dilationH() - o.padH();
                    int iw = x * o.strideW() + s * o.dilationW() - o.padW();
                    if (ih < 0 || ih >= o.h() || iw < 0 || iw >= o.w()) {
                      continue;
                    }
                    acc +=
                        w[(((g * o.m() + m) * o.c() + c) * o.r() + r) * o.s() + s]
                            * in[((n * o.g() * o.c() + g * o.c() + c) * o.h() + ih) * o.w() + iw];
                  }
                }
              }
              out[((n * o.g() * o.m() + g * o.m() + m) * p + y) * q + x] = acc;
            }
          }
        }
      }
    }
    return out;
  }

  /** The largest |a − b| relative to max(1, |b|). */
  static double maxRelErr(float[] a, float[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1.0, Math.abs(b[i])));
    }
    return worst;
  }
}
