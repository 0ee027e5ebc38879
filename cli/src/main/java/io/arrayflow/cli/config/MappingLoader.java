package io.arrayflow.cli.config;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * Reads an explicit mapping ({@code --mapping FILE}, the format of DESIGN.md and {@code
 * docs/mapping.md}) into a {@link Mapping}: a list under {@code mapping:} of levels outermost
 * first, each with temporal factors, a loop order and the operands it keeps, and for {@code level:
 * array} the spatial factors on rows and columns. Only the syntax is judged here (types, known
 * keys, dimension and operand names, factors {@code >= 1}, repeats within one map or list, where
 * {@code spatial} may appear); whether the levels exist in the architecture and the factors fit the
 * layer is {@link io.arrayflow.dataflows.mapping.MappingCheck}'s job. Dimension and operand names
 * are case-insensitive, level names and keys are not. Every problem in the file is reported
 * together.
 */
public final class MappingLoader {
  private static final List<String> DIMS = dimNames();
  private static final List<String> OPERANDS = operandNames();
  private static final String DIM_LIST = String.join(", ", DIMS);

  private MappingLoader() {}

  private static List<String> dimNames() {
    List<String> out = new ArrayList<>();
    for (Dim d : Dim.values()) {
      out.add(d.name());
    }
    return List.copyOf(out);
  }

  private static List<String> operandNames() {
    List<String> out = new ArrayList<>();
    for (Role r : Role.values()) {
      out.add(r.key());
    }
    return List.copyOf(out);
  }

  /** Reads the mapping file at {@code file}; messages name it as written. */
  public static Mapping load(Path file) {
    String name = file.toString();
    Node root = YamlFiles.read(file, name);
    ConfigReader reader = new ConfigReader(name);
    if (!(root instanceof Node.MapNode)) {
      reader.problem(
          root, "", "the document must be a map with the key mapping, was " + root.describe());
      reader.throwIfProblems();
    }
    Section doc = reader.root(root);
    Node raw = doc.raw("mapping");
    List<Node> items = doc.optionalList("mapping");
    if (raw == null) {
      doc.problem("mapping", "required field is missing");
    } else if (raw instanceof Node.ListNode && items.isEmpty()) {
      doc.problem("mapping", "must list at least one level");
    }
    doc.finish();
    // The builder sees every entry, valid or not; its result is used only if nothing was reported.
    Mapping.Builder builder = Mapping.builder();
    for (int i = 0; i < items.size(); i++) {
      Section entry = doc.listItem("mapping", i, items.get(i));
      if (items.get(i) instanceof Node.MapNode) {
        entry(entry, builder);
        entry.finish();
      }
    }
    reader.throwIfProblems();
    return builder.build();
  }

  private static void entry(Section e, Mapping.Builder b) {
    e.allow("level", "temporal", "order", "keep", "spatial");
    int before = e.reader().problemCount();
    String level = e.requiredString("level");
    boolean levelKnown = e.reader().problemCount() == before;
    b.level(level);
    if (levelKnown && level.equals(Hierarchy.ARRAY)) {
      for (String key : List.of("temporal", "order", "keep")) {
        if (e.raw(key) != null) {
          e.problem(key, "not allowed on level array, which takes only spatial (rows, cols)");
        }
      }
      spatial(e.optionalSection("spatial"), b);
      return;
    }
    if (levelKnown && e.raw("spatial") != null) {
      e.problem(
          "spatial",
          "allowed only on level array, was on level "
              + level
              + Suggest.didYouMean(level, List.of(Hierarchy.ARRAY)));
    } else if (!levelKnown) {
      // Without a level the placement rules cannot be judged; the contents still can.
      spatial(e.optionalSection("spatial"), b);
    }
    factors(e.optionalSection("temporal"), b::temporal);
    b.order(order(e));
    if (e.raw("keep") != null) {
      b.keep(keep(e).toArray(new Role[0]));
    }
  }

  private static void spatial(Section s, Mapping.Builder b) {
    for (Axis axis : Axis.values()) {
      factors(s.optionalSection(axis.key()), (d, f) -> b.spatial(axis, d, f));
    }
    s.finish();
  }

  /** A map of dimension to factor {@code >= 1}; each valid pair goes to {@code set}. */
  private static void factors(Section s, ObjIntConsumer<Dim> set) {
    Set<Dim> seen = EnumSet.noneOf(Dim.class);
    for (String key : s.keys()) {
      Dim d = dim(key);
      if (d == null) {
        s.problem(
            key,
            "unknown dimension '"
                + key
                + "'; expected one of "
                + DIM_LIST
                + Suggest.didYouMean(key, DIMS));
        continue;
      }
      if (!seen.add(d)) {
        s.problem(key, "names dimension " + d + " twice; each dimension may appear once");
        continue;
      }
      int before = s.reader().problemCount();
      int f = s.requiredInt(key, 1);
      if (s.reader().problemCount() == before) {
        set.accept(d, f);
      }
    }
  }

  private static List<Dim> order(Section e) {
    List<Node> items = e.optionalList("order");
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String at = e.pathOf("order") + "[" + i + "]";
      String text = text(item);
      Dim d = text == null ? null : dim(text);
      if (d == null) {
        e.reader()
            .problem(
                item,
                at,
                "must be a dimension, one of "
                    + DIM_LIST
                    + ", was "
                    + item.describe()
                    + (text == null ? "" : Suggest.didYouMean(text, DIMS)));
      } else if (out.contains(d)) {
        e.reader().problem(item, at, "names " + d + " twice; each dimension may appear once");
      } else {
        out.add(d);
      }
    }
    return out;
  }

  private static List<Role> keep(Section e) {
    List<Node> items = e.optionalList("keep");
    List<Role> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String at = e.pathOf("keep") + "[" + i + "]";
      String text = text(item);
      Role r = text == null ? null : role(text);
      if (r == null) {
        e.reader()
            .problem(
                item,
                at,
                "must be one of "
                    + String.join(", ", OPERANDS)
                    + ", was "
                    + item.describe()
                    + (text == null ? "" : Suggest.didYouMean(text, OPERANDS)));
      } else if (out.contains(r)) {
        e.reader().problem(item, at, "'" + r.key() + "' is listed twice");
      } else {
        out.add(r);
      }
    }
    return out;
  }

  /** The text of a non-null scalar, else null. */
  private static String text(Node n) {
    return n instanceof Node.Scalar s && s.type() != Node.Scalar.Type.NULL ? s.text() : null;
  }

  private static Dim dim(String name) {
    for (Dim d : Dim.values()) {
      if (d.name().equalsIgnoreCase(name)) {
        return d;
      }
    }
    return null;
  }

  private static Role role(String name) {
    for (Role r : Role.values()) {
      if (r.key().equalsIgnoreCase(name)) {
        return r;
      }
    }
    return null;
  }
}
