package io.arrayflow.workloads.ops;

/**
 * The geometry of a 2-D convolution apart from its tensors: stride, zero padding (each side) and
 * dilation per axis, in elements, and the number of groups ({@code groups == channels} is
 * depthwise).
 */
public record ConvParams(
    int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {

  /** Validates that every field is in range. */
  public ConvParams {
    if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || groups < 1) {
      throw new IllegalArgumentException("stride, dilation and groups must be >= 1: " + this);
    }
    if (padH < 0 || padW < 0) {
      throw new IllegalArgumentException("padding must be >= 0: " + this);
    }
  }

  /** Square stride and padding, no dilation, one group. */
  public static ConvParams of(int stride, int pad) {
    return new ConvParams(stride, stride, pad, pad, 1, 1, 1);
  }

  /** Stride 1, no padding, no dilation, one group. */
  public static ConvParams unit() {
    return of(1, 0);
  }

  /** The same geometry with {@code g} groups. */
  public ConvParams withGroups(int g) {
    return new ConvParams(strideH, strideW, padH, padW, dilationH, dilationW, g);
  }

  /** The same geometry with square dilation {@code d}. */
  public ConvParams withDilation(int d) {
    return new ConvParams(strideH, strideW, padH, padW, d, d, groups);
  }
}
