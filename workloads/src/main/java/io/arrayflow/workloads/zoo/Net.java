package io.arrayflow.workloads.zoo;

import io.arrayflow.workloads.ops.Activations;
import io.arrayflow.workloads.ops.Attention;
import io.arrayflow.workloads.ops.Conv2d;
import io.arrayflow.workloads.ops.ConvParams;
import io.arrayflow.workloads.ops.KvCache;
import io.arrayflow.workloads.ops.Linear;
import io.arrayflow.workloads.ops.Normalization;
import io.arrayflow.workloads.ops.Pooling;
import io.arrayflow.workloads.ops.Rotary;
import io.arrayflow.workloads.ops.Tensors;
import io.arrayflow.workloads.spec.CountLimit;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph builder the models are written against. Every call records its layer (MAC or vector)
 * under {@code prefix + name} and, when executing, computes the values in the reference engine with
 * weights drawn from a seed mixed with the parameter's name (without the prefix, so a GPT-2 prefill
 * and decode share weights). Weights are uniform in {@code ±√(3/fanIn)} (LeCun-uniform: unit
 * variance is roughly preserved, so deep nets neither blow up nor vanish); batch norm is taken as
 * folded into the conv and not modelled. A decoder marks its {@link Phase phases}: {@link #phase}
 * starts one (its layers are named {@code phase.layer}), {@link #endPhase} closes it and marks its
 * KV-cache layers with the size of the whole cache.
 */
final class Net {
  private static final float BIAS_BOUND = 0.05f;

  private final boolean execute;
  private final long seed;
  private final List<Layer> layers = new ArrayList<>();
  private final List<Phase> phases = new ArrayList<>();
  private final Map<String, KvCache> caches = new HashMap<>();
  private final Map<String, Integer> cacheLengths = new HashMap<>();
  private final Map<String, Long> cacheWidths = new HashMap<>();
  private final List<Integer> kvLayers = new ArrayList<>();
  private String prefix = "";
  private boolean recording = true;
  private String phase;
  private int phaseStart;
  private long phaseTokens;

  private Net(boolean execute, long seed) {
    this.execute = execute;
    this.seed = seed;
  }

  /** A net that only traces shapes and records layers. */
  static Net tracing() {
    return new Net(false, 0);
  }

  /** A net that also computes values, with weights derived from {@code seed}. */
  static Net executing(long seed) {
    return new Net(true, seed);
  }

  boolean executes() {
    return execute;
  }

  /** Whether layers are recorded from now on (values are computed either way). */
  void recording(boolean on) {
    recording = on;
  }

  List<Layer> layers() {
    return layers;
  }

  List<Phase> phases() {
    return phases;
  }

  /** Starts phase {@code name} of {@code tokens} tokens: layers are named {@code name.layer}. */
  void phase(String name, long tokens) {
    phase = name;
    phaseStart = layers.size();
    phaseTokens = tokens;
    prefix = name + ".";
  }

  /**
   * Ends the current phase: records it with the cache length it leaves, and marks its layers that
   * read a KV cache with the elements of every layer's cache (keys and values) at its end.
   */
  void endPhase() {
    long elements = 0;
    int context = 0;
    for (Map.Entry<String, Integer> cache : cacheLengths.entrySet()) {
      elements += 2 * cacheWidths.get(cache.getKey()) * cache.getValue();
      context = Math.max(context, cache.getValue());
    }
    for (int i : kvLayers) {
      layers.set(i, layers.get(i).withKvCache(elements));
    }
    kvLayers.clear();
    phases.add(new Phase(phase, phaseStart, layers.size() - phaseStart, phaseTokens, context));
    phase = null;
    prefix = "";
  }

  /** A seeded model input of the given shape (uniform in [-1, 1)). */
  Act input(String key, int... shape) {
    return new Act(shape, execute ? FloatTensor.random(mix("input." + key), shape) : null);
  }

  /** Wraps a given tensor as an activation. */
  Act of(FloatTensor t) {
    return new Act(t.shape(), t);
  }

  /** A square conv without bias; {@code x} is {@code [N][C][H][W]}. */
  Act conv(String name, Act x, int outChannels, int k, int stride, int pad, int groups) {
    int n = x.dim(0);
    int c = x.dim(1);
    OpSpec spec =
        OpSpec.conv(
            prefix + name,
            n,
            groups,
            outChannels / groups,
            c / groups,
            x.dim(2),
            x.dim(3),
            k,
            k,
            stride,
            pad,
            1);
    record(Layer.of(spec));
    int[] shape = {n, outChannels, spec.p(), spec.q()};
    if (!execute) {
      return new Act(shape, null);
    }
    int fanIn = c / groups * k * k;
    FloatTensor w = weights(name, fanIn, outChannels, c / groups, k, k);
    ConvParams p = ConvParams.of(stride, pad).withGroups(groups);
    return new Act(shape, Conv2d.conv2d(x.value(), w, p));
  }

  /** A fully connected layer with bias on {@code x [rows][in]} → {@code [rows][out]}. */
  Act fc(String name, Act x, int out) {
    return fc(name, x, out, true);
  }

  /**
   * A fully connected layer on {@code x [rows][in]} → {@code [rows][out]}, with or without bias.
   */
  Act fc(String name, Act x, int out, boolean bias) {
    int in = x.dim(-1);
    int rows = (int) (x.size() / in);
    record(Layer.of(OpSpec.fc(prefix + name, rows, in, out)));
    int[] shape = {rows, out};
    if (!execute) {
      return new Act(shape, null);
    }
    FloatTensor w = weights(name, in, out, in);
    FloatTensor b = bias ? FloatTensor.uniform(mix(name + ".bias"), BIAS_BOUND, out) : null;
    return new Act(shape, Linear.linear(x.value().reshape(rows, in), w, b));
  }

  Act relu(String name, Act x) {
    rows(name, VectorKind.RELU, x);
    return execute ? new Act(x.shape(), Activations.relu(x.value())) : x;
  }

  Act relu6(String name, Act x) {
    rows(name, VectorKind.RELU6, x);
    return execute ? new Act(x.shape(), Activations.relu6(x.value())) : x;
  }

  Act gelu(String name, Act x) {
    rows(name, VectorKind.GELU, x);
    return execute ? new Act(x.shape(), Activations.gelu(x.value())) : x;
  }

  Act layerNorm(String name, Act x) {
    rows(name, VectorKind.LAYERNORM, x);
    return execute
        ? new Act(x.shape(), Normalization.layerNorm(x.value(), Normalization.LAYERNORM_EPS))
        : x;
  }

  Act rmsNorm(String name, Act x) {
    rows(name, VectorKind.RMSNORM, x);
    return execute
        ? new Act(x.shape(), Normalization.rmsNorm(x.value(), Normalization.RMSNORM_EPS))
        : x;
  }

  Act add(String name, Act a, Act b) {
    rows(name, VectorKind.ADD, a);
    return execute ? new Act(a.shape(), Tensors.add(a.value(), b.value())) : a;
  }

  /** SwiGLU's gate {@code silu(gate)·up}; one layer reading both. */
  Act swiglu(String name, Act gate, Act up) {
    rows(name, VectorKind.SWIGLU, gate);
    return execute ? new Act(gate.shape(), Activations.swiglu(gate.value(), up.value())) : gate;
  }

  /**
   * Rotary embedding of {@code x [batch·T][heads·d]} at positions {@code first .. first + T − 1} of
   * each sequence, base {@code theta}: one layer reading its cos/sin table.
   */
  Act rope(String name, Act x, int batch, int heads, int first, double theta) {
    int tokens = x.dim(0) / batch;
    int d = x.dim(1) / heads;
    record(Layer.of(VectorOpSpec.rope(prefix + name, x.size() / d, d, tokens, heads)));
    if (!execute) {
      return x;
    }
    FloatTensor table = Rotary.table(first, tokens, d, theta);
    return new Act(x.shape(), Rotary.apply(x.value(), table, heads));
  }

  Act maxPool(String name, Act x, int k, int stride, int pad) {
    return pool(name, x, k, stride, pad, true);
  }

  Act avgPool(String name, Act x, int k, int stride, int pad) {
    return pool(name, x, k, stride, pad, false);
  }

  /** Global average pooling {@code [N][C][H][W]} → {@code [N][C]}. */
  Act globalAvgPool(String name, Act x) {
    int[] shape = {x.dim(0), x.dim(1)};
    record(
        Layer.of(
            VectorOpSpec.pool(
                prefix + name,
                VectorKind.POOL_AVG,
                x.size(),
                x.size(),
                (long) shape[0] * shape[1])));
    return new Act(shape, execute ? Pooling.globalAvgPool(x.value()).reshape(shape) : null);
  }

  /** {@code [N][..]} → {@code [N][rest]}; no layer. */
  Act flatten(Act x) {
    int[] shape = {x.dim(0), (int) (x.size() / x.dim(0))};
    return new Act(shape, execute ? x.value().reshape(shape) : null);
  }

  /**
   * Multi-head attention over token matrices {@code q [batch·Tq][heads·d]}, {@code k, v
   * [batch·Tk][kvHeads·d]} ({@code kvHeads < heads}: grouped-query attention, {@code heads /
   * kvHeads} query heads per key/value head): records Q·Kᵀ, softmax and A·V. The matmuls run over
   * {@code G = batch·kvHeads} with each group's query heads stacked in the rows ({@code P =
   * heads/kvHeads · Tq}), so a key/value head is one weights operand read once for its query heads;
   * causal attention marks both with its {@link CausalMask}. With {@code cacheKey} non-null, {@code
   * k, v} are appended to that layer's KV cache first, attention is causal over the whole cache,
   * and the matmuls are marked as reading the cache.
   */
  Act attention(
      String name,
      Act q,
      Act k,
      Act v,
      int batch,
      int heads,
      int kvHeads,
      boolean causal,
      String cacheKey) {
    int d = q.dim(1) / heads;
    int tq = q.dim(0) / batch;
    int tk = k.dim(0) / batch;
    if (cacheKey != null) {
      tk = cacheLengths.getOrDefault(cacheKey, 0) + tk;
      cacheLengths.put(cacheKey, tk);
      cacheWidths.put(cacheKey, (long) batch * kvHeads * d);
    }
    List<Layer> attention =
        AttentionLayers.of(prefix + name, batch, heads, kvHeads, tq, tk, d, causal);
    for (Layer l : attention) {
      if (l.isMac() && recording && cacheKey != null && phase != null) {
        kvLayers.add(layers.size());
      }
      record(l);
    }
    if (!execute) {
      return new Act(q.shape(), null);
    }
    if (cacheKey == null) {
      return new Act(
          q.shape(),
          Attention.multiHead(q.value(), k.value(), v.value(), batch, heads, kvHeads, causal));
    }
    KvCache cache = caches.computeIfAbsent(cacheKey, key -> new KvCache(batch * kvHeads, d));
    FloatTensor out =
        cache.attend(
            Tensors.splitHeads(q.value(), batch, heads),
            Tensors.splitHeads(k.value(), batch, kvHeads),
            Tensors.splitHeads(v.value(), batch, kvHeads));
    return new Act(q.shape(), Tensors.mergeHeads(out, batch));
  }

  /**
   * Splits {@code x [rows][parts·w]} into {@code parts} column blocks {@code [rows][w]}; no layer.
   */
  Act[] splitColumns(Act x, int parts) {
    int rows = x.dim(0);
    int w = x.dim(1) / parts;
    Act[] out = new Act[parts];
    for (int i = 0; i < parts; i++) {
      FloatTensor t = null;
      if (execute) {
        float[] src = x.value().data();
        float[] dst = new float[rows * w];
        for (int r = 0; r < rows; r++) {
          System.arraycopy(src, r * parts * w + i * w, dst, r * w, w);
        }
        t = FloatTensor.of(dst, rows, w);
      }
      out[i] = new Act(new int[] {rows, w}, t);
    }
    return out;
  }

  /**
   * Token {@code index} of each batch element: {@code [batch·T][d]} → {@code [batch][d]}; no layer.
   */
  Act token(Act x, int batch, int index) {
    int tokens = x.dim(0) / batch;
    int d = x.dim(1);
    FloatTensor t = null;
    if (execute) {
      float[] src = x.value().data();
      float[] dst = new float[batch * d];
      for (int b = 0; b < batch; b++) {
        System.arraycopy(src, (b * tokens + index) * d, dst, b * d, d);
      }
      t = FloatTensor.of(dst, batch, d);
    }
    return new Act(new int[] {batch, d}, t);
  }

  /**
   * ViT's token sequence: {@code [N][D][P][Q]} patches → {@code [N·(1+P·Q)][D]} with a learned
   * class token first; no layer (a copy).
   */
  Act patchTokens(String name, Act x) {
    int n = x.dim(0);
    int d = x.dim(1);
    int patches = x.dim(2) * x.dim(3);
    int tokens = patches + 1;
    int[] shape = {dim(name, "batch × tokens", (long) n * tokens), d};
    if (!execute) {
      return new Act(shape, null);
    }
    float[] cls = FloatTensor.random(mix(name + ".cls"), d).data();
    float[] src = x.value().data();
    float[] dst = new float[n * tokens * d];
    for (int b = 0; b < n; b++) {
      System.arraycopy(cls, 0, dst, b * tokens * d, d);
      for (int ch = 0; ch < d; ch++) {
        for (int i = 0; i < patches; i++) {
          dst[(b * tokens + 1 + i) * d + ch] = src[(b * d + ch) * patches + i];
        }
      }
    }
    return new Act(shape, FloatTensor.of(dst, shape));
  }

  /** Adds a learned position embedding {@code [T][d]} to every batch element: one ADD layer. */
  Act addPositions(String name, Act x, int batch) {
    rows(name, VectorKind.ADD, x);
    if (!execute) {
      return x;
    }
    int tokens = x.dim(0) / batch;
    int d = x.dim(1);
    float[] pos = FloatTensor.random(mix(name + ".pos"), tokens * d).data();
    float[] out = x.value().data().clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += pos[i % (tokens * d)];
    }
    return new Act(x.shape(), FloatTensor.of(out, x.shape()));
  }

  private Act pool(String name, Act x, int k, int stride, int pad, boolean max) {
    int p = Conv2d.outputSize(x.dim(2), k, stride, 1, pad);
    int q = Conv2d.outputSize(x.dim(3), k, stride, 1, pad);
    if (p < 1 || q < 1) {
      throw new IllegalArgumentException(
          "layer '"
              + prefix
              + name
              + "': "
              + k
              + "×"
              + k
              + " pooling leaves no output for a "
              + x.dim(2)
              + "×"
              + x.dim(3)
              + " map; the input image is too small");
    }
    int[] shape = {x.dim(0), x.dim(1), p, q};
    long reads = count(name, "window reads", x.dim(0), x.dim(1), p, q, k, k);
    long outputs = (long) x.dim(0) * x.dim(1) * p * q;
    VectorKind kind = max ? VectorKind.POOL_MAX : VectorKind.POOL_AVG;
    record(Layer.of(VectorOpSpec.pool(prefix + name, kind, reads, x.size(), outputs)));
    if (!execute) {
      return new Act(shape, null);
    }
    return new Act(
        shape,
        max
            ? Pooling.maxPool2d(x.value(), k, stride, pad)
            : Pooling.avgPool2d(x.value(), k, stride, pad));
  }

  /**
   * {@code value} as a tensor dimension, or fails naming the layer or input {@code name} and {@code
   * what} (e.g. "batch × tokens"): dimensions are {@code int}s.
   */
  int dim(String name, String what, long value) {
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "'"
              + prefix
              + name
              + "': "
              + what
              + " = "
              + value
              + " is above the limit "
              + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  /** The product of {@code factors}, or fails naming the layer if above {@link CountLimit#MAX}. */
  private long count(String name, String what, long... factors) {
    String tooLarge = CountLimit.checkProduct(what, factors);
    if (tooLarge != null) {
      throw new IllegalArgumentException("layer '" + prefix + name + "': " + tooLarge);
    }
    long n = 1;
    for (long f : factors) {
      n *= f;
    }
    return n;
  }

  /** Records an element-wise or row op over {@code x} in rows of its last axis. */
  private void rows(String name, VectorKind kind, Act x) {
    int row = x.dim(-1);
    record(Layer.of(VectorOpSpec.rows(prefix + name, kind, x.size() / row, row)));
  }

  private void record(Layer layer) {
    if (recording) {
      layers.add(layer);
    }
  }

  private FloatTensor weights(String name, int fanIn, int... shape) {
    float bound = (float) Math.sqrt(3.0 / fanIn);
    return FloatTensor.uniform(mix(name + ".weight"), bound, shape);
  }

  /** A seed for parameter {@code key}: the net's seed mixed with the key's hash (SplitMix64). */
  private long mix(String key) {
    long z = seed * 0x9E3779B97F4A7C15L + key.hashCode();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
