package io.arrayflow.workloads.builder;

import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.zoo.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * One layer as a user writes it. {@link #problems()} lists every reason it is invalid, each {@code
 * "field: what is allowed, was value"} with snake_case field names as in YAML (e.g. {@code "groups:
 * must divide in_channels (64), was 3"}); {@link #toLayer()} builds the layer once the list is
 * empty.
 */
public sealed interface UserLayer
    permits UserLayer.Conv, UserLayer.Fc, UserLayer.Matmul, UserLayer.Vector {

  /** The layer's name. */
  String name();

  /** Every problem with this layer, empty if it is valid. */
  List<String> problems();

  /** The layer; fails listing the problems if there are any. */
  Layer toLayer();

  /**
   * A 2-D convolution over {@code [batch][in_channels][height][width]} with {@code out_channels}
   * filters of {@code kernel_h × kernel_w}; {@code groups == in_channels == out_channels} is
   * depthwise. Strides, padding (each side) and dilation are in elements.
   */
  record Conv(
      String name,
      int batch,
      int inChannels,
      int height,
      int width,
      int outChannels,
      int kernelH,
      int kernelW,
      int strideH,
      int strideW,
      int padH,
      int padW,
      int dilationH,
      int dilationW,
      int groups)
      implements UserLayer {

    /** A square-kernel conv with square stride and padding, no dilation, one group. */
    public static Conv of(
        String name,
        int batch,
        int inChannels,
        int height,
        int width,
        int outChannels,
        int kernel,
        int stride,
        int pad) {
      return new Conv(
          name,
          batch,
          inChannels,
          height,
          width,
          outChannels,
          kernel,
          kernel,
          stride,
          stride,
          pad,
          pad,
          1,
          1,
          1);
    }

    @Override
    public List<String> problems() {
      List<String> out = new ArrayList<>();
      named(out, name);
      atLeast(out, "batch", batch, 1);
      atLeast(out, "in_channels", inChannels, 1);
      atLeast(out, "height", height, 1);
      atLeast(out, "width", width, 1);
      atLeast(out, "out_channels", outChannels, 1);
      atLeast(out, "kernel_h", kernelH, 1);
      atLeast(out, "kernel_w", kernelW, 1);
      atLeast(out, "stride_h", strideH, 1);
      atLeast(out, "stride_w", strideW, 1);
      atLeast(out, "pad_h", padH, 0);
      atLeast(out, "pad_w", padW, 0);
      atLeast(out, "dilation_h", dilationH, 1);
      atLeast(out, "dilation_w", dilationW, 1);
      atLeast(out, "groups", groups, 1);
      if (!out.isEmpty()) {
        return out;
      }
      if (inChannels % groups != 0) {
        out.add("groups: must divide in_channels (" + inChannels + "), was " + groups);
      }
      if (outChannels % groups != 0) {
        out.add("groups: must divide out_channels (" + outChannels + "), was " + groups);
      }
      int p = OpSpec.outputSize(height, kernelH, strideH, dilationH, padH);
      int q = OpSpec.outputSize(width, kernelW, strideW, dilationW, padW);
      if (p < 1) {
        out.add(
            "kernel_h: dilated kernel must fit height + 2*pad_h ("
                + (height + 2 * padH)
                + "), was "
                + kernelH
                + " with dilation_h "
                + dilationH);
      }
      if (q < 1) {
        out.add(
            "kernel_w: dilated kernel must fit width + 2*pad_w ("
                + (width + 2 * padW)
                + "), was "
                + kernelW
                + " with dilation_w "
                + dilationW);
      }
      return out;
    }

    @Override
    public Layer toLayer() {
      requireValid(this);
      return Layer.of(
          OpSpec.conv(
              name,
              batch,
              groups,
              outChannels / groups,
              inChannels / groups,
              height,
              width,
              kernelH,
              kernelW,
              strideH,
              strideW,
              padH,
              padW,
              dilationH,
              dilationW));
    }
  }

  /** A fully connected layer: {@code batch} rows of {@code in_features} to {@code out_features}. */
  record Fc(String name, int batch, int inFeatures, int outFeatures) implements UserLayer {
    @Override
    public List<String> problems() {
      List<String> out = new ArrayList<>();
      named(out, name);
      atLeast(out, "batch", batch, 1);
      atLeast(out, "in_features", inFeatures, 1);
      atLeast(out, "out_features", outFeatures, 1);
      return out;
    }

    @Override
    public Layer toLayer() {
      requireValid(this);
      return Layer.of(OpSpec.fc(name, batch, inFeatures, outFeatures));
    }
  }

  /**
   * A batched matmul {@code A[batch][rows][inner] · B[batch][inner][cols]}; {@code weights_static}
   * is false when B is an activation (attention's K and V).
   */
  record Matmul(String name, int batch, int rows, int inner, int cols, boolean weightsStatic)
      implements UserLayer {
    @Override
    public List<String> problems() {
      List<String> out = new ArrayList<>();
      named(out, name);
      atLeast(out, "batch", batch, 1);
      atLeast(out, "rows", rows, 1);
      atLeast(out, "inner", inner, 1);
      atLeast(out, "cols", cols, 1);
      return out;
    }

    @Override
    public Layer toLayer() {
      requireValid(this);
      OpSpec spec = OpSpec.matmul(name, batch, rows, inner, cols, weightsStatic);
      return Layer.of(spec);
    }
  }

  /**
   * A vector-unit op of kind {@code kind} (e.g. {@code softmax}) over {@code elements} elements.
   */
  record Vector(String name, String kind, long elements) implements UserLayer {
    @Override
    public List<String> problems() {
      List<String> out = new ArrayList<>();
      named(out, name);
      if (kindOrNull(kind) == null) {
        out.add("kind: must be one of " + VectorKind.validNames() + ", was '" + kind + "'");
      }
      if (elements < 1) {
        out.add("elements: must be >= 1, was " + elements);
      }
      return out;
    }

    @Override
    public Layer toLayer() {
      requireValid(this);
      return Layer.of(new VectorOpSpec(name, VectorKind.named(kind), elements));
    }

    private static VectorKind kindOrNull(String k) {
      if (k == null) {
        return null;
      }
      for (VectorKind v : VectorKind.values()) {
        if (v.name().equalsIgnoreCase(k)) {
          return v;
        }
      }
      return null;
    }
  }

  private static void named(List<String> out, String name) {
    if (name == null || name.isBlank()) {
      out.add("name: must be non-empty, was '" + (name == null ? "" : name) + "'");
    }
  }

  private static void atLeast(List<String> out, String field, long value, long min) {
    if (value < min) {
      out.add(field + ": must be >= " + min + ", was " + value);
    }
  }

  private static void requireValid(UserLayer layer) {
    List<String> problems = layer.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid layer '" + layer.name() + "': " + String.join("; ", problems));
    }
  }
}
