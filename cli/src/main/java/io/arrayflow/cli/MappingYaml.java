package io.arrayflow.cli;

import io.arrayflow.dataflows.mapping.Axis;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.LevelMapping;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link Mapping} as the YAML {@code --mapping} reads (docs/mapping.md): levels outermost
 * first with the {@code array} entry in its place between the shared and the PE-local levels, so a
 * mapping written by {@code run --out} can be edited and fed back.
 */
final class MappingYaml {
  private MappingYaml() {}

  /** {@code mapping} on {@code hierarchy} as YAML, after {@code header} as comment lines. */
  static String of(Mapping mapping, Hierarchy hierarchy, List<String> header) {
    StringBuilder b = new StringBuilder();
    for (String line : header) {
      b.append("# ").append(line).append('\n');
    }
    b.append("mapping:\n");
    boolean arrayWritten = false;
    for (LevelMapping l : mapping.levels()) {
      if (l.level().equals(Hierarchy.ARRAY)) {
        continue;
      }
      int index = hierarchy.indexOf(l.level());
      if (!arrayWritten && index >= 0 && hierarchy.isPeLocal(index)) {
        b.append(array(mapping));
        arrayWritten = true;
      }
      b.append(level(l));
    }
    if (!arrayWritten) {
      b.append(array(mapping));
    }
    return b.toString();
  }

  private static String level(LevelMapping l) {
    StringBuilder b = new StringBuilder("  - {level: ").append(l.level());
    String temporal = factors(l::factor);
    if (!temporal.isEmpty()) {
      b.append(", temporal: {").append(temporal).append('}');
    }
    if (!l.order().isEmpty()) {
      List<String> order = new ArrayList<>();
      l.order().forEach(d -> order.add(d.name()));
      b.append(", order: [").append(String.join(", ", order)).append(']');
    }
    l.keep().ifPresent(keep -> b.append(", keep: [").append(roles(keep)).append(']'));
    return b.append("}\n").toString();
  }

  private static String array(Mapping m) {
    StringBuilder b = new StringBuilder("  - {level: array, spatial: {");
    String sep = "";
    for (Axis a : Axis.values()) {
      b.append(sep).append(a.key()).append(": {").append(factors(d -> m.spatial(a, d)));
      b.append('}');
      sep = ", ";
    }
    return b.append("}}\n").toString();
  }

  private static String factors(java.util.function.ToIntFunction<Dim> factor) {
    List<String> out = new ArrayList<>();
    for (Dim d : Dim.values()) {
      int f = factor.applyAsInt(d);
      if (f != 1) {
        out.add(d.name() + ": " + f);
      }
    }
    return String.join(", ", out);
  }

  private static String roles(Set<Role> keep) {
    List<String> out = new ArrayList<>();
    for (Role r : Role.values()) {
      if (keep.contains(r)) {
        out.add(r.key());
      }
    }
    return String.join(", ", out);
  }
}
