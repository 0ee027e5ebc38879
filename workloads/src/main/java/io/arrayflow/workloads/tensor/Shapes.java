package io.arrayflow.workloads.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the tensor types. */
final class Shapes {
  private Shapes() {}

  /** The element count of {@code shape}; fails on a negative extent or an int overflow. */
  static int size(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
      }
    }
    return (int) n;
  }

  /** The flat row-major offset of {@code index} in {@code shape}. */
  static int offset(int[] shape, int[] index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "index "
              + Arrays.toString(index)
              + " has rank "
              + index.length
              + ", shape "
              + Arrays.toString(shape)
              + " has rank "
              + shape.length);
    }
    int off = 0;
    for (int i = 0; i < shape.length; i++) {
      if (index[i] < 0 || index[i] >= shape[i]) {
        throw new IndexOutOfBoundsException(
            "index " + Arrays.toString(index) + " outside shape " + Arrays.toString(shape));
      }
      off = off * shape[i] + index[i];
    }
    return off;
  }
}
