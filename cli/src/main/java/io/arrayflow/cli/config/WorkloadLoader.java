package io.arrayflow.cli.config;

import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorKind;
import io.arrayflow.workloads.spec.VectorOpSpec;
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
 * activation. Vector layers give an element count. See the README for the format.
 */
public final class WorkloadLoader {
  private static final List<String> TYPES = types();

  private WorkloadLoader() {}

  private static List<String> types() {
    List<String> t = new ArrayList<>(List.of("conv", "fc", "matmul"));
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
      Layer layer = layer(l);
      l.finish();
      if (l.raw("name") instanceof Node.Scalar n && !names.add(n.text())) {
        l.problem("name", "layer name '" + n.text() + "' is used twice; names must be unique");
      }
      if (layer != null) {
        layers.add(layer);
      }
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

  /** The layer, or null if any of its fields has a problem (all of them are recorded). */
  private static Layer layer(Section l) {
    int before = l.reader().problemCount();
    String name = l.requiredString("name");
    nameRule(l, Layer.nameProblem(name));
    int beforeType = l.reader().problemCount();
    String type = l.requiredChoice("type", TYPES);
    if (l.reader().problemCount() > beforeType) {
      // Without a valid type the other keys cannot be judged; report only the type.
      l.allow(l.keys().toArray(new String[0]));
      return null;
    }
    // Each reader checks its fields and returns how to build the layer once they are all valid.
    Supplier<Layer> make =
        switch (type) {
          case "conv" -> conv(l, name);
          case "fc" -> fc(l, name);
          case "matmul" -> matmul(l, name);
          default -> vector(l, name, VectorKind.named(type));
        };
    return l.reader().problemCount() > before ? null : make.get();
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
        l.problem(key, p);
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

  private static Supplier<Layer> vector(Section l, String name, VectorKind kind) {
    long elements = l.requiredLong("elements", 1);
    report(l, VectorOpSpec.problems(kind, elements));
    return () -> Layer.of(new VectorOpSpec(name, kind, elements));
  }
}
