package io.arrayflow.dataflows.mapper;

import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;

/**
 * A slice {@code [offset, offset + length)} of a layer along one dimension that does not reduce (N,
 * M, P or Q), run as an op of its own when a layer is split (docs/counting.md, "Split layers"). An
 * N or M slice is the same op with fewer images or filters. A P (or Q) slice needs the padded input
 * rows (columns) its outputs read, halo included: it becomes an op over exactly those rows, {@code
 * (length - 1) * stride + (R - 1) * dilation + 1} of them, with no padding on that axis, the zeros
 * of the original padding carried as data; neighbouring slices both read the rows they share. The
 * index maps take operands of the whole layer to the slice's and the slice's outputs back.
 *
 * @param dim the dimension sliced
 * @param offset the first index of the slice
 * @param length the slice's size along {@code dim}
 */
record Slice(Dim dim, int offset, int length) {

  /** Checks the dimension is one that does not reduce. */
  Slice {
    if (dim != Dim.N && dim != Dim.M && dim != Dim.P && dim != Dim.Q) {
      throw new IllegalArgumentException("a layer splits along N, M, P or Q, not " + dim);
    }
  }

  /** The slice of {@code whole} as an op; its name says which part it is. */
  OpSpec apply(OpSpec whole) {
    int n = whole.n();
    int m = whole.m();
    int h = whole.h();
    int w = whole.w();
    int padH = whole.padH();
    int padW = whole.padW();
    switch (dim) {
      case N -> n = length;
      case M -> m = length;
      case P -> {
        h = span(length, whole.r(), whole.strideH(), whole.dilationH());
        padH = 0;
      }
      default -> {
        w = span(length, whole.s(), whole.strideW(), whole.dilationW());
        padW = 0;
      }
    }
    return new OpSpec(
        whole.name() + "[" + dim + " " + offset + "+" + length + "]",
        whole.kind(),
        n,
        whole.g(),
        m,
        whole.c(),
        h,
        w,
        whole.r(),
        whole.s(),
        whole.strideH(),
        whole.strideW(),
        whole.dilationH(),
        whole.dilationW(),
        padH,
        padW,
        whole.weightsStatic());
  }

  private static int span(int outputs, int filter, int stride, int dilation) {
    return (outputs - 1) * stride + (filter - 1) * dilation + 1;
  }

  /** For each weight of the slice {@code [G][M'][C][R][S]}, its index in the whole layer's. */
  int[] weightsMap(OpSpec whole) {
    OpSpec part = apply(whole);
    int inner = whole.c() * whole.r() * whole.s();
    int[] map = new int[(int) part.weightElements()];
    int i = 0;
    for (int g = 0; g < part.g(); g++) {
      for (int m = 0; m < part.m(); m++) {
        int base = (g * whole.m() + m + (dim == Dim.M ? offset : 0)) * inner;
        for (int k = 0; k < inner; k++) {
          map[i++] = base + k;
        }
      }
    }
    return map;
  }

  /**
   * For each input of the slice {@code [N'][G*C][H'][W']}, its index in the whole layer's, or -1
   * where the slice's row or column is the whole layer's padding.
   */
  int[] inputsMap(OpSpec whole) {
    OpSpec part = apply(whole);
    int channels = whole.g() * whole.c();
    int[] map = new int[(int) part.inputElements()];
    int i = 0;
    for (int n = 0; n < part.n(); n++) {
      for (int ch = 0; ch < channels; ch++) {
        for (int y = 0; y < part.h(); y++) {
          int row = dim == Dim.P ? offset * whole.strideH() + y - whole.padH() : y;
          for (int x = 0; x < part.w(); x++) {
            int col = dim == Dim.Q ? offset * whole.strideW() + x - whole.padW() : x;
            boolean inside = row >= 0 && row < whole.h() && col >= 0 && col < whole.w();
            int image = n + (dim == Dim.N ? offset : 0);
            map[i++] = inside ? ((image * channels + ch) * whole.h() + row) * whole.w() + col : -1;
          }
        }
      }
    }
    return map;
  }

  /** For each output of the slice {@code [N'][G*M'][P'][Q']}, its index in the whole layer's. */
  int[] outputsMap(OpSpec whole) {
    OpSpec part = apply(whole);
    int[] map = new int[(int) part.outputElements()];
    int i = 0;
    int p0 = dim == Dim.P ? offset : 0;
    int q0 = dim == Dim.Q ? offset : 0;
    for (int n = 0; n < part.n(); n++) {
      int image = n + (dim == Dim.N ? offset : 0);
      for (int g = 0; g < part.g(); g++) {
        for (int m = 0; m < part.m(); m++) {
          int channel = g * whole.m() + m + (dim == Dim.M ? offset : 0);
          for (int p = 0; p < part.p(); p++) {
            for (int q = 0; q < part.q(); q++) {
              map[i++] =
                  ((image * whole.g() * whole.m() + channel) * whole.p() + p + p0) * whole.q()
                      + q
                      + q0;
            }
          }
        }
      }
    }
    return map;
  }
}
