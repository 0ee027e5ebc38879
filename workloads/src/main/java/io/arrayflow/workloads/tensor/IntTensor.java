package io.arrayflow.workloads.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense integer tensor: a shape and one flat row-major {@code int[]}. Operands hold values in the
 * range of a signed bit width (int8: {@code [-128, 127]}, int16: {@code [-32768, 32767]}); results
 * are int32 accumulations that wrap around exactly as Java {@code int} arithmetic does, which is
 * what a two's-complement 32-bit accumulator in hardware does, so comparisons are bit-exact.
 */
public final class IntTensor {
  private final int[] shape;
  private final int[] data;

  private IntTensor(int[] shape, int[] data) {
    this.shape = shape;
    this.data = data;
  }

  /** A tensor of zeros with the given shape. */
  public static IntTensor zeros(int... shape) {
    int[] s = shape.clone();
    return new IntTensor(s, new int[Shapes.size(s)]);
  }

  /** A tensor wrapping {@code data} (not copied) with the given shape; sizes must agree. */
  public static IntTensor of(int[] data, int... shape) {
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
    return new IntTensor(s, data);
  }

  /**
   * A tensor uniform over the signed range of {@code bits} (1..32), e.g. {@code [-128, 127]} for 8
   * and {@code [-1, 0]} for 1 (a binary network's weights), reproducible from {@code seed}.
   */
  public static IntTensor random(long seed, int bits, int... shape) {
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("bits: must be in 1..32, was " + bits);
    }
    IntTensor t = zeros(shape);
    SplittableRandom rng = new SplittableRandom(seed);
    long lo = minValue(bits);
    long span = maxValue(bits) - lo + 1;
    int[] d = t.data;
    for (int i = 0; i < d.length; i++) {
      d[i] = (int) (lo + rng.nextLong(span));
    }
    return t;
  }

  /** The smallest value of a signed integer of {@code bits} bits. */
  public static long minValue(int bits) {
    return -(1L << (bits - 1));
  }

  /** The largest value of a signed integer of {@code bits} bits. */
  public static long maxValue(int bits) {
    return (1L << (bits - 1)) - 1;
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
  public int[] data() {
    return data;
  }

  /** The element at {@code index}. */
  public int get(int... index) {
    return data[Shapes.offset(shape, index)];
  }

  /** Sets the element at {@code index} to {@code value}. */
  public void set(int value, int... index) {
    data[Shapes.offset(shape, index)] = value;
  }

  /** The same data viewed with another shape of equal size (shares the array). */
  public IntTensor reshape(int... newShape) {
    return of(data, newShape);
  }

  /** A deep copy. */
  public IntTensor copy() {
    return new IntTensor(shape.clone(), data.clone());
  }

  /** The values as floats (exact for magnitudes up to 2^24), same shape. */
  public FloatTensor toFloat() {
    float[] f = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      f[i] = data[i];
    }
    return FloatTensor.of(f, shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "IntTensor" + Arrays.toString(shape);
  }
}
