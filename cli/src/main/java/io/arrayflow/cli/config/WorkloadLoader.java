package io.arrayflow.cli.config;

import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.zoo.AttentionLayers;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a user workload (a list of layers) from YAML. Conv and FC channel counts are totals ({@code
 * C}, {@code M}; {@code groups} must divide both); a matmul is {@code A[batch][M][K] ·
 * B[batch][K][N]} with {@code weights: static|dynamic} saying whether B is a parameter or an
 * activation. Vector layers give an element count, optionally their row length (the axis a softmax
 * or a norm works along) and {@code fuse: true} to fuse into the MAC layer right before them; an
 * {@code attention} layer stands for its {@code .qk}, {@code .softmax} and {@code .av} layers. See
 * the README for the format.
 */
public final class WorkloadLoader {
  private static final List<String> TYPES = types();

  private WorkloadLoader() {}

  private static List<String> types() {
    List<String> t = new ArrayList<>(List.of("conv", "fc", "matmul", "attention"));
    for (VectorKind k : VectorKind.values()) {
      t.add(k.key());
    }
    return List.copyOf(t);
  }

  /** The layer types a workload file may use. */
  public static List<String> layerTypes() {
    return TYPES;
  }

  /** Reads a workload document; every problem in it is reported together. */
  public static Workload load(Node root, String file) {
    ConfigReader reader = new ConfigReader(file);
    Section doc = reader.root(root);
    String name = doc.requiredString("name");
    nameRule(doc, Workload.nameProblem(name));
    List<Node> items = doc.optionalList("layers");
    if (doc.raw("layers") == null) {
      doc.problem("layers", "required field is missing");
    } else if (items.isEmpty()) {
      doc.problem("layers", "must list at least one layer");
    }
    doc.finish();
    List<Layer> layers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Section l = doc.listItem("layers", i, items.get(i));
      List<Layer> made = layer(l, layers.isEmpty() ? null : layers.get(layers.size() - 1));
      l.finish();
      List<String> itemNames = new ArrayList<>();
      made.forEach(layer -> itemNames.add(layer.name()));
      if (made.isEmpty() && l.raw("name") instanceof Node.Scalar n) {
        itemNames.add(n.text());
      }
      for (String n : itemNames) {
        if (!names.add(n)) {
          l.problem("name", "layer name '" + n + "' is used twice; names must be unique");
        }
      }
      layers.addAll(made);
    }
    if (reader.problemCount() == 0) {
      for (String p : Workload.totalsProblems(layers)) {
        doc.problem("layers", p);
      }
    }
    reader.throwIfProblems();
    return new Workload(name, layers);
  }

  /** Reports {@code bad}, why a name cannot be used, at the map's {@code name}. */
  private static void nameRule(Section s, String bad) {
    // A missing or non-text name is reported by requiredString already.
    if (bad != null
        && s.raw("name") instanceof Node.Scalar n
        && n.type() != Node.Scalar.Type.NULL) {
      s.problem("name", bad);
    }
  }

  /**
   * The layers an item stands for (one, or an attention's three), or none if any of its fields has
   * a problem (all of them are recorded); {@code before} is the layer before it, or null.
   */
  private static List<Layer> layer(Section l, Layer before) {
    int problems = l.reader().problemCount();
    String name = l.requiredString("name");
    nameRule(l, Layer.nameProblem(name));
    int beforeType = l.reader().problemCount();
    String type = l.requiredChoice("type", TYPES);
    if (l.reader().problemCount() > beforeType) {
      // Without a valid type the other keys cannot be judged; report only the type.
      l.allow(l.keys().toArray(new String[0]));
      return List.of();
    }
    // Each reader checks its fields and returns how to build the layers once they are all valid.
    Supplier<List<Layer>> make =
        switch (type) {
          case "conv" -> one(conv(l, name));
          case "fc" -> one(fc(l, name));
          case "matmul" -> one(matmul(l, name));
          case "attention" -> attention(l, name);
          default -> one(vector(l, name, VectorKind.named(type), before));
        };
    return l.reader().problemCount() > problems ? List.of() : make.get();
  }

  private static Supplier<List<Layer>> one(Supplier<Layer> make) {
    return () -> List.of(make.get());
  }

  private static Supplier<Layer> conv(Section l, String name) {
    int n = l.optionalInt("N", 1, 1);
    int c = l.requiredInt("C", 1);
    int h = l.requiredInt("H", 1);
    int w = l.optionalInt("W", h, 1);
    int m = l.requiredInt("M", 1);
    int r = l.requiredInt("R", 1);
    int s = l.optionalInt("S", r, 1);
    int stride = l.optionalInt("stride", 1, 1);
    int pad = l.optionalInt("padding", 0, 0);
    int dilation = l.optionalInt("dilation", 1, 1);
    int groups = l.optionalInt("groups", 1, 1);
    if (c % groups != 0) {
      l.problem("groups", "must divide C (" + c + "), was " + groups);
    }
    if (m % groups != 0) {
      l.problem("groups", "must divide M (" + m + "), was " + groups);
    }
    report(
        l,
        OpSpec.problems(
            n,
            groups,
            Math.max(1, m / groups),
            Math.max(1, c / groups),
            h,
            w,
            r,
            s,
            stride,
            stride,
            dilation,
            dilation,
            pad,
            pad));
    return () ->
        Layer.of(
            OpSpec.conv(
                name, n, groups, m / groups, c / groups, h, w, r, s, stride, pad, dilation));
  }

  /**
   * Reports {@link OpSpec#problems}: one about a field at that field's key, an empty or too large
   * output at {@code padding}, sizes (MACs, elements) at the layer.
   */
  private static void report(Section l, List<String> problems) {
    for (String p : problems) {
      int colon = p.indexOf(':');
      String key = p.startsWith("output is") ? "padding" : colon < 0 ? "" : p.substring(0, colon);
      if (key.equals("padding") || l.keys().contains(key)) {
        l.problem(key, p.startsWith(key + ": ") ? p.substring(key.length() + 2) : p);
      } else {
        l.problem(p);
      }
    }
  }

  private static Supplier<Layer> fc(Section l, String name) {
    int n = l.optionalInt("N", 1, 1);
    int c = l.requiredInt("C", 1);
    int m = l.requiredInt("M", 1);
    report(l, OpSpec.problems(n, 1, m, c, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0));
    return () -> Layer.of(OpSpec.fc(name, n, c, m));
  }

  private static Supplier<Layer> matmul(Section l, String name) {
    int batch = l.optionalInt("batch", 1, 1);
    int rows = l.requiredInt("M", 1);
    int k = l.requiredInt("K", 1);
    int cols = l.requiredInt("N", 1);
    String weights = l.optionalChoice("weights", "static", List.of("static", "dynamic"));
    report(l, OpSpec.problems(1, batch, cols, k, rows, 1, 1, 1, 1, 1, 1, 1, 0, 0));
    return () -> Layer.of(OpSpec.matmul(name, batch, rows, k, cols, weights.equals("static")));
  }

  private static Supplier<Layer> vector(Section l, String name, VectorKind kind, Layer before) {
    long elements = l.requiredLong("elements", 1);
    long row = l.optionalLong("row_length", elements, 1);
    boolean fuse = l.optionalBoolean("fuse", false);
    report(l, VectorOpSpec.problems(kind, elements, row));
    if (fuse && (before == null || !before.isMac())) {
      l.problem(
          "fuse",
          "needs a MAC layer right before it to fuse into; "
              + (before == null
                  ? "it is the first layer"
                  : "'" + before.name() + "' is a vector layer"));
    }
    String producer = fuse && before != null ? before.name() : null;
    if (kind != VectorKind.ROPE) {
      return () -> Layer.of(VectorOpSpec.rows(name, kind, elements / row, row)).fusedInto(producer);
    }
    int heads = l.optionalInt("heads", 1, 1);
    long rows = elements / Math.max(1, row);
    if (rows % heads != 0) {
      l.problem(
          "heads", "must divide the rows (elements / row_length = " + rows + "), was " + heads);
    }
    long positions = l.optionalLong("positions", Math.max(1, rows / heads), 1);
    if (row % 2 != 0 || row > Integer.MAX_VALUE || positions > Integer.MAX_VALUE) {
      l.problem("row_length", "rope rotates pairs: must be even and fit an int, was " + row);
    }
    return () ->
        Layer.of(VectorOpSpec.rope(name, rows, (int) row, (int) positions, heads))
            .fusedInto(producer);
  }

  private static Supplier<List<Layer>> attention(Section l, String name) {
    int batch = l.optionalInt("batch", 1, 1);
    int heads = l.requiredInt("heads", 1);
    int kvHeads = l.optionalInt("kv_heads", heads, 1);
    int queries = l.requiredInt("queries", 1);
    int keys = l.optionalInt("keys", queries, 1);
    int headDim = l.requiredInt("head_dim", 1);
    boolean causal = l.optionalBoolean("causal", false);
    boolean fuse = l.optionalBoolean("fuse", false);
    if (heads % kvHeads != 0) {
      l.problem("kv_heads", "must divide heads (" + heads + "), was " + kvHeads);
    }
    if (causal && queries > keys) {
      l.problem("keys", "causal attention needs keys >= queries (" + queries + "), was " + keys);
    }
    long g = (long) batch * kvHeads;
    long rows = (long) heads / Math.max(1, kvHeads) * queries;
    if (g > Integer.MAX_VALUE || rows > Integer.MAX_VALUE) {
      l.problem(
          "batch × kv_heads and heads × queries must each fit an int, were " + g + ", " + rows);
    } else {
      report(l, OpSpec.problems(1, (int) g, keys, headDim, (int) rows, 1, 1, 1, 1, 1, 1, 1, 0, 0));
      report(l, OpSpec.problems(1, (int) g, headDim, keys, (int) rows, 1, 1, 1, 1, 1, 1, 1, 0, 0));
    }
    return () -> {
      List<Layer> layers =
          new ArrayList<>(
              AttentionLayers.of(name, batch, heads, kvHeads, queries, keys, headDim, causal));
      if (fuse) {
        layers.set(1, layers.get(1).fusedInto(layers.get(0).name()));
      }
      return layers;
    };
  }
}
