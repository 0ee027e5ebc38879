package io.arrayflow.workloads.zoo;

import io.arrayflow.workloads.tensor.FloatTensor;

/**
 * An activation flowing through a {@link Net}: always its shape, its values only when executing.
 */
record Act(int[] shape, FloatTensor value) {

  /** The extent of axis {@code axis}; negative axes count from the end. */
  int dim(int axis) {
    return shape[axis < 0 ? shape.length + axis : axis];
  }

  /** The number of elements. */
  long size() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }
}
