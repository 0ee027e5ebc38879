package io.arrayflow.workloads.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense float32 tensor: a shape and one flat row-major {@code float[]} (NCHW for feature maps,
 * {@code [G][M][C][R][S]} for weights). The array is exposed by {@link #data()} so that hot loops
 * index it directly; a tensor is mutable only through that array, and the ops in {@code
 * io.arrayflow.workloads.ops} never write to their inputs.
 */
public final class FloatTensor {
  private final int[] shape;
  private final float[] data;

  private FloatTensor(int[] shape, float[] data) {
    this.shape = shape;
    this.data = data;
  }

  /** A tensor of zeros with the given shape. */
  public static FloatTensor zeros(int... shape) {
    int[] s = shape.clone();
    return new FloatTensor(s, new float[Shapes.size(s)]);
  }

  /** A tensor wrapping {@code data} (not copied) with the given shape; sizes must agree. */
  public static FloatTensor of(float[] data, int... shape) {
    int[] s = shape.clone();
    if (Shapes.size(s) != data.length) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(s)
              + " holds "
              + Shapes.size(s)
              + " elements, data has "
              + data.length);
    }
    return new FloatTensor(s, data);
  }

  /** A tensor uniform in {@code [-1, 1)}, reproducible from {@code seed}. */
  public static FloatTensor random(long seed, int... shape) {
    return uniform(seed, 1.0f, shape);
  }

  /** A tensor uniform in {@code [-bound, bound)}, reproducible from {@code seed}. */
  public static FloatTensor uniform(long seed, float bound, int... shape) {
    FloatTensor t = zeros(shape);
    SplittableRandom rng = new SplittableRandom(seed);
    float[] d = t.data;
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) ((rng.nextDouble() * 2.0 - 1.0) * bound);
    }
    return t;
  }

  /** The shape (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** The extent of axis {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return shape[axis < 0 ? shape.length + axis : axis];
  }

  /** The number of axes. */
  public int rank() {
    return shape.length;
  }

  /** The number of elements. */
  public int size() {
    return data.length;
  }

  /** The backing row-major array (not a copy: writes are visible in the tensor). */
  public float[] data() {
    return data;
  }

  /** The element at {@code index}. */
  public float get(int... index) {
    return data[Shapes.offset(shape, index)];
  }

  /** Sets the element at {@code index} to {@code value}. */
  public void set(float value, int... index) {
    data[Shapes.offset(shape, index)] = value;
  }

  /** The same data viewed with another shape of equal size (shares the array). */
  public FloatTensor reshape(int... newShape) {
    return of(data, newShape);
  }

  /** A deep copy. */
  public FloatTensor copy() {
    return new FloatTensor(shape.clone(), data.clone());
  }

  /** Whether the shapes are equal. */
  public boolean sameShape(FloatTensor other) {
    return Arrays.equals(shape, other.shape);
  }

  /** The largest absolute element-wise difference; shapes must match. */
  public float maxAbsDiff(FloatTensor other) {
    requireSameShape(other);
    float max = 0f;
    for (int i = 0; i < data.length; i++) {
      max = Math.max(max, Math.abs(data[i] - other.data[i]));
    }
    return max;
  }

  /** The largest absolute element value. */
  public float maxAbs() {
    float max = 0f;
    for (float v : data) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /** Whether every element is finite (no NaN, no infinity). */
  public boolean allFinite() {
    for (float v : data) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private void requireSameShape(FloatTensor other) {
    if (!sameShape(other)) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " differs from " + Arrays.toString(other.shape));
    }
  }

  @Override
  public String toString() {
    return "FloatTensor" + Arrays.toString(shape);
  }
}
